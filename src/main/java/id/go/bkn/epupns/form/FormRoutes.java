package id.go.bkn.epupns.form;

import id.go.bkn.epupns.auth.AuthGuard;
import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.core.http.JsonBodies;
import id.go.bkn.epupns.form.catalogue.Catalogue;
import id.go.bkn.epupns.form.catalogue.Catalogue.Field;
import id.go.bkn.epupns.form.catalogue.Catalogue.Kind;
import id.go.bkn.epupns.form.catalogue.Catalogue.Section;
import id.go.bkn.epupns.schedule.CampaignSchedule;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The PNS's form: GET /api/form/catalogue, GET /api/me/form, PUT /api/me/form/{section},
 * POST /api/me/form/submit (handed over to verification, which also answers GET /api/me/progress).
 */
final class FormRoutes implements Feature {

  private final AuthGuard guard;
  private final Catalogue catalogue;
  private final FormStore store;
  private final DraftValidator validator;
  private final SubmitPlan plan;
  private final CampaignSchedule schedule;
  private final String catalogueBody;
  private final SubmissionHandover handover;

  FormRoutes(AuthGuard guard, Catalogue catalogue, FormStore store, DraftValidator validator, SubmitPlan plan,
             CampaignSchedule schedule, SubmissionHandover handover) {
    this.handover = handover;
    this.guard = guard;
    this.catalogue = catalogue;
    this.store = store;
    this.validator = validator;
    this.plan = plan;
    this.schedule = schedule;
    this.catalogueBody = catalogue.json().encode();
  }

  @Override
  public void mount(Router router) {
    router.get("/api/form/catalogue").handler(this::catalogue);
    router.get("/api/me/form").handler(guard.require(Role.PNS)).handler(this::form);
    router.post("/api/me/form/submit").handler(guard.require(Role.PNS)).handler(this::submit);
    router.get("/api/me/form/check").handler(guard.require(Role.PNS)).handler(this::check);
    router.put("/api/me/form/:section").handler(guard.require(Role.PNS)).handler(this::save);
  }

