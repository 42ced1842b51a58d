package id.go.bkn.epupns.registration;

import id.go.bkn.epupns.captcha.CaptchaVerifier;
import id.go.bkn.epupns.core.http.FieldErrors;
import id.go.bkn.epupns.core.http.JsonBodies;
import id.go.bkn.epupns.sapk.Nik;
import id.go.bkn.epupns.sapk.Nip;
import io.vertx.core.json.JsonObject;

import java.util.regex.Pattern;

/**
 * The body of POST /api/registrations, checked field by field; every error is collected and
 * answered at once (400 with {@code fields}). What needs SAPK (does the NIK match the record?)
 * is checked later, behind the rate limit and the captcha.
 */
record RegistrationForm(Nip nip, Nik nik, String email, String password, String motherName,
                        String securityQuestion, String securityAnswer, String captchaId, String captchaAnswer) {

  static final int EMAIL_MAX = 254;
  static final int MOTHER_MIN = 2;
  static final int MOTHER_MAX = 100;
  static final int QUESTION_MAX = 200;
  static final int ANSWER_MAX = 100;
  // Pragmatic syntax: one @, a sane local part, a domain of dot-separated labels with a TLD.
  private static final Pattern EMAIL = Pattern.compile(
      "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
          + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z]{2,63}");

  static RegistrationForm read(JsonObject body, PasswordPolicy passwords) {
    FieldErrors errors = new FieldErrors();
    Nip.Result nip = Nip.parse(JsonBodies.text(body, "nip"));
    if (!nip.valid()) {
      errors.add("nip", nip.error());
    }
    Nik.Result nik = Nik.parse(JsonBodies.text(body, "nik"));
    if (!nik.valid()) {
      errors.add("nik", nik.error());
    } else if (nip.valid()) {
      String disagreement = nik.get().disagreementWith(nip.get());
      if (disagreement != null) {
        errors.add("nik", disagreement);
      }
    }
    String email = JsonBodies.text(body, "email");
    checkEmail(email, errors);
    // Passwords are taken exactly as typed: never trimmed, never truncated.
    String password = raw(body, "password");
    passwords.check(password, raw(body, "passwordConfirmation"), nip.valid() ? nip.get().value() : null, errors,
        "password", "passwordConfirmation");
    String mother = JsonBodies.text(body, "motherName");
    if (mother == null) {
      errors.add("motherName", "Nama gadis ibu kandung wajib diisi.");
    } else if (mother.length() < MOTHER_MIN || mother.length() > MOTHER_MAX) {
      errors.add("motherName", "Nama gadis ibu kandung " + MOTHER_MIN + " s.d. " + MOTHER_MAX + " karakter.");
    }
    String question = JsonBodies.text(body, "securityQuestion");
    if (question == null) {
      errors.add("securityQuestion", "Pilih atau tulis pertanyaan keamanan.");
    } else if (question.length() > QUESTION_MAX) {
      errors.add("securityQuestion", "Pertanyaan keamanan paling banyak " + QUESTION_MAX + " karakter.");
    }
    String answer = JsonBodies.text(body, "securityAnswer");
    if (answer == null) {
      errors.add("securityAnswer", "Jawaban pertanyaan keamanan wajib diisi.");
    } else if (answer.length() > ANSWER_MAX) {
      errors.add("securityAnswer", "Jawaban pertanyaan keamanan paling banyak " + ANSWER_MAX + " karakter.");
    }
    String captchaId = JsonBodies.text(body, CaptchaVerifier.ID_FIELD);
    String captchaAnswer = JsonBodies.text(body, CaptchaVerifier.ANSWER_FIELD);
    captcha(captchaId, captchaAnswer, errors);
    errors.throwIfAny();
    return new RegistrationForm(nip.get(), nik.get(), email, password, mother, question, answer, captchaId,
        captchaAnswer);
  }

  static void checkEmail(String email, FieldErrors errors) {
    if (email == null) {
      errors.add("email", "Alamat email wajib diisi.");
    } else if (email.length() > EMAIL_MAX || !EMAIL.matcher(email).matches()) {
      errors.add("email", "Alamat email tidak sah (contoh: nama@contoh.go.id).");
    }
  }

  /** The captcha fields every protected request carries. */
  static void captcha(String id, String answer, FieldErrors errors) {
    if (id == null) {
      errors.add(CaptchaVerifier.ID_FIELD, "Captcha belum dimuat. Muat ulang gambar captcha.");
    }
    if (answer == null) {
      errors.add(CaptchaVerifier.ANSWER_FIELD, "Ketik huruf/angka pada gambar captcha.");
    } else if (answer.length() > 20) {
      errors.add(CaptchaVerifier.ANSWER_FIELD, "Jawaban captcha terlalu panjang.");
    }
  }

  static String raw(JsonObject body, String name) {
    return JsonBodies.raw(body, name);
  }
}
