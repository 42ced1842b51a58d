package id.go.bkn.epupns.mail;

import id.go.bkn.epupns.core.secrets.DataKey;
import id.go.bkn.epupns.core.secrets.Sealer;

/**
 * The secret part of a mail (the token of a password-reset link) is never stored in its text: the
 * text holds {@link MailOutbox#SECRET} where it goes, and the secret is kept beside it sealed
 * ({@link Sealer}) under its own key derived from secrets.dataKey (the key lives outside the
 * database). The recipient is bound as associated data, so a row whose recipient was changed does
 * not open. The sender opens it only to hand the mail to SMTP and then erases it.
 */
public final class MailSecrets {

  private final Sealer sealer;

  public MailSecrets(String base64DataKey) {
    this.sealer = new DataKey(base64DataKey).sealer("epupns mail secret");
  }

  byte[] seal(String secret, String recipient) {
    return sealer.seal(secret, recipient);
  }

  String open(byte[] sealed, String recipient) {
    return sealer.open(sealed, recipient).orElseThrow(
        () -> new IllegalStateException("the mail's secret does not open (secrets.dataKey changed or row altered)"));
  }
}
