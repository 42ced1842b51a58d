package id.go.bkn.epupns.sapk;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;

/**
 * The new NIP (SPEC 3): 18 digits = birth date yyyymmdd + CPNS start yyyymm + gender digit
 * (1 male, 2 female) + sequence 001-999. Dates must be real; CPNS start after the 16th birthday
 * and not in the future.
 */
public record Nip(String value, LocalDate birthDate, YearMonth cpnsStart, boolean female, int sequence) {

  public static final int LENGTH = 18;

  /** Parses a NIP, or explains in Bahasa Indonesia what is wrong with it. */
  public static Result parse(String text, YearMonth currentMonth) {
    if (text == null || text.isBlank()) {
      return Result.error("NIP wajib diisi.");
    }
    String nip = text.trim();
    if (!nip.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Result.error("NIP hanya boleh berisi angka.");
    }
    if (nip.length() != LENGTH) {
      return Result.error("NIP harus 18 angka (yang diisi " + nip.length() + " angka).");
    }
    LocalDate birth;
    try {
      birth = LocalDate.of(num(nip, 0, 4), num(nip, 4, 6), num(nip, 6, 8));
    } catch (DateTimeException e) {
      return Result.error("Tanggal lahir dalam NIP (angka ke-1 s.d. 8, tahun-bulan-tanggal) bukan tanggal yang sah.");
    }
    if (birth.getYear() < 1900) {
      return Result.error("Tahun lahir dalam NIP (angka ke-1 s.d. 4) tidak masuk akal.");
    }
    int cpnsMonth = num(nip, 12, 14);
    if (cpnsMonth < 1 || cpnsMonth > 12) {
      return Result.error("Bulan CPNS dalam NIP (angka ke-13 dan 14) harus 01 s.d. 12.");
    }
    YearMonth cpns = YearMonth.of(num(nip, 8, 12), cpnsMonth);
    if (!cpns.isAfter(YearMonth.from(birth.plusYears(16)))) {
      return Result.error("TMT CPNS dalam NIP (angka ke-9 s.d. 14) harus setelah usia 16 tahun.");
    }
    if (cpns.isAfter(currentMonth)) {
      return Result.error("TMT CPNS dalam NIP (angka ke-9 s.d. 14) tidak boleh di masa depan.");
    }
    char gender = nip.charAt(14);
    if (gender != '1' && gender != '2') {
      return Result.error("Angka ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan).");
    }
    int sequence = num(nip, 15, 18);
    if (sequence < 1) {
      return Result.error("Nomor urut NIP (angka ke-16 s.d. 18) harus 001 s.d. 999.");
    }
    return new Result(Optional.of(new Nip(nip, birth, cpns, gender == '2', sequence)), null);
  }

  public static Result parse(String text) {
    return parse(text, YearMonth.now());
  }

  public static String format(LocalDate birth, YearMonth cpns, boolean female, int sequence) {
    // Like String.format("%04d%02d%02d%04d%02d%c%03d", ...), without a Formatter per call: the
    // generator formats one NIP per synthetic PNS.
    StringBuilder out = new StringBuilder(LENGTH);
    zeroPadded(out, birth.getYear(), 4);
    zeroPadded(out, birth.getMonthValue(), 2);
    zeroPadded(out, birth.getDayOfMonth(), 2);
    zeroPadded(out, cpns.getYear(), 4);
    zeroPadded(out, cpns.getMonthValue(), 2);
    out.append(female ? '2' : '1');
    zeroPadded(out, sequence, 3);
    return out.toString();
  }

  /** Appends a number of at least {@code width} digits, like {@code %0<width>d}. */
  static void zeroPadded(StringBuilder out, int value, int width) {
    if (value < 0) {
      out.append(String.format("%0" + width + "d", value));
      return;
    }
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    out.append(digits);
  }

  private static int num(String s, int from, int to) {
    return Integer.parseInt(s.substring(from, to));
  }

  /** A parsed NIP or the reason it is not one. */
  public record Result(Optional<Nip> nip, String error) {

    static Result error(String message) {
      return new Result(Optional.empty(), message);
    }

    public boolean valid() {
      return nip.isPresent();
    }

    public Nip get() {
      return nip.orElseThrow(() -> new IllegalStateException(error));
    }
  }
}
