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
                         int decreasePercent, int idleSeconds, int abandonSeconds, int pollSeconds) {

  static AdmissionSettings from(AppConfig config) {
    JsonObject flowsJson = config.section("admission").getJsonObject("flows", new JsonObject());
    Map<String, List<String>> flows = new LinkedHashMap<>();
    for (String flow : flowsJson.fieldNames()) {
      List<String> routes = new ArrayList<>();
      for (Object route : flowsJson.getJsonArray(flow, new JsonArray())) {
        String text = route.toString().trim();
        if (!text.startsWith("/") && !text.matches("(GET|POST|PUT|DELETE|PATCH) /.*")) {
          throw new IllegalStateException("admission.flows." + flow + ": '" + text
              + "' must be a path or METHOD path, e.g. \"POST /api/registrations\"");
        }
        routes.add(text);
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
    AdmissionSettings settings = new AdmissionSettings(config.bool("admission.enabled"), Map.copyOf(flows),
        Set.copyOf(gated), config.integer("admission.initialLimit"), config.integer("admission.minLimit"),
        config.integer("admission.ceiling"), config.integer("admission.targetLatencyMs"),
        config.integer("admission.adjustSeconds"), config.integer("admission.increaseStep"),
        config.integer("admission.decreasePercent"), config.integer("admission.idleSeconds"),
        config.integer("admission.abandonSeconds"), config.integer("admission.pollSeconds"));
    if (settings.minLimit < 1 || settings.minLimit > settings.ceiling
        || settings.initialLimit < settings.minLimit || settings.initialLimit > settings.ceiling) {
      throw new IllegalStateException("admission: need 1 <= minLimit <= initialLimit <= ceiling");
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
}
