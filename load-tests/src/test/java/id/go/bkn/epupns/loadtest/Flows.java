package id.go.bkn.epupns.loadtest;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;

import java.time.Duration;
import java.util.Map;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.http.HttpDsl.ByteArrayBodyPart;
import static io.gatling.javaapi.http.HttpDsl.StringBodyPart;
import static io.gatling.javaapi.core.CoreDsl.asLongAsDuring;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The steps of each flow, as the pages make them (same API calls, same order). Think times are
 * short on purpose (-DthinkSeconds, default 1): arrivals per second is the load, not people's pace.
 */
final class Flows {

  static final Duration THINK = Duration.ofMillis((long) (1000 * Settings.number("thinkSeconds", 1, 3)));
  /** How long a virtual user stays in the waiting room before giving up (abandonment). */
  static final Duration MAX_WAIT = Duration.ofSeconds(Settings.seconds("maxWaitSeconds", 300, 1800));

  private Flows() {
  }

  /**
   * The waiting room (admission/): ask for a place in the flow, poll while WAITING, go on when
   * ADMITTED (the admission cookie then rides on every request of the flow). With the waiting room
   * off the first answer is ADMITTED. Wait times (predicted on entry vs actual) go to
   * target/admission-waits.csv for the honesty check.
   */
  static ChainBuilder admission(String flow) {
    return exec(session -> session.set("admissionStart", System.currentTimeMillis()).remove("firstEstimate"))
        .exec(admissionPoll(flow, "admission"))
        .exec(session -> session.contains("estimatedWaitSeconds")
            ? session.set("firstEstimate", session.getString("estimatedWaitSeconds")) : session)
        .exec(asLongAsDuring(session -> "WAITING".equals(session.getString("admission")), MAX_WAIT).on(
            pause(session -> Duration.ofSeconds(Long.parseLong(session.getString("pollAfterSeconds"))))
                .exec(admissionPoll(flow, "admission poll"))))
        .exec(session -> {
          if ("ADMITTED".equals(session.getString("admission"))) {
            AdmissionLog.record(flow, session.getString("firstEstimate"),
                System.currentTimeMillis() - session.getLong("admissionStart"));
            return session;
          }
          return session.markAsFailed();
        })
        .exitHereIfFailed();
  }

  private static ChainBuilder admissionPoll(String flow, String name) {
    return exec(http(name).post("/api/admission")
        .body(StringBody("{\"flow\":\"" + flow + "\"}")).asJson()
        .check(status().in(200, 202),
            jsonPath("$.status").saveAs("admission"),
            jsonPath("$.pollAfterSeconds").optional().saveAs("pollAfterSeconds"),
            jsonPath("$.estimatedWaitSeconds").optional().saveAs("estimatedWaitSeconds")));
  }

  /** Admission released at the end of a flow, so the next person in line gets the place. */
  static ChainBuilder leave() {
    return exec(http("admission leave").delete("/api/admission").check(status().in(200, 204)));
  }

  /** Scenario 1: captcha → cari → register → proof PDF. Feeder: registration.csv (nip,nik). */
  static ChainBuilder registration() {
    return exec(http("captcha").post("/api/captcha").body(StringBody("{}")).asJson()
            .check(status().is(200), jsonPath("$.id").saveAs("captchaId"),
                jsonPath("$.answer").saveAs("captchaAnswer")))
        .exec(http("cari").get("/api/pns/#{nip}").check(status().is(200)))
        .pause(THINK)
        .exec(http("register").post("/api/registrations")
            .body(StringBody("""
                {"nip":"#{nip}","nik":"#{nik}","email":"lt#{nip}@example.go.id",
                 "password":"kopi tubruk uji beban","passwordConfirmation":"kopi tubruk uji beban",
                 "motherName":"Ibu Uji Beban","securityQuestion":"Apa nama sekolah dasar pertama Anda?",
                 "securityAnswer":"SD Negeri 1","captchaId":"#{captchaId}","captchaAnswer":"#{captchaAnswer}"}"""))
            .asJson()
            .check(status().is(201), jsonPath("$.proofUrl").saveAs("proofUrl")))
        .exitHereIfFailed()
        .exec(http("proof pdf").get("#{proofUrl}")
            .check(status().is(200), header("Content-Type").is("application/pdf")));
  }

