package id.go.bkn.epupns;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI fuzz run's selector table stays what README "Fuzzing" documents, and every kept input of
 * CiFuzzTestInputs/anyTarget names a target by its last byte (a seed named {@code seed-<code>-...} the one its
 * name says), so a renumbered or reused code fails here instead of silently retargeting the kept inputs.
 */
class CiFuzzTargetsTest {

  static final Path INPUTS = Path.of("src/test/resources/id/go/bkn/epupns/CiFuzzTestInputs/anyTarget");
  static final Pattern README_ROW = Pattern.compile("^\\| (\\d+) \\| `([A-Za-z]+FuzzTest#[A-Za-z]+)` \\|.*$");
  static final Pattern SEED = Pattern.compile("seed-(\\d+)-.*");

  @Test
  void theReadmeListsEveryTargetByItsCode() throws IOException {
    Map<Integer, String> documented = new TreeMap<>();
    String fuzzing = section(Files.readString(Path.of("README.md")), "## Fuzzing");
    for (String line : fuzzing.lines().toList()) {
      Matcher row = README_ROW.matcher(line);
      if (row.matches()) {
        documented.put(Integer.parseInt(row.group(1)), row.group(2));
      }
    }
    Map<Integer, String> table = CiFuzzTest.TARGETS.stream()
        .collect(Collectors.toMap(CiFuzzTest.Target::code, CiFuzzTest.Target::name, (a, b) -> a, TreeMap::new));
    assertEquals(CiFuzzTest.TARGETS.size(), table.size(), "codes are distinct");
    assertEquals(table, documented);
    assertTrue(table.keySet().stream().allMatch(c -> c >= 0 && c < 256), "a code is one byte: " + table.keySet());
  }

  @Test
  void everyKeptInputNamesATarget() throws IOException {
    List<Path> inputs;
    try (Stream<Path> files = Files.list(INPUTS)) {
      inputs = files.sorted().toList();
    }
    assertTrue(inputs.size() > 100, "the seeded corpus is there: " + inputs.size());
    int seeds = 0;
    for (Path input : inputs) {
      byte[] bytes = Files.readAllBytes(input);
      assertFalse(bytes.length == 0, "an empty input is replayed anyway: " + input);
      CiFuzzTest.Target target = CiFuzzTest.target(bytes[bytes.length - 1]);
      assertNotNull(target, "no target for the last byte of " + input);
      Matcher seed = SEED.matcher(input.getFileName().toString());
      if (seed.matches()) {
        seeds++;
        assertEquals(Integer.parseInt(seed.group(1)), target.code(), input.toString());
      }
    }
    assertTrue(seeds > 0);
    for (CiFuzzTest.Target target : CiFuzzTest.TARGETS) {
      String prefix = "seed-" + target.code() + "-";
      assertTrue(inputs.stream().anyMatch(p -> p.getFileName().toString().startsWith(prefix)),
          "no seed for " + target.name());
    }
  }

  private static String section(String readme, String heading) {
    int start = readme.indexOf("\n" + heading + "\n");
    assertTrue(start >= 0, heading);
    int end = readme.indexOf("\n## ", start + heading.length() + 2);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }
}
