package id.go.bkn.epupns.audit;

import id.go.bkn.epupns.auth.AuthGuard;
import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.core.http.FieldErrors;
import id.go.bkn.epupns.sapk.Nip;
import id.go.bkn.epupns.sapk.RequestedAgency;
import id.go.bkn.epupns.schedule.CampaignSchedule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * GET /api/admin/audit: the audit log, newest first, in keyset pages ({@code before}: the last id of
 * the previous page; the answer's {@code next} is the one to send for the following page), filtered
 * by action, actor (NIP), campaign dates (from/to, inclusive) and, for ADMIN_BKN, agency.
 * An ADMIN_INSTANSI reads the entries about its own agency only; naming another agency is 403.
 */
public final class AuditRoutes implements Feature {

  static final int DEFAULT_SIZE = 50;
  static final int MAX_SIZE = 200;
  private static final String ACTIONS = Arrays.stream(AuditLog.Action.values()).map(Enum::name)
      .collect(Collectors.joining(", "));
  /** The filter's choices as the page lists them: [{code, label}]. */
  private static final JsonArray ACTION_CHOICES = new JsonArray(Arrays.stream(AuditLog.Action.values())
      .map(a -> new JsonObject().put("code", a.name()).put("label", a.label())).toList());

  private static final String PAGE = """
      select a.id, a.at, a.actor_nip, a.actor_role, o.nama as actor_nama, a.action, a.target,
             a.instansi_id, i.nama as instansi_nama, a.details, tp.nama as target_pns_nama
        from admin_audit a
        left join officer o on o.nip = a.actor_nip
        left join instansi i on i.id = a.instansi_id
        left join pns tp on a.target ~ '^[0-9]{18}$' and tp.nip = a.target::char(18)
       where ($1::int is null or a.instansi_id = $1)
         and ($2::text is null or a.action = $2)
         and ($3::char(18) is null or a.actor_nip = $3)
         and ($4::timestamptz is null or a.at >= $4)
         and ($5::timestamptz is null or a.at < $5)
         and ($6::bigint is null or a.id < $6)
       order by a.id desc
       limit $7""";

  private final Pool pool;
  private final AuthGuard guard;
  private final CampaignSchedule schedule;

  public AuditRoutes(Pool pool, AuthGuard guard, CampaignSchedule schedule) {
    this.pool = pool;
    this.guard = guard;
    this.schedule = schedule;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/admin/audit").handler(guard.admins()).handler(this::page);
  }

  private void page(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    FieldErrors errors = new FieldErrors();
    String actionText = param(ctx, "action");
    AuditLog.Action action = actionText == null ? null : AuditLog.Action.of(actionText.toUpperCase());
    if (actionText != null && action == null) {
      errors.add("action", "action harus salah satu dari " + ACTIONS + ".");
    }
    String actorText = param(ctx, "actor");
    String actor = null;
    if (actorText != null) {
      Nip.Result nip = Nip.parse(actorText);
      if (nip.valid()) {
        actor = nip.get().value();
      } else {
        errors.add("actor", nip.error());
      }
    }
    LocalDate from = date(ctx, "from", errors);
    LocalDate to = date(ctx, "to", errors);
    if (from != null && to != null && to.isBefore(from)) {
      errors.add("to", "Tanggal akhir tidak boleh sebelum tanggal awal.");
    }
    Integer before = positive(ctx, "before", errors);
    Integer size = positive(ctx, "size", errors);
    if (size != null && size > MAX_SIZE) {
      errors.add("size", "size paling banyak " + MAX_SIZE + ".");
    }
    errors.throwIfAny();
    Integer agency = RequestedAgency.listed(ctx, caller.scope(), "instansiId");
    int limit = size == null ? DEFAULT_SIZE : size;
    OffsetDateTime start = from == null ? null : from.atStartOfDay(schedule.zone()).toOffsetDateTime();
    OffsetDateTime end = to == null ? null : to.plusDays(1).atStartOfDay(schedule.zone()).toOffsetDateTime();
    pool.preparedQuery(PAGE).execute(Tuple.from(new Object[] {agency, action == null ? null : action.name(), actor,
            start, end, before == null ? null : before.longValue(), limit + 1}))
        .onSuccess(rows -> {
          JsonArray items = new JsonArray();
          Long last = null;
          for (Row row : rows) {
            if (items.size() == limit) {
              break;
            }
            items.add(entry(row));
            last = row.getLong("id");
          }
          ctx.json(new JsonObject().put("items", items).put("next", rows.size() > limit ? last : null)
              .put("actions", ACTION_CHOICES));
        })
        .onFailure(ctx::fail);
  }

  private JsonObject entry(Row row) {
    Integer agency = row.getInteger("instansi_id");
    JsonObject details = row.getValue("details") instanceof JsonObject json ? json : new JsonObject();
    AuditLog.Action action = AuditLog.Action.of(row.getString("action"));
    String role = row.getString("actor_role");
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("at", schedule.time(row.getOffsetDateTime("at")))
        .put("actor", new JsonObject().put("nip", row.getString("actor_nip")).put("role", role)
            .put("roleLabel", AuditText.role(role)).put("nama", row.getString("actor_nama")))
        .put("action", row.getString("action"))
        .put("actionLabel", action == null ? null : action.label())
        .put("target", row.getString("target"))
        .put("targetNama", worded(() -> AuditText.target(action, row.getString("target"), details,
            row.getString("target_pns_nama"), row.getString("instansi_nama"))))
        .put("instansi", agency == null ? null : new JsonObject().put("id", agency).put("nama", row.getString("instansi_nama")))
        .put("details", details)
        .put("rincian", worded(() -> AuditText.details(action, details)));
  }

  /**
   * The words for an entry, or none: details written by an older version, the command line or by hand may hold a
   * value of another type than the text expects, and one such entry must not fail the whole page of the log.
   */
  private static String worded(java.util.function.Supplier<String> text) {
    try {
      return text.get();
    } catch (ClassCastException | IllegalArgumentException e) {
      return null;
    }
  }

  private static String param(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static Integer positive(RoutingContext ctx, String name, FieldErrors errors) {
    String text = param(ctx, name);
    if (text == null) {
      return null;
    }
    if (!text.matches("[1-9][0-9]{0,9}") || Long.parseLong(text) > Integer.MAX_VALUE) {
      errors.add(name, name + " harus bilangan bulat positif.");
      return null;
    }
    return Integer.valueOf(text);
  }

  private static LocalDate date(RoutingContext ctx, String name, FieldErrors errors) {
    String text = param(ctx, name);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      errors.add(name, name + " harus tanggal dengan bentuk yyyy-mm-dd.");
      return null;
    }
  }
}
