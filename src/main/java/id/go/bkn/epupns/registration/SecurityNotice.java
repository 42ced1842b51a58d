package id.go.bkn.epupns.registration;

import id.go.bkn.epupns.mail.MailOutbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.util.Locale;

/**
 * Who gets which mail (README "Mail: who gets what"). Every mail about a registration goes to the
 * address the PNS gave when registering. The address SAPK holds is one the PNS did not give to
 * e-PUPNS, so it gets no personal data at all: only this notice, and only when the account changed
 * (created, password changed, reset), because that is how the real PNS learns that someone else
 * registered with their NIP and their own address. Nothing is sent when the two addresses are the same.
 */
public final class SecurityNotice {

  /** The account changes the SAPK address is told about. */
  public enum Change {
    REGISTERED("akun e-PUPNS baru saja dibuat (registrasi)"),
    PASSWORD_CHANGED("kata sandi akun e-PUPNS baru saja diganti"),
    RESET("registrasi e-PUPNS baru saja di-reset oleh bagian kepegawaian, sehingga NIP dapat didaftarkan kembali");

    final String text;

    Change(String text) {
      this.text = text;
    }
  }

  static final String SUBJECT = "e-PUPNS: pemberitahuan keamanan akun";

  private SecurityNotice() {
  }

  /** True when the SAPK address exists and is another mailbox than the registered one. */
  public static boolean sapkAddressDiffers(String registeredEmail, String sapkEmail) {
    return sapkEmail != null && !sapkEmail.isBlank() && !normal(sapkEmail).equals(normal(registeredEmail));
  }

  /** Queues the notice to the SAPK address, in the caller's transaction, when it differs from the registered one. */
  public static Future<Void> enqueue(SqlClient tx, String registeredEmail, String sapkEmail, Change change) {
    if (!sapkAddressDiffers(registeredEmail, sapkEmail)) {
      return Future.succeededFuture();
    }
    return MailOutbox.enqueue(tx, normal(sapkEmail), SUBJECT, body(change));
  }

  /** No name, NIP, registration number, address or reason: the holder of this address may not be the PNS. */
  static String body(Change change) {
    return """
        Yth. Bapak/Ibu,

        Alamat email ini tercatat pada data kepegawaian (SAPK). Untuk NIP yang tercatat dengan alamat ini,
        %s.

        Rincian perubahan hanya dikirim ke alamat email yang didaftarkan pada registrasi e-PUPNS.
        Bila Anda mengetahui perubahan ini, abaikan email ini. Bila tidak, segera hubungi bagian
        kepegawaian instansi Anda.

        Email ini dikirim otomatis oleh e-PUPNS, Badan Kepegawaian Negara. Jangan membalas email ini.
        """.formatted(change.text);
  }

  private static String normal(String email) {
    return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
  }
}
