package id.go.bkn.epupns.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The runtime classpath is the documented one: every jar the service ships (group:artifact:version,
 * as {@code mvn dependency:list} resolved it into target/ during this build, see pom.xml) is listed
 * in config/dependencies.lock, and nothing else is. A version bump, a new transitive jar or a BOM
 * that pulls something older fails here until the lock and README's "Dependencies" CVE table are
 * updated together.
 */
class DependencyLockTest {

  static final Path RESOLVED = Path.of("target", "runtime-dependencies.txt");
  static final Path LOCK = Path.of("config", "dependencies.lock");

  @Test
  void runtimeClasspathMatchesTheLock() throws IOException {
    if (!Files.exists(RESOLVED)) {
      fail(RESOLVED + " is missing: it is written by the maven-dependency-plugin execution"
          + " 'runtime-dependencies' (phase generate-test-resources); run the tests through Maven.");
    }
    Map<String, String> resolved = resolved(Files.readAllLines(RESOLVED));
    Map<String, String> locked = locked(Files.readAllLines(LOCK));
    assertTrue(resolved.size() > 20, "the resolved list looks truncated: " + resolved);

    List<String> drift = new TreeSet<>(union(resolved, locked)).stream()
        .filter(ga -> !String.valueOf(resolved.get(ga)).equals(String.valueOf(locked.get(ga))))
        .map(ga -> ga + ": resolved " + orNone(resolved.get(ga)) + ", locked " + orNone(locked.get(ga)))
        .toList();
    assertEquals(List.of(), drift, "runtime dependencies drifted from " + LOCK
        + " (update the lock and README 'Dependencies' after checking the new versions' CVEs)");
  }

  @Test
  void readmeCoversEveryLockedJar() throws IOException {
    // The CVE table must speak of every jar that ships, at the version that ships: each line of the
    // lock is named in README "Dependencies and known CVEs" as "artifact version", or by a family row
    // "prefix-* version" (the 14 Netty jars, the 6 Prometheus client jars).
    String section = dependenciesSection(Files.readString(Path.of("README.md")));
    Map<String, String> locked = locked(Files.readAllLines(LOCK));
    assertTrue(locked.size() > 20, "the lock looks truncated: " + locked);
    List<String> missing = locked.entrySet().stream()
        .filter(e -> !covers(section, e.getKey().substring(e.getKey().indexOf(':') + 1), e.getValue()))
        .map(e -> e.getKey() + ":" + e.getValue())
        .toList();
    assertEquals(List.of(), missing, "README 'Dependencies and known CVEs' has no row for these locked jars");
  }

  @Test
  void aJarTheTableDoesNotNameIsCaught() {
    // The check above must be able to fail: a bump or a jar without a row is reported.
    String section = "| vertx-core 5.0.12, vertx-web 5.0.12 | x | y |\n| netty-* 4.2.20.Final | x | y |";
    assertTrue(covers(section, "vertx-core", "5.0.12"));
    assertTrue(covers(section, "netty-codec-http", "4.2.20.Final"), "family row");
    assertTrue(!covers(section, "vertx-core", "5.0.13"), "another version");
    assertTrue(!covers(section, "core", "5.0.12"), "a name that is only the tail of another");
    assertTrue(!covers(section, "vertx-web-client", "5.0.12"), "a longer name");
    assertTrue(!covers(section, "netty-codec-http", "4.2.21.Final"), "family row, another version");
    assertTrue(!covers("| snakeyaml 2.0.1 |", "snakeyaml", "2.0"), "a longer version");
  }

  static String dependenciesSection(String readme) {
    int start = readme.indexOf("## Dependencies and known CVEs");
    assertTrue(start >= 0, "README has no 'Dependencies and known CVEs' section");
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  /** After a version: not more of a name or of a version ("2.2" is not "2.2.1"); a full stop may end a sentence. */
  private static final String END = "(?![A-Za-z0-9-]|\\.[0-9])";

  /** "artifact version" as whole words, or "prefix-* version" for a prefix of artifact. */
  static boolean covers(String section, String artifact, String version) {
    String notName = "(?<![A-Za-z0-9.*-])";
    if (Pattern.compile(notName + Pattern.quote(artifact + " " + version)
        + END).matcher(section).find()) {
      return true;
    }
    Matcher family = Pattern.compile(notName + "([A-Za-z0-9.-]+-)\\* "
        + Pattern.quote(version) + END).matcher(section);
    while (family.find()) {
      if (artifact.startsWith(family.group(1))) {
        return true;
      }
    }
    return false;
  }

  /** "   group:artifact:jar:version -- module x" (dependency:list output) to group:artifact -> version. */
  static Map<String, String> resolved(List<String> lines) {
    Map<String, String> out = new TreeMap<>();
    for (String line : lines) {
      String entry = line.strip();
      int module = entry.indexOf(" -- ");
      if (module >= 0) {
        entry = entry.substring(0, module);
      }
      String[] parts = entry.split(":");
      if (parts.length < 4 || entry.contains(" ")) {
        continue; // the header line, blank lines
      }
      // group:artifact:type[:classifier]:version
      out.put(parts[0] + ":" + parts[1] + (parts.length == 5 ? ":" + parts[3] : ""), parts[parts.length - 1]);
    }
    return out;
  }

  /** "group:artifact:version" lines; '#' starts a comment. */
  static Map<String, String> locked(List<String> lines) {
    Map<String, String> out = new TreeMap<>();
    for (String line : lines) {
      String entry = line.replaceAll("#.*", "").strip();
      if (entry.isEmpty()) {
        continue;
      }
      int last = entry.lastIndexOf(':');
      out.put(entry.substring(0, last), entry.substring(last + 1));
    }
    return out;
  }

  private static java.util.Set<String> union(Map<String, String> a, Map<String, String> b) {
    return java.util.stream.Stream.concat(a.keySet().stream(), b.keySet().stream()).collect(Collectors.toSet());
  }

  private static String orNone(String version) {
    return version == null ? "(none)" : version;
  }
}
