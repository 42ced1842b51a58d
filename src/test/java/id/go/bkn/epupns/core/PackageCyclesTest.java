package id.go.bkn.epupns.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The house rule "a feature uses another through a small interface" leaves no room for two
 * features that depend on each other: no cycle among the features (top-level packages with their
 * subpackages: auth, registration, form, verification, ...) of the main sources, from their imports
 * and fully qualified names; and core depends on no feature.
 */
class PackageCyclesTest {

  private static final String BASE = "id.go.bkn.epupns";
  private static final Pattern REFERENCE = Pattern.compile("\\b(" + Pattern.quote(BASE) + "(?:\\.[a-z][a-z0-9]*)+)\\.[A-Z]");

  @Test
  void noPackageDependsOnItselfThroughOthers() throws IOException {
    Map<String, Set<String>> graph = graph();
    assertTrue(graph.containsKey(BASE + ".auth") && graph.containsKey(BASE + ".registration"), graph.keySet().toString());
    List<String> cycles = new ArrayList<>();
    for (String start : graph.keySet()) {
      findCycle(graph, start, start, new ArrayList<>(List.of(start)), new TreeSet<>(), cycles);
    }
    assertEquals(List.of(), cycles);
  }

  @Test
  void coreKnowsNoFeature() throws IOException {
    for (Map.Entry<String, Set<String>> e : graph().entrySet()) {
      if (e.getKey().startsWith(BASE + ".core")) {
        for (String used : e.getValue()) {
          assertTrue(used.startsWith(BASE + ".core"), e.getKey() + " uses " + used);
        }
      }
    }
  }

  private static void findCycle(Map<String, Set<String>> graph, String start, String at, List<String> path,
                                Set<String> seen, List<String> cycles) {
    for (String next : graph.getOrDefault(at, Set.of())) {
      if (next.equals(start)) {
        if (start.equals(path.stream().min(String::compareTo).orElseThrow())) { // report each cycle once
          cycles.add(String.join(" -> ", path) + " -> " + start);
        }
      } else if (seen.add(next)) {
        path.add(next);
        findCycle(graph, start, next, path, seen, cycles);
        path.remove(path.size() - 1);
      }
    }
  }

  /** id.go.bkn.epupns.form.catalogue -> id.go.bkn.epupns.form; the base package stays itself. */
  private static String feature(String pkg) {
    if (!pkg.startsWith(BASE + ".")) {
      return pkg;
    }
    int dot = pkg.indexOf('.', BASE.length() + 1);
    return dot < 0 ? pkg : pkg.substring(0, dot);
  }

  private static Map<String, Set<String>> graph() throws IOException {
    Path root = Path.of("src/main/java");
    Map<String, Set<String>> graph = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String pkg = feature(root.relativize(file.getParent()).toString().replace('/', '.'));
        Set<String> uses = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = REFERENCE.matcher(Files.readString(file));
        while (m.find()) {
          String used = feature(m.group(1));
          if (!used.equals(pkg)) {
            uses.add(used);
          }
        }
      }
    }
    return graph;
  }
}
