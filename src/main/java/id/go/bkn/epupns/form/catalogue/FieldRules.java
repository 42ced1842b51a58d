package id.go.bkn.epupns.form.catalogue;

import id.go.bkn.epupns.form.catalogue.Catalogue.Field;
import id.go.bkn.epupns.sapk.Nip;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Interprets a catalogue field's type and rules. {@link #normalize} checks one value on its own
 * (type, format, range, options) and returns its stored form; {@link #crossCheck} applies the rules
 * that look at other fields (dates in order, options that depend on another field).
 */
public final class FieldRules {

  private static final DateTimeFormatter HUMAN = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("id"));
  private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$");
  /** Indonesian mobile numbers: 08xx or +628xx, 10-14 digits in the national form. */
  private static final Pattern PHONE = Pattern.compile("^08[1-9][0-9]{7,11}$");

  private FieldRules() {
  }

  /** Another field's effective value and label, by reference ("name" or "section.name"). */
  public interface Values {
    Object value(String ref);

    String label(String ref);
  }

  /** A normalized value, or the reason it was refused. */
  public record Checked(Object value, String error) {
    static Checked ok(Object value) {
      return new Checked(value, null);
    }

    static Checked error(String message) {
      return new Checked(null, message);
    }

    public boolean failed() {
      return error != null;
    }
  }

  /** Blank text and JSON null are "no value": the caller decides whether one is needed. */
  public static boolean isEmpty(Object raw) {
    return raw == null || raw instanceof String s && s.isBlank();
  }

  public static Checked normalize(Field f, Object raw, LocalDate today) {
    if (isEmpty(raw)) {
      return Checked.ok(null);
    }
    return switch (f.type()) {
      case TEXT -> text(f, raw);
      case DATE -> date(f, raw, today);
      case INTEGER -> integer(f, raw, today);
      case ENUM -> option(f, raw);
      case BOOLEAN -> bool(raw);
      case EMAIL -> email(f, raw);
      case PHONE -> phone(raw);
      case NIP -> nip(raw);
      case REFERENCE -> reference(raw);
    };
  }

  /** Rules across fields; the value is already normalized and not empty. */
  public static String crossCheck(Field f, Object value, Values others) {
    if (f.type() == Catalogue.Type.DATE) {
      LocalDate date = LocalDate.parse((String) value);
      for (String ref : f.after()) {
        LocalDate other = asDate(others.value(ref));
        if (other != null && !date.isAfter(other)) {
          return "Harus setelah " + others.label(ref) + " (" + HUMAN.format(other) + ").";
        }
      }
      for (String ref : f.notBefore()) {
        LocalDate other = asDate(others.value(ref));
        if (other != null && date.isBefore(other)) {
          return "Tidak boleh sebelum " + others.label(ref) + " (" + HUMAN.format(other) + ").";
        }
      }
    }
    if (f.optionsDependOn() != null) {
      Object on = others.value(f.optionsDependOn().field());
      List<String> allowed = on == null ? null : f.optionsDependOn().options().get(String.valueOf(on));
      if (allowed != null && !allowed.contains(String.valueOf(value))) {
        return "Untuk " + others.label(f.optionsDependOn().field()) + " " + on + " pilih salah satu: "
            + String.join(", ", allowed) + ".";
      }
    }
    return null;
  }

  /** "Hanya diisi bila Jenis jabatan = Struktural." */
  public static String notApplicable(Field f, Values others) {
    String field = f.when().field();
    String values = f.when().anyOf().stream().map(String::valueOf).collect(Collectors.joining(" atau "));
    return "Hanya diisi bila " + others.label(field) + " = " + values + ".";
  }

  private static Checked text(Field f, Object raw) {
    if (!(raw instanceof String s)) {
      return Checked.error("Harus berupa teks.");
    }
    String value = s.strip().replaceAll("\\s+", " ");
    if (value.codePoints().anyMatch(Character::isISOControl)) {
      return Checked.error("Mengandung karakter yang tidak diizinkan.");
    }
    if (f.minLength() != null && value.length() < f.minLength()) {
      return Checked.error("Paling sedikit " + f.minLength() + " karakter.");
    }
    if (f.maxLength() != null && value.length() > f.maxLength()) {
      return Checked.error("Paling banyak " + f.maxLength() + " karakter.");
    }
    if (f.pattern() != null && !f.pattern().matcher(value).matches()) {
      return Checked.error(f.patternMessage() != null ? f.patternMessage() : "Format tidak sesuai.");
    }
    return Checked.ok(value);
  }

  private static Checked date(Field f, Object raw, LocalDate today) {
    if (!(raw instanceof String s) || !s.trim().matches("\\d{4}-\\d{2}-\\d{2}")) {
      return Checked.error("Tanggal harus berformat TTTT-BB-HH, misalnya 2006-03-01.");
    }
    LocalDate date;
    try {
      date = LocalDate.parse(s.trim());
    } catch (DateTimeParseException e) {
      return Checked.error("Tanggal tidak ada di kalender.");
    }
    if (f.notFuture() && date.isAfter(today)) {
      return Checked.error("Tidak boleh melewati hari ini.");
    }
    if (f.minDate() != null && date.isBefore(LocalDate.parse(f.minDate()))) {
      return Checked.error("Tidak boleh sebelum " + HUMAN.format(LocalDate.parse(f.minDate())) + ".");
    }
    return Checked.ok(date.toString());
  }

  private static Checked integer(Field f, Object raw, LocalDate today) {
    long value;
    if (raw instanceof Number n && wholeNumber(n) != null) {
      value = wholeNumber(n);
    } else if (raw instanceof String s && s.trim().matches("-?\\d{1,9}")) {
      value = Long.parseLong(s.trim());
    } else {
      return Checked.error("Harus bilangan bulat.");
    }
    Long max = f.maxIsCurrentYear() ? Long.valueOf(today.getYear()) : f.max();
    if (f.min() != null && value < f.min() || max != null && value > max) {
      return Checked.error("Harus antara " + f.min() + " dan " + max + ".");
    }
    return Checked.ok(value);
  }

  private static Checked option(Field f, Object raw) {
    if (!(raw instanceof String) && !(raw instanceof Number)) {
      return Checked.error("Pilih salah satu pilihan.");
    }
    return f.option(raw.toString().trim())
        .map(o -> Checked.ok(o.value()))
        .orElseGet(() -> Checked.error("Pilih salah satu: "
            + f.options().stream().map(Catalogue.Option::label).collect(Collectors.joining(", ")) + "."));
  }

  private static Checked bool(Object raw) {
    if (raw instanceof Boolean b) {
      return Checked.ok(b);
    }
    if ("true".equals(raw) || "false".equals(raw)) {
      return Checked.ok(Boolean.parseBoolean((String) raw));
    }
    return Checked.error("Pilih Ya atau Tidak.");
  }

  private static Checked email(Field f, Object raw) {
    if (!(raw instanceof String s)) {
      return Checked.error("Harus berupa alamat email.");
    }
    String value = s.trim();
    if (f.maxLength() != null && value.length() > f.maxLength() || !EMAIL.matcher(value).matches()) {
      return Checked.error("Alamat email tidak valid, contoh: nama@contoh.go.id.");
    }
    return Checked.ok(value.toLowerCase(Locale.ROOT));
  }

  private static Checked phone(Object raw) {
    if (!(raw instanceof String s)) {
      return Checked.error("Harus berupa nomor HP.");
    }
    String digits = s.trim().replaceAll("[\\s.-]", "");
    if (digits.startsWith("+62")) {
      digits = "0" + digits.substring(3);
    }
    if (!PHONE.matcher(digits).matches()) {
      return Checked.error("Nomor HP harus diawali 08 atau +628 dan terdiri dari 10 sampai 14 angka.");
    }
    return Checked.ok(digits);
  }

  private static Checked nip(Object raw) {
    if (!(raw instanceof String s)) {
      return Checked.error("NIP harus 18 angka.");
    }
    Nip.Result nip = Nip.parse(s.trim().replace(" ", ""));
    return nip.valid() ? Checked.ok(nip.get().value()) : Checked.error(nip.error());
  }

  /** A reference is stored as the chosen row's id; the caller checks that the row exists. */
  private static Checked reference(Object raw) {
    Object id = raw instanceof io.vertx.core.json.JsonObject o ? o.getValue("id") : raw;
    if (id instanceof Number n && wholeNumber(n) != null && wholeNumber(n) > 0) {
      return Checked.ok(wholeNumber(n));
    }
    if (id instanceof String s && s.trim().matches("\\d{1,12}") && Long.parseLong(s.trim()) > 0) {
      return Checked.ok(Long.parseLong(s.trim()));
    }
    return Checked.error("Pilih dari daftar yang muncul saat mengetik.");
  }

  /**
   * A JSON number as a long when it is a whole number that fits one, else null: no rounding of
   * fractions and no wrap-around of big integers (2^64 + 1 is not 1).
   */
  private static Long wholeNumber(Number n) {
    try {
      return (n instanceof BigDecimal b ? b : new BigDecimal(n.toString())).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      return null; // NaN, an infinity, a fraction, or beyond a long
    }
  }

  private static LocalDate asDate(Object value) {
    if (value instanceof String s && s.matches("\\d{4}-\\d{2}-\\d{2}.*")) {
      return LocalDate.parse(s.substring(0, 10));
    }
    return null;
  }
}
