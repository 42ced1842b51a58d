package id.go.bkn.epupns.form;

import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.form.catalogue.Catalogue;
import id.go.bkn.epupns.form.catalogue.Catalogue.Kind;
import id.go.bkn.epupns.form.catalogue.Catalogue.Section;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The form's SQL: reading a PNS's whole form in one round trip, saving drafts, submitting. */
final class FormStore {

  /** Everything of one form; the history union is built from the catalogue's row sections. */
  private static final String LOAD = """
      select (select to_jsonb(p) from form_sapk_pns p where p.nip = $1) as pns,
             (select coalesce(jsonb_agg(to_jsonb(r) order by r.section, r.urut, r.ref), '[]'::jsonb) from (%s) r) as rows,
             (select state from form where nip = $1) as state,
             (select coalesce(jsonb_object_agg(section, jsonb_build_object('version', version, 'content', content)),
                              '{}'::jsonb) from form_section where nip = $1) as sections,
             (select coalesce(jsonb_agg(jsonb_build_object('id', id, 'name', name, 'kind', kind, 'size', size_bytes,
                        'contentType', content_type, 'sha256', sha256, 'createdAt', created_at) order by id), '[]'::jsonb)
                from document where owner_nip = $1) as documents,
             (select id from submission where nip = $1) as submission_id""";
  private static final String HISTORY = """
      select '%s' as section, v.ref, v.urut, to_jsonb(v) - 'nip' - 'urut' - 'ref' as sapk
        from %s v where v.nip = $1""";

  /** Creates the form row on first save and locks it: saves and the submit of one PNS queue here. */
  private static final String LOCK_FORM = """
      insert into form (nip) values ($1)
      on conflict (nip) do update set nip = excluded.nip
      returning state""";
  private static final String FIRST_SAVE = """
      insert into form_section (nip, section, version, content) values ($1, $2, 1, $3)
      on conflict (nip, section) do nothing
      returning version""";
  private static final String SAVE = """
      update form_section set content = $3, version = version + 1, updated_at = now()
       where nip = $1 and section = $2 and version = $4
      returning version""";
  private static final String CURRENT_VERSION = "select version from form_section where nip = $1 and section = $2";
  private static final String UNLINK = "delete from form_document_link where nip = $1 and section = $2";
  private static final String LINK = """
      insert into form_document_link (nip, section, item, document_id)
      select $1, $2, item, document_id from unnest($3::text[], $4::bigint[]) as l(item, document_id)
      on conflict do nothing""";

  private static final String VERSIONS = "select section, version from form_section where nip = $1";
  private static final String INSERT_SUBMISSION = """
      insert into submission (nip, satuan_kerja_id, instansi_id, kanreg_id, status, completed_at)
      values ($1, $2, $3, $4, $5, case when $5 = 'COMPLETED' then now() end)
      returning id""";
  private static final String INSERT_FIELD = """
      insert into submission_field (submission_id, section, field, row_ref, action, label, sapk_value, corrected_value,
                                    final_authority, current_tier, status)
      values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'PENDING')
      returning id""";
  private static final String INSERT_FIELD_DOCUMENTS = """
      insert into submission_field_document (submission_field_id, document_id)
      select f, d from unnest($1::bigint[], $2::bigint[]) as x(f, d)""";
  private static final String MARK_SUBMITTED = "update form set state = 'SUBMITTED', submitted_at = now() where nip = $1";

  private static final String SUBMISSION = "select id, submitted_at, status, completed_at from submission where nip = $1";
  private static final String SUBMISSION_FIELDS = """
      select f.id, f.section, f.field, f.row_ref, f.action, f.label, f.sapk_value, f.corrected_value,
             f.final_authority, f.current_tier, f.status,
             coalesce((select jsonb_object_agg(d.tier, jsonb_build_object('verdict', d.verdict, 'reason', d.reason,
                         'decidedAt', d.decided_at)) from submission_decision d where d.submission_field_id = f.id),
                      '{}'::jsonb) as decisions,
             coalesce((select jsonb_agg(sd.document_id order by sd.document_id) from submission_field_document sd
                        where sd.submission_field_id = f.id), '[]'::jsonb) as documents
        from submission_field f where f.submission_id = $1 order by f.id""";

  private final Pool pool;
  private final Catalogue catalogue;
  private final String load;

