package id.go.bkn.epupns.registration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Approved registrations made in bulk for load tests (the loadtest-prepare command): one password
 * hash computed once and shared by every account, so preparing 100,000 accounts costs seconds, not
 * hours of Argon2. Recovery secrets are real (keyed hash, encrypted answer), so every flow works
 * with these accounts. Never used by the service itself.
 */
public final class BulkAccounts {

  public static final String MOTHER_NAME = "Ibu Uji Beban";
  public static final String QUESTION = "Apa nama sekolah dasar pertama Anda?";
  public static final String ANSWER = "SD Negeri 1 Uji Beban";

  private static final String INSERT = """
      insert into registration (nip, registration_number, nik, email, password_hash, mother_name_hash,
                                security_question, security_answer_enc, status, decided_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, 'APPROVED', now())
      on conflict do nothing""";

  private final PersonalSecrets secrets;

  public BulkAccounts(String base64DataKey) {
    this.secrets = new PersonalSecrets(base64DataKey);
  }

  /** One PNS to register: its NIP and the NIK SAPK holds. */
  public record Person(String nip, String nik) {
  }

  /**
   * Inserts an APPROVED registration for each person (skipping any that already has an active
   * one) in the caller's transaction; returns the registration number per person, null where
   * skipped.
   */
  public List<String> insertApproved(Connection c, List<Person> people, String passwordHash) throws SQLException {
    String motherHash = secrets.motherNameHash(MOTHER_NAME);
    List<String> numbers = new ArrayList<>(people.size());
    try (PreparedStatement insert = c.prepareStatement(INSERT)) {
      for (Person person : people) {
        String number = RegistrationNumbers.generate();
        numbers.add(number);
        insert.setString(1, person.nip());
        insert.setString(2, number);
        insert.setString(3, person.nik());
        insert.setString(4, "lt" + person.nip() + "@example.go.id");
        insert.setString(5, passwordHash);
        insert.setString(6, motherHash);
        insert.setString(7, QUESTION);
        insert.setBytes(8, secrets.encryptAnswer(ANSWER, person.nip()));
        insert.addBatch();
      }
      int[] counts = insert.executeBatch();
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] == 0) {
          numbers.set(i, null);
        }
      }
    }
    return numbers;
  }
}
