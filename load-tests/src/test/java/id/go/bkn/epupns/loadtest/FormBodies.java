package id.go.bkn.epupns.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Request bodies built from the service's own answers, the way the form pages build them. */
final class FormBodies {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The correction every virtual PNS makes: birthplace, which needs a birth certificate scan. */
  static final String CORRECTED_FIELD = "tempat_lahir";

  private FormBodies() {
  }

  /** One save per section of GET /api/me/form: every record field ✓, every history row ✓. */
  static List<Map<String, String>> confirmAll(String formJson) {
    List<Map<String, String>> saves = new ArrayList<>();
    for (JsonNode section : read(formJson).path("sections")) {
      String kind = section.path("kind").asText();
      ObjectNode body = JSON.createObjectNode().put("version", section.path("version").asInt());
      if ("record".equals(kind)) {
        body.set("fields", allCorrect(section));
      } else if ("rows".equals(kind) && section.path("rows").size() > 0) {
        ArrayNode rows = body.putArray("rows");
        for (JsonNode row : section.path("rows")) {
          rows.addObject().put("ref", row.path("ref").asText()).put("mark", "CORRECT");
        }
      } else {
        continue; // empty history lists and entry sections (guru/dokter: not among the prepared PNS)
      }
      saves.add(Map.of("section", section.path("id").asText(), "body", body.toString()));
    }
    return saves;
  }

  /** Data Utama again, with the birthplace marked ✗, corrected and the scan attached. */
  static String utamaWithCorrection(String formJson, int version, long documentId) {
    for (JsonNode section : read(formJson).path("sections")) {
      if ("utama".equals(section.path("id").asText())) {
        ObjectNode fields = allCorrect(section);
        ObjectNode item = fields.putObject(CORRECTED_FIELD).put("mark", "WRONG").put("correction", "Kota Uji Beban");
        item.putArray("documents").add(documentId);
        ObjectNode body = JSON.createObjectNode().put("version", version);
        body.set("fields", fields);
        return body.toString();
      }
    }
    throw new IllegalStateException("the form has no section utama");
  }

  /** A small PDF scan, different for every PNS (documents are stored once per content). */
  static byte[] scan(String nip) {
    String text = "%PDF-1.4\n% scan uji beban " + nip + "\n" + " ".repeat(40_000) + "\n%%EOF\n";
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The decisions body accepting (MS) every item pending at the verifier's tier, from
   * GET /api/submissions/{id} (issue 9: each item has an id and says whether it is pending at the
   * caller's tier; any boolean whose name starts with "pending" is taken as that flag).
   */
  static String acceptPending(String submissionJson) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode decisions = body.putArray("decisions");
    for (JsonNode item : read(submissionJson).path("items")) {
      boolean pending = false;
      for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        pending |= field.getKey().startsWith("pending") && field.getValue().asBoolean(false);
      }
      if (pending) {
        decisions.addObject().put("item", item.path("id").asLong()).put("verdict", "MS");
      }
    }
    return body.toString();
  }

  private static ObjectNode allCorrect(JsonNode section) {
    ObjectNode fields = JSON.createObjectNode();
    for (JsonNode field : section.path("fields")) {
      fields.putObject(field.path("name").asText()).put("mark", "CORRECT");
    }
    return fields;
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("not JSON: " + e.getMessage(), e);
    }
  }
}
