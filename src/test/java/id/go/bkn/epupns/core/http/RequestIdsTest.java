package id.go.bkn.epupns.core.http;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** New request ids: unique, short, and sane by the service's own rule (so they can be passed on). */
class RequestIdsTest {

  @Test
  void newIdsAreUniqueAndSane() {
    Pattern sane = Pattern.compile("[A-Za-z0-9._-]{8,64}");
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      String id = RequestIds.newId();
      assertTrue(sane.matcher(id).matches(), id);
      assertTrue(ids.add(id), "repeated: " + id);
    }
  }
}