  FormStore(Pool pool, Catalogue catalogue) {
    this.pool = pool;
    this.catalogue = catalogue;
    String history = catalogue.sections().values().stream().filter(s -> s.kind() == Kind.ROWS)
        .map(s -> HISTORY.formatted(s.id(), s.source()))
        .collect(Collectors.joining("\n union all\n"));
    this.load = LOAD.formatted(history.isEmpty()
        ? "select null::text as section, null::text as ref, null::date as urut, null::jsonb as sapk where false" : history);
  }

  /** The PNS's whole form, or null when SAPK has no record for the NIP. */
  Future<FormState> load(String nip) {
    return pool.preparedQuery(load).execute(Tuple.of(nip)).map(rows -> {
      Row row = rows.iterator().next();
      JsonObject pns = (JsonObject) row.getJson("pns");
      if (pns == null) {
        return null;
      }
      Map<String, List<FormState.SapkRow>> history = new HashMap<>();
      for (Object r : (JsonArray) row.getJson("rows")) {
        JsonObject h = (JsonObject) r;
        history.computeIfAbsent(h.getString("section"), k -> new ArrayList<>())
            .add(new FormState.SapkRow(h.getString("ref"), h.getJsonObject("sapk")));
      }
      Map<String, FormState.Draft> drafts = new HashMap<>();
      ((JsonObject) row.getJson("sections")).forEach(e -> {
        JsonObject d = (JsonObject) e.getValue();
        drafts.put(e.getKey(), new FormState.Draft(d.getInteger("version"), d.getJsonObject("content")));
      });
      Map<Long, JsonObject> documents = new LinkedHashMap<>();
      for (Object d : (JsonArray) row.getJson("documents")) {
        JsonObject doc = (JsonObject) d;
        documents.put(doc.getLong("id"), doc);
      }
      return new FormState(catalogue, nip, pns, history, row.getString("state"), drafts, documents,
          row.getLong("submission_id"));
    });
  }

  /** Saves a section draft if its version is still the one the client read; returns the new version. */
  Future<Integer> save(String nip, Section section, int expectedVersion, JsonObject content) {
    List<String> items = new ArrayList<>();
    List<Long> documents = new ArrayList<>();
    links(section, content, items, documents);
    return pool.withTransaction(conn -> lockForm(conn, nip)
        .compose(state -> {
          if (FormState.SUBMITTED.equals(state)) {
            return Future.failedFuture(formLocked());
          }
          return expectedVersion == 0
              ? conn.preparedQuery(FIRST_SAVE).execute(Tuple.of(nip, section.id(), content))
              : conn.preparedQuery(SAVE).execute(Tuple.of(nip, section.id(), content, expectedVersion));
        })
        .compose(saved -> {
          if (saved.size() == 1) {
            return Future.succeededFuture(saved.iterator().next().getInteger(0));
          }
          return conn.preparedQuery(CURRENT_VERSION).execute(Tuple.of(nip, section.id()))
              .compose(current -> Future.failedFuture(versionConflict(
                  current.size() == 0 ? 0 : current.iterator().next().getInteger(0))));
        })
        .compose(version -> conn.preparedQuery(UNLINK).execute(Tuple.of(nip, section.id()))
            .compose(v -> items.isEmpty() ? Future.succeededFuture()
                : conn.preparedQuery(LINK).execute(Tuple.of(nip, section.id(), items.toArray(new String[0]),
                    documents.toArray(new Long[0]))))
            .map(v -> version)));
  }

  private static void links(Section section, JsonObject content, List<String> items, List<Long> documents) {
    if (section.kind() == Kind.ROWS) {
      for (Object r : content.getJsonArray("rows")) {
        JsonObject row = (JsonObject) r;
        row.getJsonArray("documents").forEach(id -> {
          items.add(row.getString("ref"));
          documents.add(((Number) id).longValue());
        });
      }
    } else {
      content.getJsonObject("fields").forEach(e -> ((JsonObject) e.getValue()).getJsonArray("documents").forEach(id -> {
        items.add(e.getKey());
        documents.add(((Number) id).longValue());
      }));
    }
  }

