package id.go.bkn.epupns.sapk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The districts (kecamatan) of the regencies whose schools and health centres should carry real
 * place names ({@code sapk/kecamatan.csv}: the demo region, Kabupaten and Kota Bandung). Other
 * regencies have none, and keep generic names.
 */
public final class Kecamatan {

  private static final Map<Integer, List<String>> BY_REGENCY = load();

  private Kecamatan() {
  }

  /** The districts of the regency or city with this BPS code (= its instansi id), or an empty list. */
  public static List<String> of(int regencyCode) {
    return BY_REGENCY.getOrDefault(regencyCode, List.of());
  }

  private static Map<Integer, List<String>> load() {
    Map<Integer, List<String>> out = new HashMap<>();
    try (InputStream in = Kecamatan.class.getResourceAsStream("/sapk/kecamatan.csv")) {
      if (in == null) {
        throw new IllegalStateException("classpath resource sapk/kecamatan.csv is missing");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split(",");
        out.put(Integer.parseInt(cells[0].trim()),
            Arrays.stream(cells, 1, cells.length).map(String::trim).toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(out);
  }
}
