package id.go.bkn.epupns.schedule;

import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.http.ApiError;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The campaign's windows (registration, form entry, verification) and its time zone, from the
 * schedule settings. Every time the API answers is written in that zone ({@link #time}), so pages
 * show the campaign's wall-clock time ("16.03 WIB") whatever the browser's zone.
 */
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

  private final AppConfig config;
  private final Clock clock;
  private final String zoneLabel;

  public CampaignSchedule(AppConfig config) {
    this(config, Clock.system(ZoneId.of(config.string("schedule.timeZone"))));
  }

  CampaignSchedule(AppConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.zoneLabel = config.string("schedule.timeZoneLabel");
  }

  /** The campaign's time zone (schedule.timeZone), e.g. Asia/Jakarta. */
  public ZoneId zone() {
    return clock.getZone();
  }

  /** How people name the zone (schedule.timeZoneLabel), e.g. WIB. */
  public String zoneLabel() {
    return zoneLabel;
  }

  public Instant now() {
    return clock.instant();
  }

  public LocalDate today() {
    return LocalDate.now(clock);
  }

  /** An instant as the API writes it: ISO 8601 with the campaign zone's offset (2015-09-01T16:03:00+07:00); null stays null. */
  public String time(OffsetDateTime at) {
    // ISO_OFFSET_DATE_TIME always writes the seconds (toString drops ":00", which is no RFC 3339 date-time).
    return at == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZoneSameInstant(zone()));
  }

  /** The end of the campaign day the instant falls on (midnight after it, in the campaign zone). */
  public OffsetDateTime endOfDay(OffsetDateTime at) {
    return at.atZoneSameInstant(zone()).toLocalDate().plusDays(1).atStartOfDay(zone()).toOffsetDateTime();
  }

  public LocalDate start(Window window) {
    return config.date("schedule." + window.key + "Start");
  }

  public LocalDate end(Window window) {
    return config.date("schedule." + window.key + "End");
  }

  public boolean isOpen(Window window) {
    LocalDate today = today();
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

  /** GET /api/schedule: every window, plus "timeZone": {id, label, offset} for the pages to name times. */
  public JsonObject toJson() {
    JsonObject out = new JsonObject();
    for (Window w : Window.values()) {
      out.put(w.key, new JsonObject()
          .put("label", w.label)
          .put("start", start(w).toString())
          .put("end", end(w).toString())
          .put("open", isOpen(w)));
    }
    out.put("timeZone", new JsonObject()
        .put("id", zone().getId())
        .put("label", zoneLabel)
        .put("offset", zone().getRules().getOffset(now()).getId()));
    return out;
  }
}
