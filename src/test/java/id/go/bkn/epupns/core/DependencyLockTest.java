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
  void readmeNamesTheVersionOfEveryDirectlyChosenLibrary() throws IOException {
    // The CVE table must speak of the versions that ship: each library the table has a row for
    // names its locked version there.
    String readme = Files.readString(Path.of("README.md"));
    Map<String, String> locked = locked(Files.readAllLines(LOCK));
    for (String ga : List.of("io.vertx:vertx-core", "io.vertx:vertx-mail-client", "io.netty:netty-codec-http",
        "com.fasterxml.jackson.core:jackson-databind", "org.apache.pdfbox:pdfbox", "com.google.zxing:core",
        "com.password4j:password4j", "org.flywaydb:flyway-core", "org.postgresql:postgresql",
        "ch.qos.logback:logback-classic", "io.micrometer:micrometer-core", "org.yaml:snakeyaml",
        "com.ongres.scram:scram-client")) {
      String version = locked.get(ga);
      assertTrue(version != null, ga + " is not in " + LOCK);
      assertTrue(readme.contains(ga.substring(ga.indexOf(':') + 1) + " " + version),
          "README 'Dependencies' has no row for " + ga + " " + version);
    }
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
