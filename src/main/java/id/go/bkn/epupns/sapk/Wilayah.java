package id.go.bkn.epupns.sapk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Indonesia's regions as in 2015: the 34 provinces with their BPS/Dukcapil codes and the BKN
 * office (Kanreg) that serves them, and their 514 regencies and cities (classpath
 * {@code sapk/wilayah.csv}: province code, 2-digit regency code, KABUPATEN/KOTA, name).
 */
public final class Wilayah {

  /** A province, its capital and the Kanreg (BKN regional office) its agencies belong to. */
  public record Provinsi(int kode, String nama, String ibukota, int kanregId, Culture culture) {
  }

  /** A regency (kabupaten) or city (kota); {@code kode} is the 2-digit code inside the province. */
  public record Kabupaten(int provinsiKode, int kode, boolean kota, String nama) {

    public String namaLengkap() {
      return (kota ? "Kota " : "Kabupaten ") + nama;
    }

    /** BPS 4-digit code, e.g. 3273 for Kota Bandung. */
    public int kodeBps() {
      return provinsiKode * 100 + kode;
    }

    /**
     * The regions of DKI Jakarta are administrative, not autonomous: their PNS belong to the
     * province, so they are no agency of their own.
     */
    public boolean otonom() {
      return provinsiKode != 31;
    }
  }

  /** Naming tradition that dominates a region; drives names, religion and birth places. */
  public enum Culture {
    ACEH, BATAK, MINANG, MELAYU, BETAWI, SUNDA, JAWA, BALI, SASAK, NTT, DAYAK, BANJAR,
    MINAHASA, BUGIS, GORONTALO, MALUKU, PAPUA
  }

  private static final List<Provinsi> PROVINSI = List.of(
      new Provinsi(11, "Aceh", "Banda Aceh", 13, Culture.ACEH),
      new Provinsi(12, "Sumatera Utara", "Medan", 6, Culture.BATAK),
      new Provinsi(13, "Sumatera Barat", "Padang", 12, Culture.MINANG),
      new Provinsi(14, "Riau", "Pekanbaru", 12, Culture.MELAYU),
      new Provinsi(15, "Jambi", "Jambi", 7, Culture.MELAYU),
      new Provinsi(16, "Sumatera Selatan", "Palembang", 7, Culture.MELAYU),
      new Provinsi(17, "Bengkulu", "Bengkulu", 7, Culture.MELAYU),
      new Provinsi(18, "Lampung", "Bandar Lampung", 5, Culture.MELAYU),
      new Provinsi(19, "Kepulauan Bangka Belitung", "Pangkal Pinang", 7, Culture.MELAYU),
      new Provinsi(21, "Kepulauan Riau", "Tanjung Pinang", 12, Culture.MELAYU),
      new Provinsi(31, "DKI Jakarta", "Jakarta", 5, Culture.BETAWI),
      new Provinsi(32, "Jawa Barat", "Bandung", 3, Culture.SUNDA),
      new Provinsi(33, "Jawa Tengah", "Semarang", 1, Culture.JAWA),
      new Provinsi(34, "DI Yogyakarta", "Yogyakarta", 1, Culture.JAWA),
      new Provinsi(35, "Jawa Timur", "Surabaya", 2, Culture.JAWA),
      new Provinsi(36, "Banten", "Serang", 5, Culture.SUNDA),
      new Provinsi(51, "Bali", "Denpasar", 10, Culture.BALI),
      new Provinsi(52, "Nusa Tenggara Barat", "Mataram", 10, Culture.SASAK),
      new Provinsi(53, "Nusa Tenggara Timur", "Kupang", 10, Culture.NTT),
      new Provinsi(61, "Kalimantan Barat", "Pontianak", 5, Culture.DAYAK),
      new Provinsi(62, "Kalimantan Tengah", "Palangka Raya", 8, Culture.DAYAK),
      new Provinsi(63, "Kalimantan Selatan", "Banjarmasin", 8, Culture.BANJAR),
      new Provinsi(64, "Kalimantan Timur", "Samarinda", 8, Culture.BANJAR),
      new Provinsi(65, "Kalimantan Utara", "Tanjung Selor", 8, Culture.DAYAK),
      new Provinsi(71, "Sulawesi Utara", "Manado", 11, Culture.MINAHASA),
      new Provinsi(72, "Sulawesi Tengah", "Palu", 11, Culture.BUGIS),
      new Provinsi(73, "Sulawesi Selatan", "Makassar", 4, Culture.BUGIS),
      new Provinsi(74, "Sulawesi Tenggara", "Kendari", 4, Culture.BUGIS),
      new Provinsi(75, "Gorontalo", "Gorontalo", 11, Culture.GORONTALO),
      new Provinsi(76, "Sulawesi Barat", "Mamuju", 4, Culture.BUGIS),
      new Provinsi(81, "Maluku", "Ambon", 4, Culture.MALUKU),
      new Provinsi(82, "Maluku Utara", "Sofifi", 11, Culture.MALUKU),
      new Provinsi(91, "Papua Barat", "Manokwari", 14, Culture.PAPUA),
      new Provinsi(94, "Papua", "Jayapura", 9, Culture.PAPUA));

  private static final Wilayah INSTANCE = load();

  private final Map<Integer, Provinsi> provinsi;
  private final List<Kabupaten> kabupaten;
  private final Map<Integer, List<Kabupaten>> kabupatenPerProvinsi;

  private Wilayah(List<Kabupaten> kabupaten) {
    Map<Integer, Provinsi> byCode = new LinkedHashMap<>();
    PROVINSI.forEach(p -> byCode.put(p.kode(), p));
    this.provinsi = Collections.unmodifiableMap(byCode);
    this.kabupaten = List.copyOf(kabupaten);
    Map<Integer, List<Kabupaten>> grouped = new LinkedHashMap<>();
    for (Kabupaten k : kabupaten) {
      grouped.computeIfAbsent(k.provinsiKode(), c -> new ArrayList<>()).add(k);
    }
    grouped.replaceAll((c, list) -> List.copyOf(list));
    this.kabupatenPerProvinsi = Collections.unmodifiableMap(grouped);
  }

  public static Wilayah get() {
    return INSTANCE;
  }

  public List<Provinsi> provinsi() {
    return PROVINSI;
  }

  public Provinsi provinsi(int kode) {
    Provinsi p = provinsi.get(kode);
    if (p == null) {
      throw new IllegalArgumentException("unknown province code " + kode);
    }
    return p;
  }

  /** The province's name ("Jawa Barat"), or null for a code that is none. */
  public String namaProvinsi(int kode) {
    Provinsi p = provinsi.get(kode);
    return p == null ? null : p.nama();
  }

  public List<Kabupaten> kabupaten() {
    return kabupaten;
  }

  public List<Kabupaten> kabupaten(int provinsiKode) {
    return kabupatenPerProvinsi.getOrDefault(provinsiKode, List.of());
  }

  private static Wilayah load() {
    List<Kabupaten> list = new ArrayList<>();
    try (InputStream in = Wilayah.class.getResourceAsStream("/sapk/wilayah.csv")) {
      if (in == null) {
        throw new IllegalStateException("classpath resource sapk/wilayah.csv is missing");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      reader.readLine(); // header
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",", 4);
        list.add(new Kabupaten(Integer.parseInt(f[0]), Integer.parseInt(f[1]), "KOTA".equals(f[2]), f[3]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Wilayah(list);
  }
}
