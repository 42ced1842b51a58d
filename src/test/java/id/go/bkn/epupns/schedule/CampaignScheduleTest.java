package id.go.bkn.epupns.schedule;

import id.go.bkn.epupns.core.config.AppConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The zone pages show times in comes from schedule.timeZone, labelled the Indonesian way. */
class CampaignScheduleTest {

  private static JsonObject zone(String id) {
    JsonObject schedule = new JsonObject().put("timeZone", id);
    for (String w : new String[] {"registration", "form", "verification"}) {
      schedule.put(w + "Start", "2015-09-01").put(w + "End", "2099-12-31");
    }
    return new CampaignSchedule(new AppConfig(new JsonObject().put("schedule", schedule))).toJson().getJsonObject("timeZone");
  }

  @Test
  void eachIndonesianZoneHasItsLabel() {
    assertEquals(new JsonObject().put("id", "Asia/Jakarta").put("label", "WIB"), zone("Asia/Jakarta"));
    assertEquals("WITA", zone("Asia/Makassar").getString("label"));
    assertEquals("WIT", zone("Asia/Jayapura").getString("label"));
  }
}