  /** Locks the form and stores the submission with its items, in one transaction. */
  Future<Long> submit(FormState state, List<SubmitPlan.Item> items) {
    String nip = state.nip;
    return pool.withTransaction(conn -> lockForm(conn, nip)
        .compose(formState -> {
          if (FormState.SUBMITTED.equals(formState)) {
            return Future.failedFuture(alreadySubmitted());
          }
          return conn.preparedQuery(VERSIONS).execute(Tuple.of(nip));
        })
        .compose(versions -> {
          for (Row v : versions) {
            if (v.getInteger("version") != state.version(v.getString("section"))) {
              return Future.failedFuture(versionConflict(v.getInteger("version"))
                  .with("section", v.getString("section")));
            }
          }
          return conn.preparedQuery(INSERT_SUBMISSION).execute(Tuple.of(nip, state.pns.getInteger("satuan_kerja_id"),
              state.pns.getInteger("instansi_kerja_id"), state.pns.getInteger("kanreg_id"),
              items.isEmpty() ? "COMPLETED" : "IN_VERIFICATION"));
        })
        .compose(inserted -> {
          long submissionId = inserted.iterator().next().getLong(0);
          if (items.isEmpty()) {
            return Future.succeededFuture(submissionId);
          }
          List<Tuple> batch = items.stream().map(i -> Tuple.of(submissionId, i.section(), i.field(), i.rowRef(),
              i.action(), i.label()).addValue(json(i.sapkValue())).addValue(json(i.correctedValue()))
              .addValue(i.finalAuthority()).addValue(catalogue.tiers().get(0))).toList();
          return conn.preparedQuery(INSERT_FIELD).executeBatch(batch).compose(result -> {
            List<Long> fieldIds = new ArrayList<>();
            List<Long> documentIds = new ArrayList<>();
            RowSet<Row> rs = result;
            for (SubmitPlan.Item item : items) {
              long fieldId = rs.iterator().next().getLong(0);
              item.documents().forEach(d -> {
                fieldIds.add(fieldId);
                documentIds.add(d);
              });
              rs = rs.next();
            }
            return documentIds.isEmpty() ? Future.succeededFuture(submissionId)
                : conn.preparedQuery(INSERT_FIELD_DOCUMENTS)
                    .execute(Tuple.tuple().addValue(fieldIds.toArray(new Long[0])).addValue(documentIds.toArray(new Long[0])))
                    .map(v -> submissionId);
          });
        })
        .compose(submissionId -> conn.preparedQuery(MARK_SUBMITTED).execute(Tuple.of(nip)).map(v -> submissionId)))
        .recover(e -> e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())
            ? Future.failedFuture(alreadySubmitted()) : Future.failedFuture(e));
  }

  /** The submission and its items with every decision, or null before submitting. */
  Future<JsonObject> progress(String nip) {
    return pool.preparedQuery(SUBMISSION).execute(Tuple.of(nip)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(null);
      }
      Row s = rows.iterator().next();
      JsonObject submission = new JsonObject().put("submissionId", s.getLong("id"))
          .put("submittedAt", s.getOffsetDateTime("submitted_at").toString()).put("status", s.getString("status"))
          .put("completedAt", s.getOffsetDateTime("completed_at") == null ? null : s.getOffsetDateTime("completed_at").toString());
      return pool.preparedQuery(SUBMISSION_FIELDS).execute(Tuple.of(s.getLong("id"))).map(fields -> {
        JsonArray items = new JsonArray();
        for (Row f : fields) {
          items.add(new JsonObject().put("id", f.getLong("id")).put("section", f.getString("section"))
              .put("field", f.getString("field")).put("row", f.getString("row_ref")).put("action", f.getString("action"))
              .put("label", f.getString("label")).put("sapkValue", f.getJson("sapk_value"))
              .put("correctedValue", f.getJson("corrected_value")).put("finalAuthority", f.getString("final_authority"))
              .put("currentTier", f.getString("current_tier")).put("status", f.getString("status"))
              .put("decisions", f.getJson("decisions")).put("documents", f.getJson("documents")));
        }
        return submission.put("fields", items);
      });
    });
  }

  private static Future<String> lockForm(SqlConnection conn, String nip) {
    return conn.preparedQuery(LOCK_FORM).execute(Tuple.of(nip)).map(r -> r.iterator().next().getString(0));
  }

  /** jsonb parameters: JSON values as they are, scalars wrapped so that the driver sends jsonb. */
  private static Object json(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof JsonObject || value instanceof JsonArray) {
      return value;
    }
    return value instanceof String || value instanceof Number || value instanceof Boolean ? value : String.valueOf(value);
  }

  static ApiError formLocked() {
    return ApiError.conflict("FORM_LOCKED", "Formulir sudah dikirim untuk verifikasi dan tidak dapat diubah lagi.");
  }

  static ApiError alreadySubmitted() {
    return ApiError.conflict("ALREADY_SUBMITTED", "Formulir Anda sudah dikirim sebelumnya.");
  }

  static ApiError versionConflict(int current) {
    return ApiError.conflict("VERSION_CONFLICT", "Data ini diubah di tab atau perangkat lain. Muat ulang halaman, lalu ulangi perubahan Anda.")
        .with("currentVersion", current);
  }
}
