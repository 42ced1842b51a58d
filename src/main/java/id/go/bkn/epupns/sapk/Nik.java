package id.go.bkn.epupns.sapk;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The NIK, national identity number (SPEC 3): 16 digits = province (11-94), regency and district
 * (2 digits each), birth day (female: day + 40), birth month, birth year yy, serial 0001-9999.
 */
public record Nik(String value, int province, int day, int month, int yearOfCentury, boolean female) {

  public static final int LENGTH = 16;

  public static Result parse(String text) {
    if (text == null || text.isBlank()) {
      return Result.error("NIK wajib diisi.");
    }
    String nik = text.trim();
    if (!nik.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Result.error("NIK hanya boleh berisi angka.");
    }
    if (nik.length() != LENGTH) {
      return Result.error("NIK harus 16 angka (yang diisi " + nik.length() + " angka).");
    }
    int province = num(nik, 0, 2);
    if (province < 11 || province > 94) {
      return Result.error("Kode provinsi dalam NIK (angka ke-1 dan 2) harus 11 s.d. 94.");
    }
    if (num(nik, 2, 4) == 0 || num(nik, 4, 6) == 0) {
      return Result.error("Kode kabupaten/kota dan kecamatan dalam NIK (angka ke-3 s.d. 6) tidak boleh 00.");
    }
    int dayField = num(nik, 6, 8);
    boolean female = dayField > 40;
    int day = female ? dayField - 40 : dayField;
    int month = num(nik, 8, 10);
    int yy = num(nik, 10, 12);
    if (!realDate(day, month, yy)) {
      return Result.error("Tanggal lahir dalam NIK (angka ke-7 s.d. 12; perempuan: tanggal + 40) bukan tanggal yang sah.");
    }
    if (num(nik, 12, 16) == 0) {
      return Result.error("Nomor urut NIK (angka ke-13 s.d. 16) harus 0001 s.d. 9999.");
    }
    return new Result(Optional.of(new Nik(nik, province, day, month, yy, female)), null);
  }

  /** Whether this NIK agrees with a NIP's birth date and gender; null when it does, else why not. */
  public String disagreementWith(Nip nip) {
    LocalDate birth = nip.birthDate();
    if (birth.getDayOfMonth() != day || birth.getMonthValue() != month || birth.getYear() % 100 != yearOfCentury) {
      return "Tanggal lahir dalam NIK tidak sama dengan tanggal lahir dalam NIP.";
    }
    if (female != nip.female()) {
      return "Jenis kelamin dalam NIK (tanggal + 40 untuk perempuan) tidak sama dengan NIP.";
    }
    return null;
  }

  public static String format(int province, int regency, int district, LocalDate birth, boolean female, int serial) {
    // Like String.format("%02d%02d%02d%02d%02d%02d%04d", ...), without a Formatter per call.
    StringBuilder out = new StringBuilder(LENGTH);
    Nip.zeroPadded(out, province, 2);
    Nip.zeroPadded(out, regency, 2);
    Nip.zeroPadded(out, district, 2);
    Nip.zeroPadded(out, birth.getDayOfMonth() + (female ? 40 : 0), 2);
    Nip.zeroPadded(out, birth.getMonthValue(), 2);
    Nip.zeroPadded(out, birth.getYear() % 100, 2);
    Nip.zeroPadded(out, serial, 4);
    return out.toString();
  }

  private static boolean realDate(int day, int month, int yy) {
    for (int century : new int[] {1900, 2000}) {
      try {
        LocalDate.of(century + yy, month, day);
        return true;
      } catch (DateTimeException e) {
        // try the other century: yy alone does not say which
      }
    }
    return false;
  }

  private static int num(String s, int from, int to) {
    return Integer.parseInt(s.substring(from, to));
  }

  public record Result(Optional<Nik> nik, String error) {

    static Result error(String message) {
      return new Result(Optional.empty(), message);
    }

    public boolean valid() {
      return nik.isPresent();
    }

    public Nik get() {
      return nik.orElseThrow(() -> new IllegalStateException(error));
    }
  }
}
