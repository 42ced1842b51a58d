package id.go.bkn.epupns.registration;

import id.go.bkn.epupns.sapk.Nip;
import id.go.bkn.epupns.testing.OpenApiOperations;
import id.go.bkn.epupns.testing.OpenApiOperations.Operation;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No user enumeration beyond what is declared: every operation that needs no token is called with a registered NIP,
 * a NIP of SAPK that is not registered and a NIP SAPK does not know (all well-formed), as an anonymous stranger
 * would (a solved captcha where one is asked, a wrong password, NIK or mother's name: what a stranger cannot know).
 * The three answers (status, error code, the names of the body's fields) must be the same, except for the
 * operations of {@link #MAY_DIFFER}, each with its reason (README "User enumeration"); a declared operation whose
 * answers no longer differ fails too, so the list stays the smallest true one.
 */
class UserEnumerationTest {

  /** The operations whose answers may tell the three NIPs apart, and why that is accepted. */
  static final Map<String, String> MAY_DIFFER = Map.of(
      "lookupPns", "the seeds' public lookup (cari NIP): names the SAPK record of a NIP and whether it is registered, "
          + "so a PNS knows whether to register; per-IP rate limit",
      "register", "captcha-gated, and tells only what the public lookup tells: whether SAPK knows the NIP (404 "
          + "NIP_NOT_FOUND with the complaint link); a registered and an unregistered NIP with a guessed NIK get the "
          + "same 400 (the NIK is checked first; 409 ALREADY_REGISTERED needs the right NIK)",
      "registrationStatus", "captcha-gated cek status: its purpose is to show a NIP's registration status "
          + "(per-IP limit)",
      "recoverRegistrationNumber", "captcha-gated lupa nomor: a NIP that is not registered has no number to recover "
          + "(404 NOT_REGISTERED, which the page must say); per-NIP failure budget",
      "recoverSecurityAnswer", "captcha-gated lupa jawaban: as lupa nomor (404 NOT_REGISTERED vs a wrong mother's name)",
      "fileComplaint", "captcha-gated pengaduan: a complaint is for a NIP SAPK does not know, so a NIP it knows is 409 "
          + "NIP_IN_SAPK (register, or recover the number): only what the public lookup tells; registered and "
          + "unregistered NIPs get the same 409");

  /** Declared operations that tell only whether SAPK knows the NIP: registered and unregistered must answer alike. */
  static final java.util.Set<String> SAPK_ONLY = java.util.Set.of("register", "fileComplaint");

  static RegistrationSteps steps;
  static TestService service;
  static Map<String, String> nips = new LinkedHashMap<>();
  static Map<String, String> niks = new LinkedHashMap<>();

  @BeforeAll
  static void start() {
    steps = RegistrationSteps.withMail(UserEnumerationTest.class, Map.of(
        "EPUPNS_RATE_LIMIT_STATUS_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_RECOVERY_NUMBER_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_RECOVERY_ANSWER_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_PASSWORD_RESET_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_COMPLAINT_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_PROOF_PER_IP", "100000"));
    service = steps.service();
    SapkFixture.Person registered = steps.sapk().pns(SapkFixture.SATKER_DINKES_BANDUNG, true);
    steps.registered(registered);
    SapkFixture.Person unregistered = steps.sapk().pns(SapkFixture.SATKER_DINKES_BANDUNG, false);
    String unknown = Nip.format(LocalDate.of(1979, 5, 5), YearMonth.of(2004, 3), false, 987);
    assertEquals(0, service.sql("select 1 from pns where nip = $1", unknown).size());
    nips.put("registered", registered.nip());
    nips.put("unregistered", unregistered.nip());
    nips.put("unknown", unknown);
    niks.put("registered", registered.nik());
    niks.put("unregistered", unregistered.nik());
    niks.put("unknown", "3273050505790017");
  }

  @AfterAll
  static void stop() {
    steps.close();
  }

  /** A NIK that does not belong to the NIP (the stranger does not know it): the real one with its last digit changed. */
  static String wrongNik(String nik) {
    return nik.substring(0, 15) + (nik.charAt(15) == '9' ? '8' : '9');
  }

  /** The body a stranger would send for the NIP, or null when the operation takes none. */
  static JsonObject body(Operation op, String nip, String nik) {
    if (!op.body()) {
      return null;
    }
    JsonObject body = switch (op.id()) {
      case "login" -> new JsonObject().put("username", nip).put("password", "tebakan yang salah 1");
      case "enterWaitingRoom" -> new JsonObject().put("flow", "registration").put("nip", nip);
      case "register" -> steps.form(new SapkFixture.Person(nip, wrongNik(nik), "Tebakan"), "kopi tubruk di pagi hari")
          .put("nik", wrongNik(nik));
      case "recoverRegistrationNumber", "requestPasswordReset" -> steps.solvedCaptcha().put("nip", nip);
      case "recoverSecurityAnswer" -> steps.solvedCaptcha().put("nip", nip).put("motherName", "Tebakan Ibu");
      case "fileComplaint" -> steps.solvedCaptcha().put("nip", nip).put("nama", "Tebakan Nama").put("nik", wrongNik(nik))
          .put("instansiId", SapkFixture.INSTANSI_BANDUNG).put("description", "Data saya tidak dapat ditemukan.")
          .put("contact", "orang@example.org");
      case "refresh" -> new JsonObject().put("refreshToken", "bukan-token");
      case "confirmPasswordReset", "setOfficerPassword" -> new JsonObject().put("token", "A".repeat(43))
          .put("password", "kata sandi baru 2015").put("passwordConfirmation", "kata sandi baru 2015");
      default -> new JsonObject();
    };
    return body;
  }

  static String uri(Operation op, String nip) {
    String uri = op.path().replace("{nip}", nip).replace("{file}", "AAAA-BBBB-CCCC-D.pdf");
    List<String> query = new ArrayList<>();
    for (String param : op.requiredQuery()) {
      String value = switch (param) {
        case "nip" -> nip;
        case "q" -> "kota";
        case "code" -> "AAAABBBBCCCCD." + nip + ".20150301." + "A".repeat(22); // shaped like a code, not signed
        case "expires" -> Long.toString(System.currentTimeMillis() / 1000 + 600);
        case "sig" -> "A".repeat(43);
        default -> "1";
      };
      query.add(param + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
    if (op.id().equals("registrationStatus")) {
      JsonObject captcha = steps.solvedCaptcha();
      query.removeIf(q -> q.startsWith("captcha"));
      query.add("captchaId=" + captcha.getString("captchaId"));
      query.add("captchaAnswer=" + captcha.getString("captchaAnswer"));
    }
    return query.isEmpty() ? uri : uri + "?" + String.join("&", query);
  }

  /**
   * What the answer tells: its status, error code, the names of its fields and the values of those that state
   * something (a status, a yes/no); not the other values (ids, times, the NIP and name echoed).
   */
  static String signature(HttpResponse<Buffer> response) {
    String text = response.bodyAsString();
    StringBuilder out = new StringBuilder(Integer.toString(response.statusCode()));
    if (text != null && text.startsWith("{")) {
      JsonObject json = new JsonObject(text);
      if (json.getString("error") != null) {
        out.append(' ').append(json.getString("error"));
      }
      TreeSet<String> names = new TreeSet<>(json.fieldNames());
      names.remove("requestId");
      out.append(' ').append(names);
      for (String name : names) {
        Object value = json.getValue(name);
        if (name.equals("status") || value instanceof Boolean) {
          out.append(' ').append(name).append('=').append(value);
        }
      }
      if (json.getValue("fields") instanceof JsonObject fields) {
        out.append(" fields").append(new TreeSet<>(fields.fieldNames()));
      }
    }
    return out.toString();
  }

  @Test
  void anonymousAnswersDoNotTellARegisteredNipFromAnUnregisteredOrUnknownOne() {
    List<String> failures = new ArrayList<>();
    Map<String, Map<String, String>> seen = new LinkedHashMap<>();
    int operations = 0;
    for (Operation op : OpenApiOperations.all()) {
      if (op.secured() || op.id().equals("metrics")) {
        continue;
      }
      operations++;
      Map<String, String> answers = new LinkedHashMap<>();
      for (Map.Entry<String, String> nip : nips.entrySet()) {
        JsonObject body = body(op, nip.getValue(), niks.get(nip.getKey()));
        HttpRequest<Buffer> request = service.http().request(op.method(), uri(op, nip.getValue()));
        HttpResponse<Buffer> response = TestService.await(body == null ? request.send() : request.sendJsonObject(body));
        if (response.statusCode() >= 500) {
          failures.add(op.id() + " with the " + nip.getKey() + " NIP: " + response.statusCode() + " " + response.bodyAsString());
        }
        answers.put(nip.getKey(), signature(response));
      }
      seen.put(op.id(), answers);
      boolean differ = new TreeSet<>(answers.values()).size() > 1;
      if (differ && !MAY_DIFFER.containsKey(op.id())) {
        failures.add(op.method() + " " + op.path() + " tells the NIPs apart: " + answers);
      } else if (SAPK_ONLY.contains(op.id()) && !answers.get("registered").equals(answers.get("unregistered"))) {
        failures.add(op.id() + " tells a registered NIP from an unregistered one: " + answers);
      } else if (!differ && MAY_DIFFER.containsKey(op.id())) {
        failures.add(op.id() + " is declared as telling the NIPs apart, but answers alike: " + answers);
      }
    }
    StringBuilder report = new StringBuilder();
    seen.forEach((op, answers) -> report.append(String.format("%-28s %s%n", op, answers)));
    System.out.println("USER-ENUMERATION operations=" + operations + "\n" + report);
    assertTrue(operations >= 20, "anonymous operations: " + operations);
    assertEquals(List.of(), failures, report.toString());
  }
}
