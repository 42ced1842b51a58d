package id.go.bkn.epupns.form;

import id.go.bkn.epupns.core.database.Transactions;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.form.catalogue.Catalogue;
import id.go.bkn.epupns.form.catalogue.Catalogue.Kind;
import id.go.bkn.epupns.form.catalogue.Catalogue.Section;
import id.go.bkn.epupns.sapk.Placement;
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

  /**
   * Everything of one form in one round trip; the history union is built from the catalogue's row
   * sections; once submitted, each item's decisions per tier (verification).
   */
  private static final String LOAD = """
      select (select to_jsonb(p) from form_sapk_pns p where p.nip = $1) as pns,
             (select coalesce(jsonb_agg(to_jsonb(r) order by r.section, r.urut, r.ref), '[]'::jsonb) from (%s) r) as rows,
             (select state from form where nip = $1) as state,
             (select coalesce(jsonb_object_agg(section, jsonb_build_object('version', version, 'content', content)),
                              '{}'::jsonb) from form_section where nip = $1) as sections,
             (select coalesce(jsonb_agg(jsonb_build_object('id', id, 'name', name, 'kind', kind, 'size', size_bytes,
                        'contentType', content_type, 'sha256', sha256, 'createdAt', created_at) order by id), '[]'::jsonb)
                from document where owner_nip = $1) as documents,
             (select id from submission where nip = $1) as submission_id,
             %s as verification""";
  /**
   * What a save of one section needs: the SAPK record, that section's history rows, the drafts
   * of that section and of the sections its rules refer to ($2), and only the documents the save
   * names ($3).
   */
  private static final String LOAD_FOR_SAVE = """
      select (select to_jsonb(p) from form_sapk_pns p where p.nip = $1) as pns,
             (select coalesce(jsonb_agg(to_jsonb(r) order by r.section, r.urut, r.ref), '[]'::jsonb) from (%s) r) as rows,
             (select state from form where nip = $1) as state,
             (select coalesce(jsonb_object_agg(section, jsonb_build_object('version', version, 'content', content)),
                              '{}'::jsonb) from form_section where nip = $1 and section = any($2)) as sections,
             (select coalesce(jsonb_agg(jsonb_build_object('id', id, 'name', name, 'kind', kind, 'size', size_bytes,
                        'contentType', content_type, 'sha256', sha256, 'createdAt', created_at) order by id), '[]'::jsonb)
                from document where owner_nip = $1 and id = any($3)) as documents,
             (select id from submission where nip = $1) as submission_id,
             %s as verification""";
  private static final String HISTORY = """
      select '%s' as section, v.ref, v.urut, to_jsonb(v) - 'nip' - 'urut' - 'ref' as sapk
        from %s v where v.nip = $1""";
  private static final String NO_HISTORY =
      "select null::text as section, null::text as ref, null::date as urut, null::jsonb as sapk where false";
  /** Creates the form row on first save and locks it: saves and the submit of one PNS queue here. */
  private static final String LOCK_FORM = """
      insert into form (nip) values ($1)
      on conflict (nip) do update set nip = excluded.nip
      returning state""";

  /**
   * A save in one statement (one round trip, atomic without BEGIN/COMMIT): lock the form row
   * (created on the first save), store the draft if the form is a draft and the version is still
   * the one the client read, and, when the document links changed, delete the links no longer
   * there and add the new ones (disjoint sets, so ON CONFLICT never meets a row being deleted).
   * $1 nip, $2 section, $3 content, $4 expected version, $5/$6 the links (item, document id).
   * Answers the form's state, the new version (null when refused) and the version stored before.
   */
  private static final String SAVE = """
      with lock as (
        insert into form (nip) values ($1)
        on conflict (nip) do update set nip = excluded.nip
        returning state
      ), saved as (
        %s
      )%s
      select (select state from lock) as state, (select version from saved) as version,
             (select version from form_section where nip = $1 and section = $2) as current_version""";
  private static final String FIRST_DRAFT = """
      insert into form_section (nip, section, version, content)
        select $1, $2, 1, $3 where (select state from lock) in (%s) and $4::integer = 0
        on conflict (nip, section) do nothing
        returning version""";
  private static final String NEXT_DRAFT = """
      update form_section set content = $3, version = version + 1, updated_at = now()
         where nip = $1 and section = $2 and version = $4 and (select state from lock) in (%s)
        returning version""";
  private static final String RELINK = """
      , unlinked as (
        delete from form_document_link l
         where l.nip = $1 and l.section = $2 and exists (select 1 from saved)
           and (l.item, l.document_id) not in (select * from unnest($5::text[], $6::bigint[]))
      ), linked as (
        insert into form_document_link (nip, section, item, document_id)
        select $1, $2, item, document_id from unnest($5::text[], $6::bigint[]) as l(item, document_id)
         where exists (select 1 from saved)
        on conflict do nothing
      )""";

  private static final String VERSIONS = "select section, version from form_section where nip = $1";
  private static final String MARK_SUBMITTED = "update form set state = 'SUBMITTED', submitted_at = now() where nip = $1";


  private final Pool pool;
  private final Catalogue catalogue;
  private final SubmissionHandover verification;
  private final String load;
  /** Per section: the statement loading what its save needs, and the sections whose drafts that is. */
  private final Map<String, String> loadForSave = new HashMap<>();
  private final Map<String, String[]> draftsForSave = new HashMap<>();

  FormStore(Pool pool, Catalogue catalogue, SubmissionHandover verification) {
    this.pool = pool;
    this.catalogue = catalogue;
    this.verification = verification;
    String history = catalogue.sections().values().stream().filter(s -> s.kind() == Kind.ROWS)
        .map(s -> HISTORY.formatted(s.id(), s.source()))
        .collect(Collectors.joining("\n union all\n"));
    this.load = LOAD.formatted(history.isEmpty() ? NO_HISTORY : history, verification.formItemsSql());
    for (Section section : catalogue.sections().values()) {
      // With the submitted items: a save of a submitted form is allowed for the items a verifier returned.
      loadForSave.put(section.id(), LOAD_FOR_SAVE.formatted(section.kind() == Kind.ROWS
          ? HISTORY.formatted(section.id(), section.source()) : NO_HISTORY, verification.formItemsSql()));
      List<String> drafts = new ArrayList<>(List.of(section.id()));
      drafts.addAll(catalogue.dependencies(section));
      draftsForSave.put(section.id(), drafts.toArray(new String[0]));
    }
  }

  /** The PNS's whole form, or null when SAPK has no record for the NIP. */
  Future<FormState> load(String nip) {
    return pool.preparedQuery(load).execute(Tuple.of(nip)).map(rows -> state(nip, rows));
  }

  /**
   * What saving the section needs to be checked: the form as {@link #load} has it but with only
   * this section's history rows, the drafts its rules look at (same section and those named as
   * "section.field") and the documents with the given ids; or null when SAPK has no record.
   */
  Future<FormState> loadForSave(String nip, Section section, List<Long> documentIds) {
    return pool.preparedQuery(loadForSave.get(section.id()))
        .execute(Tuple.of(nip, draftsForSave.get(section.id()), documentIds.toArray(new Long[0])))
        .map(rows -> state(nip, rows));
  }

  private FormState state(String nip, RowSet<Row> rows) {
    {
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
          row.getLong("submission_id"), (JsonArray) row.getJson("verification"));
    }
  }

  /**
   * Saves a section draft if its version is still the one the client read; returns the new
   * version. One statement; the link statements only when the draft's documents changed.
   * {@code reopened}: the form is submitted but a verifier returned items of this section (the
   * caller checked that only those changed), so a submitted form may be saved.
   */
  Future<Integer> save(String nip, Section section, int expectedVersion, JsonObject content, JsonObject previous,
                       boolean reopened) {
    List<String> items = new ArrayList<>();
    List<Long> documents = new ArrayList<>();
    links(section, content, items, documents);
    List<String> oldItems = new ArrayList<>();
    List<Long> oldDocuments = new ArrayList<>();
    if (previous != null && !previous.isEmpty()) {
      links(section, previous, oldItems, oldDocuments);
    }
    boolean relink = !linkSet(items, documents).equals(linkSet(oldItems, oldDocuments));
    Tuple args = Tuple.of(nip, section.id(), content, expectedVersion);
    if (relink) {
      args.addValue(items.toArray(new String[0])).addValue(documents.toArray(new Long[0]));
    }
    return pool.preparedQuery(saveSql(expectedVersion == 0, relink, reopened)).execute(args)
        // A document deleted between the check and this statement (23503 on the link): nothing was written.
        .recover(e -> Future.failedFuture(e instanceof io.vertx.pgclient.PgException pg && "23503".equals(pg.getSqlState())
            ? documentGone() : e))
        .compose(rows -> {
      Row row = rows.iterator().next();
      if (FormState.SUBMITTED.equals(row.getString("state")) && !reopened) {
        return Future.failedFuture(formLocked());
      }
      Integer version = row.getInteger("version");
      if (version != null) {
        return Future.succeededFuture(version);
      }
      Integer current = row.getInteger("current_version");
      return Future.failedFuture(versionConflict(current == null ? 0 : current));
    });
  }

  private static final String DRAFT_ONLY = "'DRAFT'";
  private static final String DRAFT_OR_REOPENED = "'DRAFT', 'SUBMITTED'";
  private static final String[] SAVE_SQL = {
      SAVE.formatted(NEXT_DRAFT.formatted(DRAFT_ONLY), ""), SAVE.formatted(NEXT_DRAFT.formatted(DRAFT_ONLY), RELINK),
      SAVE.formatted(FIRST_DRAFT.formatted(DRAFT_ONLY), ""), SAVE.formatted(FIRST_DRAFT.formatted(DRAFT_ONLY), RELINK),
      SAVE.formatted(NEXT_DRAFT.formatted(DRAFT_OR_REOPENED), ""),
      SAVE.formatted(NEXT_DRAFT.formatted(DRAFT_OR_REOPENED), RELINK),
      SAVE.formatted(FIRST_DRAFT.formatted(DRAFT_OR_REOPENED), ""),
      SAVE.formatted(FIRST_DRAFT.formatted(DRAFT_OR_REOPENED), RELINK)};

  private static String saveSql(boolean first, boolean relink, boolean reopened) {
    return SAVE_SQL[(reopened ? 4 : 0) + (first ? 2 : 0) + (relink ? 1 : 0)];
  }

  private static java.util.Set<String> linkSet(List<String> items, List<Long> documents) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      out.add(items.get(i) + "\u0000" + documents.get(i));
    }
    return out;
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

  /**
   * Locks the form, checks that the drafts are still the versions the plan was made from, hands the
   * submission over to verification and marks the form submitted: one transaction.
   */
  Future<Long> submit(FormState state, List<SubmissionHandover.Item> items) {
    String nip = state.nip;
    Placement placement = new Placement(state.pns.getInteger("satuan_kerja_id"), state.pns.getInteger("instansi_kerja_id"),
        state.pns.getInteger("kanreg_id"));
    return Transactions.withRetry(pool, conn -> lockForm(conn, nip)
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
          return verification.submit(conn, new SubmissionHandover.Submission(nip, state.pns.getString("nama"), placement,
              items));
        })
        .compose(submissionId -> conn.preparedQuery(MARK_SUBMITTED).execute(Tuple.of(nip)).<Long>map(v -> submissionId)));
  }

  /**
   * Submits the items a verifier returned, again: the form stays submitted; in one transaction the
   * form row is locked, the drafts' versions checked, and the changes handed over (verification
   * takes those that match a returned item). Answers how many items went back to verification.
   */
  Future<Integer> resubmit(FormState state, List<SubmissionHandover.Item> items) {
    String nip = state.nip;
    return Transactions.withRetry(pool, conn -> lockForm(conn, nip)
        .compose(formState -> conn.preparedQuery(VERSIONS).execute(Tuple.of(nip)))
        .compose(versions -> {
          for (Row v : versions) {
            if (v.getInteger("version") != state.version(v.getString("section"))) {
              return Future.failedFuture(versionConflict(v.getInteger("version"))
                  .with("section", v.getString("section")));
            }
          }
          return verification.resubmit(conn, nip, items);
        }));
  }

  private static Future<String> lockForm(SqlConnection conn, String nip) {
    return conn.preparedQuery(LOCK_FORM).execute(Tuple.of(nip)).map(r -> r.iterator().next().getString(0));
  }

  static ApiError formLocked() {
    return ApiError.conflict("FORM_LOCKED", "Formulir sudah dikirim untuk verifikasi dan tidak dapat diubah lagi.");
  }

  static ApiError documentGone() {
    return ApiError.conflict("DOCUMENT_DELETED", "Dokumen yang dilampirkan baru saja dihapus. Muat ulang halaman,"
        + " lalu lampirkan dokumen yang masih ada.");
  }

  static ApiError alreadySubmitted() {
    return ApiError.conflict("ALREADY_SUBMITTED", "Formulir Anda sudah dikirim sebelumnya.");
  }

  static ApiError versionConflict(int current) {
    return ApiError.conflict("VERSION_CONFLICT", "Data ini diubah di tab atau perangkat lain. Muat ulang halaman, lalu ulangi perubahan Anda.")
        .with("currentVersion", current);
  }
}