  /**
   * Scenario 2: login → form → save every section (all ✓) → upload a scan → save a correction
   * with it → submit. Feeder: form.csv (number,password,nip) of approved accounts that have not
   * submitted (each can submit once).
   */
  static ChainBuilder form() {
    return exec(http("login").post("/api/auth/login")
            .body(StringBody("{\"username\":\"#{number}\",\"password\":\"#{password}\"}")).asJson()
            .check(status().is(200), jsonPath("$.token").saveAs("token")))
        .exec(http("form").get("/api/me/form").header("Authorization", "Bearer #{token}")
            .check(status().is(200), bodyString().saveAs("formJson")))
        .exec(session -> session.set("saves", FormBodies.confirmAll(session.getString("formJson"))))
        .foreach("#{saves}", "save").on(
            pause(THINK)
                .exec(http("save section")
                    .put(session -> "/api/me/form/" + save(session).get("section"))
                    .header("Authorization", "Bearer #{token}")
                    .body(StringBody(session -> save(session).get("body"))).asJson()
                    .check(status().is(200), jsonPath("$.version").saveAs("savedVersion")))
                .exec(session -> "utama".equals(save(session).get("section"))
                    ? session.set("utamaVersion", session.getString("savedVersion")) : session))
        .exec(http("upload").post("/api/me/documents")
            .header("Authorization", "Bearer #{token}")
            .bodyPart(ByteArrayBodyPart("file", session -> FormBodies.scan(session.getString("nip")))
                .fileName("akta-kelahiran.pdf").contentType("application/pdf"))
            .bodyPart(StringBodyPart("kind", "AKTA_KELAHIRAN"))
            .asMultipartForm()
            .check(status().is(201), jsonPath("$.id").saveAs("documentId")))
        .exec(http("save correction").put("/api/me/form/utama")
            .header("Authorization", "Bearer #{token}")
            .body(StringBody(session -> FormBodies.utamaWithCorrection(session.getString("formJson"),
                Integer.parseInt(session.getString("utamaVersion")), Long.parseLong(session.getString("documentId")))))
            .asJson()
            .check(status().is(200)))
        .exec(http("check").get("/api/me/form/check").header("Authorization", "Bearer #{token}")
            .check(status().is(200)))
        .exec(http("submit").post("/api/me/form/submit").header("Authorization", "Bearer #{token}")
            .body(StringBody("{}")).asJson()
            .check(status().is(200), jsonPath("$.submissionId").exists()));
  }

  /**
   * Scenario 3: verifier login → inbox → claim → review → decisions, written against issue 9's
   * contract (GET /api/inbox, POST /api/submissions/{id}/claim, GET /api/submissions/{id},
   * POST /api/submissions/{id}/decisions). Feeder: verifiers.csv (nip,password); the inbox is
   * filled by scenario 2's submissions of the same work units. Each verifier reviews
   * -DreviewsPerVerifier submissions (default 3).
   */
  static ChainBuilder verification() {
    int reviews = Settings.seconds("reviewsPerVerifier", 3, 10);
    return exec(http("verifier login").post("/api/auth/login")
            .body(StringBody("{\"username\":\"#{nip}\",\"password\":\"#{password}\"}")).asJson()
            .check(status().is(200), jsonPath("$.token").saveAs("token")))
        .repeat(reviews).on(
            exec(session -> session.remove("submissionId"))
                .exec(http("inbox").get("/api/inbox?claim=unclaimed")
                    .header("Authorization", "Bearer #{token}")
                    .check(status().is(200), jsonPath("$.items[0].submissionId").optional().saveAs("submissionId")))
                .doIf(session -> session.contains("submissionId")).then(
                    exec(http("claim").post("/api/submissions/#{submissionId}/claim")
                            .header("Authorization", "Bearer #{token}").body(StringBody("{}")).asJson()
                            // 409: a colleague claimed it first; the next round takes another one.
                            .check(status().in(200, 201, 409), status().saveAs("claimStatus")))
                        .doIf(session -> !"409".equals(session.getString("claimStatus"))).then(
                            exec(http("review").get("/api/submissions/#{submissionId}")
                                    .header("Authorization", "Bearer #{token}")
                                    .check(status().is(200), bodyString().saveAs("submissionJson")))
                                .pause(THINK)
                                .exec(http("decisions").post("/api/submissions/#{submissionId}/decisions")
                                    .header("Authorization", "Bearer #{token}")
                                    .body(StringBody(session -> FormBodies.acceptPending(
                                        session.getString("submissionJson")))).asJson()
                                    .check(status().is(200)))))
                .pause(THINK));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> save(Session session) {
    return (Map<String, String>) session.get("save");
  }
}
