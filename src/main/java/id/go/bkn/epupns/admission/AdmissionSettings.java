package id.go.bkn.epupns.admission;

import id.go.bkn.epupns.core.config.AppConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The waiting room's settings (admission.*), checked once at start-up. */
record AdmissionSettings(boolean enabled, Map<String, List<String>> flows, Set<String> gated, int initialLimit,
                         int minLimit, int ceiling, int targetLatencyMs, int adjustSeconds, int increaseStep,
                         int decreasePercent, int idleSeconds, int abandonSeconds, int pollSeconds,
                         int maxPollSeconds, List<GradientLimit.LatencyClass> latencyClasses) {

  static AdmissionSettings from(AppConfig config) {
    JsonObject flowsJson = config.section("admission").getJsonObject("flows", new JsonObject());
    Map<String, List<String>> flows = new LinkedHashMap<>();
    for (String flow : flowsJson.fieldNames()) {
      List<String> routes = new ArrayList<>();
      for (Object route : flowsJson.getJsonArray(flow, new JsonArray())) {
        routes.add(route(route.toString().trim(), "admission.flows." + flow));
      }
      flows.put(flow, List.copyOf(routes));
    }
    Set<String> gated = new TreeSet<>();
    Object gatedValue = config.section("admission").getValue("gatedFlows");
    Iterable<?> names = gatedValue instanceof JsonArray array ? array : List.of(String.valueOf(gatedValue).split(","));
    for (Object name : names) {
      String flow = name.toString().trim().toLowerCase(Locale.ROOT);
      if (flow.isEmpty()) {
        continue;
      }
      if (!flows.containsKey(flow)) {
        throw new IllegalStateException("admission.gatedFlows names '" + flow + "', which admission.flows does not define");
      }
      gated.add(flow);
    }
    List<GradientLimit.LatencyClass> classes = new ArrayList<>();
    JsonObject classesJson = config.section("admission").getJsonObject("latencyClasses", new JsonObject());
    for (String name : classesJson.fieldNames()) {
      JsonObject c = classesJson.getJsonObject(name);
      List<String> routes = new ArrayList<>();
      for (Object route : c.getJsonArray("routes", new JsonArray())) {
        routes.add(route(route.toString().trim(), "admission.latencyClasses." + name));
      }
      Integer target = c.getInteger("targetLatencyMs");
      if (routes.isEmpty() || target == null || target < 1) {
        throw new IllegalStateException("admission.latencyClasses." + name + " needs routes and targetLatencyMs >= 1");
      }
      classes.add(new GradientLimit.LatencyClass(name, List.copyOf(routes), target));
    }
    // The catch-all class: every gated request in no class above.
    classes.add(new GradientLimit.LatencyClass("other", List.of(), config.integer("admission.targetLatencyMs")));
    AdmissionSettings settings = new AdmissionSettings(config.bool("admission.enabled"), Map.copyOf(flows),
        Set.copyOf(gated), config.integer("admission.initialLimit"), config.integer("admission.minLimit"),
        config.integer("admission.ceiling"), config.integer("admission.targetLatencyMs"),
        config.integer("admission.adjustSeconds"), config.integer("admission.increaseStep"),
        config.integer("admission.decreasePercent"), config.integer("admission.idleSeconds"),
        config.integer("admission.abandonSeconds"), config.integer("admission.pollSeconds"),
        config.integer("admission.maxPollSeconds"), List.copyOf(classes));
    if (settings.minLimit < 1 || settings.minLimit > settings.ceiling
        || settings.initialLimit < settings.minLimit || settings.initialLimit > settings.ceiling) {
      throw new IllegalStateException("admission: need 1 <= minLimit <= initialLimit <= ceiling");
    }
    if (settings.pollSeconds < 1 || settings.maxPollSeconds < settings.pollSeconds) {
      throw new IllegalStateException("admission: need 1 <= pollSeconds <= maxPollSeconds");
    }
    if (settings.pollSeconds >= settings.abandonSeconds) {
      throw new IllegalStateException("admission.pollSeconds must be below admission.abandonSeconds, or every "
          + "waiting place would be taken for abandoned");
    }
    if (settings.decreasePercent < 1 || settings.decreasePercent > 90) {
      throw new IllegalStateException("admission.decreasePercent must be 1..90");
    }
    return settings;
  }

  /** A route of the settings: a path or "METHOD path", * at the end for the rest. */
  private static String route(String text, String where) {
    if (!text.startsWith("/") && !text.matches("(GET|POST|PUT|DELETE|PATCH) /.*")) {
      throw new IllegalStateException(where + ": '" + text
          + "' must be a path or METHOD path, e.g. \"POST /api/registrations\"");
    }
    return text;
  }
}
