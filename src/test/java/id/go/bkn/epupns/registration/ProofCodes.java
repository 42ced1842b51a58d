package id.go.bkn.epupns.registration;

import java.time.Duration;
import java.time.LocalDate;

/** The code printed on a proof, as the service signs it: for tests outside this package (the access matrix). */
public final class ProofCodes {

  private ProofCodes() {
  }

  public static String code(String proofSigningKey, String registrationNumber, String nip, LocalDate registered) {
    return new ProofSigner(proofSigningKey, Duration.ofMinutes(1)).code(registrationNumber, nip, registered);
  }
}
