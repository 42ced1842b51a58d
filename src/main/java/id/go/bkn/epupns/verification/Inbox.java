package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.core.database.Like;
import id.go.bkn.epupns.sapk.Scope;
import id.go.bkn.epupns.sapk.Tier;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * GET /api/inbox: the submissions with at least one item pending at the caller's tier inside its
 * scope, oldest first, keyset paged on (submitted_at, id). It reads only the queue table
 * (submission_tier: one row per submission and tier, the placement copied), whose partial indexes
 * (tier, scope column, submitted_at, id) where pending > 0 give each inbox as one index range in
 * order, so a page costs the same at the first and the thousandth page and never touches the items.
 * Only the filters asked for are in the statement (a NIP filter then finds its one row by the NIP's
 * unique index and the queue's key); counts (total, matching, mine, unclaimed, per section: one pass over the
 * inbox's range) come with the first page.
 */
final class Inbox {

  /** The filters of one inbox request; null members are not filtered on. */
  record Filter(String nip, String nama, Integer satuanKerjaId, OffsetDateTime from, OffsetDateTime until,
                String section, String claim) {
    static final String MINE = "mine";
    static final String UNCLAIMED = "unclaimed";
  }

  /** Where a page ends: the last row's submission time and id. */
  record Cursor(OffsetDateTime submittedAt, long id) {
    String encode() {
      return Base64.getUrlEncoder().withoutPadding().encodeToString((submittedAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String text) {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      int bar = plain.lastIndexOf('|');
      return new Cursor(OffsetDateTime.parse(plain.substring(0, bar)), Long.parseLong(plain.substring(bar + 1)));
    }
  }

  private static final String COLUMNS = """
      select t.submission_id, s.nip, t.nama, t.satuan_kerja_id, sk.nama as satker_nama, t.submitted_at, t.pending,
             t.sections, case when t.claim_expires_at > now() then t.claimed_by end as claimed_by,
             case when t.claim_expires_at > now() then t.claim_expires_at end as claim_expires_at, o.nama as holder
        from submission_tier t
        join submission s on s.id = t.submission_id
        join satuan_kerja sk on sk.id = t.satuan_kerja_id
        left join officer o on o.nip = t.claimed_by and t.claim_expires_at > now()
      """;

  private final Pool pool;
  /** The catalogue's section ids, counted in the same pass as the totals. */
  private final List<String> sections;

  Inbox(Pool pool, List<String> sections) {
    this.pool = pool;
    this.sections = List.copyOf(sections);
  }

  /** A statement's text and its parameters, built together so that every $n matches its value. */
  private static final class Sql {
    final StringBuilder text = new StringBuilder();
    final Tuple args = Tuple.tuple();

    String param(Object value) {
      args.addValue(value);
      return "$" + args.size();
    }
  }

  /** A statement and its parameters (package-private: the plan test explains exactly these). */
  record Statement(String sql, Tuple args) {
  }

  /** One page: size + 1 rows, so that the last one tells whether there is a next page. */
  static Statement pageStatement(Caller caller, Filter filter, Cursor after, int size) {
    Tier tier = caller.role().tier().orElseThrow();
    Sql page = new Sql();
    page.text.append(COLUMNS);
    where(page, caller, tier, filter, true);
    if (after != null) {
      page.text.append("   and (t.submitted_at, t.submission_id) > (").append(page.param(after.submittedAt()))
          .append(", ").append(page.param(after.id())).append(")\n");
    }
    page.text.append(" order by t.submitted_at, t.submission_id limit ").append(page.param(size + 1));
    return new Statement(page.text.toString(), page.args);
  }

  Future<JsonObject> page(Caller caller, Filter filter, Cursor after, int size, boolean counts) {
    Tier tier = caller.role().tier().orElseThrow();
    Statement page = pageStatement(caller, filter, after, size);
    Future<JsonObject> items = pool.preparedQuery(page.sql()).execute(page.args()).map(rows -> {
      JsonArray out = new JsonArray();
      Cursor next = null;
      int n = 0;
      for (Row row : rows) {
        if (++n > size) {
          break;
        }
        String holder = row.getString("claimed_by");
        out.add(new JsonObject().put("submissionId", row.getLong("submission_id")).put("nip", row.getString("nip"))
            .put("nama", row.getString("nama"))
            .put("satuanKerja", new JsonObject().put("id", row.getInteger("satuan_kerja_id")).put("nama", row.getString("satker_nama")))
            .put("submittedAt", row.getOffsetDateTime("submitted_at").toString()).put("pending", row.getInteger("pending"))
            .put("sections", new JsonArray(List.of(row.getArrayOfStrings("sections"))))
            .put("claim", holder == null ? null : new JsonObject().put("nip", holder).put("nama", row.getString("holder"))
                .put("expiresAt", row.getOffsetDateTime("claim_expires_at").toString()).put("mine", holder.equals(caller.nip()))));
        next = new Cursor(row.getOffsetDateTime("submitted_at"), row.getLong("submission_id"));
      }
      return new JsonObject().put("tier", tier.name()).put("items", out).put("next", n > size ? next.encode() : null);
    });
    if (!counts) {
      return items;
    }
    return Future.all(items, counts(caller, tier, filter))
        .map(all -> ((JsonObject) all.resultAt(0)).put("counts", all.resultAt(1)));
  }

  /** The scope and tier of the inbox, then (when {@code filtered}) the request's filters. */
  private static void where(Sql sql, Caller caller, Tier tier, Filter f, boolean filtered) {
    Scope scope = caller.scope();
    String scopeParam = sql.param(scope.parameter());
    sql.text.append(" where t.tier = ").append(sql.param(tier.name())).append(" and t.pending > 0 and ")
        .append(scope.predicate(ScopedSql.QUEUE, Integer.parseInt(scopeParam.substring(1)))).append('\n');
    if (filtered) {
      sql.text.append(conditions(sql, caller, f));
    }
  }

  private static String conditions(Sql sql, Caller caller, Filter f) {
    StringBuilder out = new StringBuilder();
    for (String condition : conditionList(sql, caller, f)) {
      out.append("   and ").append(condition).append('\n');
    }
    return out.toString();
  }

  private static List<String> conditionList(Sql sql, Caller caller, Filter f) {
    List<String> out = new ArrayList<>();
    if (f.nip() != null) {
      // The NIP's one submission by its unique index, then that queue row by its key: no join per inbox row.
      out.add("t.submission_id = (select n.id from submission n where n.nip = " + sql.param(f.nip()) + ")");
    }
    if (f.nama() != null) {
      out.add("t.nama ilike " + sql.param(Like.contains(f.nama())));
    }
    if (f.satuanKerjaId() != null) {
      out.add("t.satuan_kerja_id = " + sql.param(f.satuanKerjaId()));
    }
    if (f.from() != null) {
      out.add("t.submitted_at >= " + sql.param(f.from()));
    }
    if (f.until() != null) {
      out.add("t.submitted_at < " + sql.param(f.until()));
    }
    if (f.section() != null) {
      out.add("t.sections @> array[" + sql.param(f.section()) + "::text]");
    }
    if (Filter.MINE.equals(f.claim())) {
      out.add("t.claimed_by = " + sql.param(caller.nip()) + " and t.claim_expires_at > now()");
    } else if (Filter.UNCLAIMED.equals(f.claim())) {
      out.add("(t.claimed_by is null or t.claim_expires_at <= now())");
    }
    return out;
  }

  /**
   * total (the whole inbox) and per section from the inbox counters (V140: kept by the queue's
   * trigger in every queue transaction, so exact and a few rows to sum even for a BKD inbox of
   * 100,000+); mine and unclaimed from the live claims (an index range of the claims at this tier);
   * matching, only when filters are given, by one pass over the filtered part of the inbox.
   */
  private Future<JsonObject> counts(Caller caller, Tier tier, Filter filter) {
    Statement counters = countersStatement(caller, tier);
    Statement claims = claimsStatement(caller, tier);
    Statement matching = matchingStatement(caller, tier, filter);
    Future<JsonObject> totals = pool.preparedQuery(counters.sql()).execute(counters.args()).map(rows -> {
      JsonObject perSection = new JsonObject();
      long total = 0;
      for (Row row : rows) {
        String section = row.getString("section");
        long n = row.getLong("submissions");
        if (section.isEmpty()) {
          total = n;
        } else if (n > 0 && sections.contains(section)) {
          perSection.put(section, n);
        }
      }
      return new JsonObject().put("total", total).put("sections", perSection);
    });
    Future<Row> claimed = pool.preparedQuery(claims.sql()).execute(claims.args()).map(rows -> rows.iterator().next());
    Future<Long> matched = matching == null ? Future.succeededFuture(null)
        : pool.preparedQuery(matching.sql()).execute(matching.args()).map(rows -> rows.iterator().next().getLong(0));
    return Future.all(totals, claimed, matched).map(all -> {
      JsonObject out = totals.result();
      long total = out.getLong("total");
      Row claims0 = claimed.result();
      return new JsonObject().put("total", total).put("matching", matched.result() == null ? total : matched.result())
          .put("mine", claims0.getLong("mine")).put("unclaimed", Math.max(0, total - claims0.getLong("claimed")))
          .put("sections", out.getJsonObject("sections"));
    });
  }

  private static final Scope.Columns COUNTER = new Scope.Columns("c.satuan_kerja_id", "c.instansi_id", "c.kanreg_id");

  /** The inbox's counters summed over the work units in scope, one row per section ('' = all). */
  static Statement countersStatement(Caller caller, Tier tier) {
    Sql sql = new Sql();
    String scopeParam = sql.param(caller.scope().parameter());
    sql.text.append("select c.section, sum(c.submissions)::bigint as submissions\n  from inbox_count c\n")
        .append(" where c.tier = ").append(sql.param(tier.name())).append(" and ")
        .append(caller.scope().predicate(COUNTER, Integer.parseInt(scopeParam.substring(1))))
        .append("\n group by c.section");
    return new Statement(sql.text.toString(), sql.args);
  }

  /** Live claims in the inbox: the caller's and everyone's (few: about one per verifier at work). */
  static Statement claimsStatement(Caller caller, Tier tier) {
    Sql sql = new Sql();
    String me = sql.param(caller.nip());
    sql.text.append("select count(*) filter (where t.claimed_by = ").append(me).append(") as mine, count(*) as claimed\n")
        .append("  from submission_tier t\n");
    where(sql, caller, tier, null, false);
    sql.text.append("   and t.claimed_by is not null and t.claim_expires_at > now()");
    return new Statement(sql.text.toString(), sql.args);
  }

  /** How many submissions of the inbox match the filters; null when there are none (then all do). */
  static Statement matchingStatement(Caller caller, Tier tier, Filter filter) {
    Sql sql = new Sql();
    sql.text.append("select count(*) from submission_tier t\n");
    where(sql, caller, tier, filter, true);
    return filter.equals(new Filter(null, null, null, null, null, null, null)) ? null : new Statement(sql.text.toString(), sql.args);
  }
}
