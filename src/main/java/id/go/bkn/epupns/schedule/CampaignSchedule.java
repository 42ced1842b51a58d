package id.go.bkn.epupns.schedule;

import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.http.ApiError;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The campaign's windows (registration, form entry, verification), from the schedule settings. */
public final class CampaignSchedule {

  public enum Window {
    REGISTRATION("registration", "Pendaftaran"),
    FORM("form", "Pengisian formulir"),
    VERIFICATION("verification", "Verifikasi");

    final String key;
    final String label;

    Window(String key, String label) {
      this.key = key;
      this.label = label;
    }
  }

  private static final DateTimeFormatter HUMAN = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("id"));

  private static final DateTimeFormatter ZONE_LABEL = DateTimeFormatter.ofPattern("zzz", Locale.forLanguageTag("id"));

  private final AppConfig config;
  private final Clock clock;

  public CampaignSchedule(AppConfig config) {
    this(config, Clock.system(ZoneId.of(config.string("schedule.timeZone"))));
  }

  CampaignSchedule(AppConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  public LocalDate start(Window window) {
    return config.date("schedule." + window.key + "Start");
  }

  public LocalDate end(Window window) {
    return config.date("schedule." + window.key + "End");
  }

  public boolean isOpen(Window window) {
    LocalDate today = LocalDate.now(clock);
    return !today.isBefore(start(window)) && !today.isAfter(end(window));
  }

  /** 403 WINDOW_CLOSED with the window's dates when it is not open today. */
  public void requireOpen(Window window) {
    if (!isOpen(window)) {
      throw new ApiError(403, "WINDOW_CLOSED", window.label + " hanya dibuka " + HUMAN.format(start(window))
          + " s.d. " + HUMAN.format(end(window)) + ".")
          .with("opens", start(window).toString()).with("closes", end(window).toString());
    }
  }

  /** The campaign's time zone and its Indonesian label (WIB, WITA, WIT), for showing times. */
  public JsonObject timeZone() {
    ZoneId zone = clock.getZone();
    return new JsonObject().put("id", zone.getId())
        .put("label", ZONE_LABEL.format(java.time.ZonedDateTime.now(clock)));
  }

  public JsonObject toJson() {
    JsonObject out = new JsonObject().put("timeZone", timeZone());
    for (Window w : Window.values()) {
      out.put(w.key, new JsonObject()
          .put("label", w.label)
          .put("start", start(w).toString())
          .put("end", end(w).toString())
          .put("open", isOpen(w)));
    }
    return out;
  }
}