  private void catalogue(RoutingContext ctx) {
    if (catalogue.etag().equals(ctx.request().getHeader("If-None-Match"))) {
      ctx.response().setStatusCode(304).putHeader("ETag", catalogue.etag()).end();
      return;
    }
    ctx.response().putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "public, max-age=3600")
        .putHeader("ETag", catalogue.etag())
        .end(catalogueBody);
  }

  private Future<FormState> load(Caller caller) {
    return store.load(caller.nip()).compose(state -> state == null
        ? Future.failedFuture(ApiError.notFound("Data Anda tidak ditemukan di SAPK."))
        : Future.succeededFuture(state));
  }

  private void form(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    load(caller)
        .map(state -> render(state).put("formWindow",
            schedule.windowFor(CampaignSchedule.Window.FORM, caller.scope().agencyId())))
        .onSuccess(body -> json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  private void save(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    Section section = catalogue.section(ctx.pathParam("section")).orElseThrow(() -> ApiError.notFound(
        "Bagian formulir '" + ctx.pathParam("section") + "' tidak ada."));
    // Form entry's window, unless the save corrects returned items: those are part of verification.
    Integer agency = caller.scope().agencyId();
    boolean formOpen = schedule.isOpen(CampaignSchedule.Window.FORM, agency);
    if (!formOpen && !schedule.isOpen(CampaignSchedule.Window.VERIFICATION, agency)) {
      schedule.requireOpen(CampaignSchedule.Window.FORM, agency);
    }
    JsonObject body = JsonBodies.object(ctx);
    Object version = body.getValue("version");
    if (!(version instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < 0) {
      throw ApiError.field("version", "Kirim 'version' (bilangan bulat) dari data yang Anda muat.");
    }
    int expected = ((Number) version).intValue();
    store.loadForSave(caller.nip(), section, documentIds(body))
        .compose(state -> state == null
            ? Future.failedFuture(ApiError.notFound("Data Anda tidak ditemukan di SAPK."))
            : Future.succeededFuture(state))
        .compose(state -> {
          if (!state.applies(section)) {
            return Future.failedFuture(ApiError.notFound("Bagian " + section.title() + " tidak berlaku untuk Anda."));
          }
          boolean reopened = state.locked() && state.returned().keySet().stream().anyMatch(k -> k.startsWith(section.id() + "|"));
          if (state.locked() && !reopened) {
            return Future.failedFuture(FormStore.formLocked());
          }
          if (!reopened && !formOpen) {
            schedule.requireOpen(CampaignSchedule.Window.FORM, agency);
          }
          if (state.version(section.id()) != expected) {
            return Future.failedFuture(FormStore.versionConflict(state.version(section.id())));
          }
          JsonObject previous = state.content(section.id());
          return validator.validate(section, body, state, caller.scope().agencyId())
              .compose(content -> {
                if (reopened) {
                  String unchangeable = Reopened.firstOtherChange(section, previous, content, state);
                  if (unchangeable != null) {
                    return Future.failedFuture(FormStore.formLocked().with("item", unchangeable));
                  }
                }
                return store.save(caller.nip(), section, expected, content, previous, reopened);
              });
        })
        .onSuccess(newVersion -> json(ctx, 200, new JsonObject().put("section", section.id()).put("version", newVersion)))
        .onFailure(ctx::fail);
  }

  /** The document ids a save names (fields.*.documents, rows[*].documents), to load only those. */
  private static List<Long> documentIds(JsonObject body) {
    java.util.Set<Long> ids = new java.util.LinkedHashSet<>();
    java.util.function.Consumer<Object> collect = item -> {
      if (item instanceof JsonObject o && o.getValue("documents") instanceof JsonArray docs) {
        docs.forEach(d -> {
          if (d instanceof Number n && ids.size() < 2000) {
            ids.add(n.longValue());
          }
        });
      }
    };
    if (body.getValue("fields") instanceof JsonObject fields) {
      fields.forEach(e -> collect.accept(e.getValue()));
    }
    if (body.getValue("rows") instanceof JsonArray rows) {
      rows.forEach(collect);
    }
    return List.copyOf(ids);
  }

  private void submit(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    load(caller)
        .compose(state -> {
          if (state.locked() && !state.returned().isEmpty()) {
            return resubmit(state, caller.scope().agencyId());
          }
          schedule.requireOpen(CampaignSchedule.Window.FORM, caller.scope().agencyId());
          if (state.locked()) {
            return Future.failedFuture(FormStore.alreadySubmitted());
          }
          List<SubmitPlan.Problem> problems = plan.problems(state);
          if (!problems.isEmpty()) {
            return Future.failedFuture(new ApiError(422, "FORM_INCOMPLETE",
                "Formulir belum lengkap: " + problems.size() + " hal perlu diselesaikan sebelum dikirim.")
                .with("missing", new JsonArray(problems.stream().map(SubmitPlan.Problem::toJson).toList())));
          }
          List<SubmissionHandover.Item> items = plan.items(state);
          return store.submit(state, items).map(id -> new JsonObject().put("submissionId", id).put("fields", items.size()));
        })
        .onSuccess(body -> json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  /**
   * Submitting again after a verifier returned items (verification window): the returned items as
   * the PNS corrected them go back to verification, entering at the first tier again.
   */
  private Future<JsonObject> resubmit(FormState state, Integer agency) {
    schedule.requireOpen(CampaignSchedule.Window.VERIFICATION, agency);
    List<SubmitPlan.Problem> problems = plan.problems(state);
    if (!problems.isEmpty()) {
      return Future.failedFuture(new ApiError(422, "FORM_INCOMPLETE",
          "Perbaikan belum lengkap: " + problems.size() + " hal perlu diselesaikan sebelum dikirim kembali.")
          .with("missing", new JsonArray(problems.stream().map(SubmitPlan.Problem::toJson).toList())));
    }
    return store.resubmit(state, plan.items(state)).map(n -> new JsonObject().put("submissionId", state.submissionId)
        .put("fields", n).put("resubmitted", true));
  }

  /** What submitting now would do: the missing list, or how many changes go to verification. */
  private void check(RoutingContext ctx) {
    Integer agency = Caller.of(ctx).scope().agencyId();
    load(Caller.of(ctx))
        .onSuccess(state -> {
          int returned = state.locked() ? state.returned().size() : 0;
          List<SubmitPlan.Problem> problems = state.locked() && returned == 0 ? List.of() : plan.problems(state);
          json(ctx, 200, new JsonObject().put("state", state.locked() ? FormState.SUBMITTED : FormState.DRAFT)
              .put("complete", problems.isEmpty())
              .put("missing", new JsonArray(problems.stream().map(SubmitPlan.Problem::toJson).toList()))
              .put("changes", problems.isEmpty() && !state.locked() ? plan.items(state).size() : null)
              .put("returned", returned)
              .put("formOpen", schedule.isOpen(CampaignSchedule.Window.FORM, agency))
              .put("verificationOpen", schedule.isOpen(CampaignSchedule.Window.VERIFICATION, agency)));
        })
        .onFailure(ctx::fail);
  }

  /** The whole form as the page shows it. */
  private JsonObject render(FormState state) {
    Map<String, JsonObject> returned = state.returned();
    Map<String, JsonObject> verification = new HashMap<>();
    if (state.verification != null) {
      for (Object f : state.verification) {
        JsonObject item = (JsonObject) f;
        verification.put(item.getString("section") + "|" + item.getString("field") + "|" + item.getString("row"),
            handover.tiers(item));
      }
    }
    JsonArray sections = new JsonArray();
    for (Section section : catalogue.sections().values()) {
      if (!state.applies(section)) {
        continue;
      }
      JsonObject out = new JsonObject().put("id", section.id()).put("title", section.title()).put("tab", section.tab())
          .put("kind", section.kind().name().toLowerCase()).put("version", state.version(section.id()));
      if (section.kind() == Kind.ROWS) {
        out.put("rows", rows(section, state, verification));
      } else {
        JsonObject items = state.items(section.id());
        JsonArray fields = new JsonArray();
        for (Field field : section.fields().values()) {
          JsonObject item = items.getJsonObject(field.name(), new JsonObject());
          fields.add(new JsonObject().put("name", field.name())
              .put("sapk", section.kind() == Kind.RECORD ? state.pns.getValue(field.name()) : null)
              .put("mark", item.getString("mark")).put("correction", item.getValue("correction"))
              .put("documents", documents(state, item.getJsonArray("documents")))
              .put("verification", verification.getOrDefault(section.id() + "|" + field.name() + "|null", new JsonObject()))
              .put("returned", returned.get(section.id() + "|" + field.name() + "|null")));
        }
        out.put("fields", fields);
      }
      sections.add(out);
    }
    JsonObject pns = state.pns;
    return new JsonObject().put("nip", state.nip).put("nipLama", pns.getString("nip_lama")).put("nama", pns.getString("nama"))
        .put("instansiKerja", pns.getString("instansi_kerja_nama")).put("guru", pns.getBoolean("guru"))
        .put("dokter", pns.getBoolean("dokter")).put("state", state.locked() ? FormState.SUBMITTED : FormState.DRAFT)
        .put("submissionId", state.submissionId).put("sections", sections)
        .put("returned", new JsonArray(returned.entrySet().stream().map(e -> {
          String[] key = e.getKey().split("\\|", -1);
          return e.getValue().copy().put("section", key[0]).put("field", key[1]).put("row", "null".equals(key[2]) ? null : key[2]);
        }).toList()))
        .put("documents", new JsonArray(List.copyOf(state.documents.values())));
  }

  private JsonArray rows(Section section, FormState state, Map<String, JsonObject> verification) {
    Map<String, JsonObject> saved = state.savedRows(section.id());
    JsonArray rows = new JsonArray();
    for (FormState.SapkRow row : state.sapkRows(section.id())) {
      rows.add(row(section, row.ref(), row.values(), saved.remove(row.ref()), state, verification));
    }
    for (JsonObject added : saved.values()) {
      if (Mark.ADD.is(added.getString("mark"))) {
        rows.add(row(section, added.getString("ref"), null, added, state, verification));
      }
    }
    return rows;
  }

  private JsonObject row(Section section, String ref, JsonObject sapk, JsonObject draft, FormState state,
                         Map<String, JsonObject> verification) {
    JsonObject d = draft == null ? new JsonObject() : draft;
    JsonObject tiers = new JsonObject();
    for (String field : section.fields().keySet()) {
      JsonObject v = verification.get(section.id() + "|" + field + "|" + ref);
      if (v != null) {
        tiers.put(field, v);
      }
    }
    JsonObject whole = verification.get(section.id() + "|_row|" + ref);
    if (whole != null) {
      tiers.put("_row", whole);
    }
    JsonObject back = null;
    for (Map.Entry<String, JsonObject> e : state.returned().entrySet()) {
      if (e.getKey().startsWith(section.id() + "|") && e.getKey().endsWith("|" + ref)) {
        back = e.getValue();
      }
    }
    return new JsonObject().put("ref", ref).put("sapk", sapk).put("returned", back).put("mark", d.getString("mark"))
        .put("corrections", d.getJsonObject("corrections", new JsonObject()))
        .put("values", d.getJsonObject("values", new JsonObject())).put("reason", d.getString("reason"))
        .put("documents", documents(state, d.getJsonArray("documents"))).put("verification", tiers);
  }

  private static JsonArray documents(FormState state, JsonArray ids) {
    JsonArray out = new JsonArray();
    if (ids != null) {
      for (Object id : ids) {
        JsonObject doc = state.documents.get(((Number) id).longValue());
        if (doc != null) {
          out.add(new JsonObject().put("id", doc.getLong("id")).put("name", doc.getString("name")).put("kind", doc.getString("kind")));
        }
      }
    }
    return out;
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(body.encode());
  }
}
