package id.go.bkn.epupns.sapk;

import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * The part of the organisation tree an account works in: one work unit (VERIFIER_SKPD), one agency
 * (VERIFIER_BKD, ADMIN_INSTANSI), one BKN office and the agencies assigned to it (VERIFIER_BKN), or
 * the whole country (ADMIN_BKN). A PNS's scope is its own record only ({@link Level#OWN_RECORD}:
 * it covers nobody; its id is the PNS's agency, whose reference tables the form offers).
 *
 * <p>This is the one place that knows what a scope covers, in Java ({@link #covers}) and in SQL
 * ({@link #predicate}); roles map to levels in {@code auth.Role}, tiers in {@link Tier}. It lives
 * with the organisation tree (sapk), which depends on no feature, so auth, admin and verification
 * can all use it without a cycle.
 */
public record Scope(Level level, int id) {

  /** Levels of the organisation tree, with the name of the id as the API and the officer table have it. */
  public enum Level {
    OWN_RECORD(null, null),
    WORK_UNIT("satuanKerjaId", "satuan_kerja_id"),
    AGENCY("instansiId", "instansi_id"),
    BKN_OFFICE("kanregId", "kanreg_id"),
    NATIONAL(null, null);

    private final String field;
    private final String column;

    Level(String field, String column) {
      this.field = field;
      this.column = column;
    }

    /** The API field carrying this level's id (satuanKerjaId, instansiId, kanregId), null for none. */
    public String field() {
      return field;
    }

    /** The officer table's column of this level's id, null for none. */
    public String column() {
      return column;
    }
  }

  /** Columns of a table holding a placement, for {@link #predicate}: e.g. s.satuan_kerja_id, ... */
  public record Columns(String satuanKerja, String instansi, String kanreg) {
  }

  public Scope {
    Objects.requireNonNull(level, "level");
    if (level == Level.NATIONAL && id != 0) {
      throw new IllegalArgumentException("a national scope has no id");
    }
  }

  public static Scope workUnit(int satuanKerjaId) {
    return new Scope(Level.WORK_UNIT, satuanKerjaId);
  }

  public static Scope agency(int instansiId) {
    return new Scope(Level.AGENCY, instansiId);
  }

  public static Scope bknOffice(int kanregId) {
    return new Scope(Level.BKN_OFFICE, kanregId);
  }

  public static Scope national() {
    return new Scope(Level.NATIONAL, 0);
  }

  /** A PNS: its own record only; the id is its agency. */
  public static Scope ownRecord(int instansiId) {
    return new Scope(Level.OWN_RECORD, instansiId);
  }

  /**
   * The scope of a level from the three ids as they are stored (officer row, token): the id of that
   * level, the agency for a PNS. Null when that id is missing.
   */
  public static Scope of(Level level, Integer satuanKerjaId, Integer instansiId, Integer kanregId) {
    Integer id = switch (level) {
      case WORK_UNIT -> satuanKerjaId;
      case AGENCY, OWN_RECORD -> instansiId;
      case BKN_OFFICE -> kanregId;
      case NATIONAL -> 0;
    };
    return id == null ? null : new Scope(level, id);
  }

  /** Whether a PNS (or submission) placed here is inside this scope. */
  public boolean covers(Placement placement) {
    return switch (level) {
      case OWN_RECORD -> false;
      case WORK_UNIT -> placement.satuanKerjaId() == id;
      case AGENCY -> placement.instansiId() == id;
      case BKN_OFFICE -> placement.kanregId() == id;
      case NATIONAL -> true;
    };
  }

  /**
   * Whether the whole agency is inside this scope (to manage its settings or see its lists): the
   * national scope, or that agency's own. A BKN office's verifiers and a work unit do not manage
   * agencies.
   */
  public boolean coversAgency(int instansiId) {
    return level == Level.NATIONAL || level == Level.AGENCY && id == instansiId;
  }

  /**
   * The agency a list of agency records (registrations, complaints, officers) is filtered to: for the
   * national scope the requested one (null: every agency), for any other this scope's own agency.
   * Check {@link #coversAgency} of a requested agency first: a request outside the scope is refused.
   */
  public Integer listedAgency(Integer requested) {
    if (requested != null && !coversAgency(requested)) {
      throw new IllegalArgumentException("agency " + requested + " is outside " + this);
    }
    return level == Level.NATIONAL ? requested : agencyId();
  }

  /**
   * A SQL condition that holds exactly for the rows this scope covers, on the given placement
   * columns; {@code $parameter} takes {@link #parameter()}. One statement per level, so each uses
   * the index of its own column.
   */
  public String predicate(Columns columns, int parameter) {
    String p = "$" + parameter;
    return switch (level) {
      case OWN_RECORD -> "(false and " + p + "::integer is null)";
      case WORK_UNIT -> columns.satuanKerja() + " = " + p;
      case AGENCY -> columns.instansi() + " = " + p;
      case BKN_OFFICE -> columns.kanreg() + " = " + p;
      case NATIONAL -> "(" + p + "::integer is null)";
    };
  }

  /** The value for the predicate's parameter: the id, or null for the national scope. */
  public Integer parameter() {
    return level == Level.NATIONAL ? null : id;
  }

  /** The agency this scope is about (an agency's scope, a PNS's own agency), or null. */
  public Integer agencyId() {
    return level == Level.AGENCY || level == Level.OWN_RECORD ? id : null;
  }

  /** The ids as the three stored columns (officer row, token claims): only this level's is set. */
  public Integer satuanKerjaId() {
    return level == Level.WORK_UNIT ? id : null;
  }

  public Integer instansiId() {
    return level == Level.AGENCY || level == Level.OWN_RECORD ? id : null;
  }

  public Integer kanregId() {
    return level == Level.BKN_OFFICE ? id : null;
  }

  /** {level, id} for the API; id null for the national scope. */
  public JsonObject toJson() {
    return new JsonObject().put("level", level.name()).put("id", parameter());
  }
}
