package id.go.bkn.epupns.testing;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;

import java.util.List;
import java.util.Set;

/** axe-core (all its rules) on the page as it is now: what it finds serious or critical. */
public final class Accessibility {

  private static final Set<String> BLOCKING = Set.of("serious", "critical");

  private Accessibility() {
  }

  /** One line per serious or critical violation: rule, impact, help and up to five offending elements. */
  public static List<String> seriousViolations(Page page) {
    AxeResults results = new AxeBuilder(page).analyze();
    if (results.getPasses().isEmpty()) {
      throw new IllegalStateException("axe-core did not run on " + page.url() + ": " + results.getErrorMessage());
    }
    return results.getViolations().stream()
        .filter(v -> BLOCKING.contains(v.getImpact()))
        .map(Accessibility::describe)
        .toList();
  }

  private static String describe(Rule rule) {
    return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
        + rule.getNodes().stream().limit(5).map(n -> String.valueOf(n.getTarget())).toList();
  }
}
