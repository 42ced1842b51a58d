package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.audit.AuditLog;
import id.go.bkn.epupns.auth.PasswordHasher;
import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.config.CommandOptions;
import id.go.bkn.epupns.core.database.DatabaseSettings;
import id.go.bkn.epupns.core.database.SchemaMigrator;
import id.go.bkn.epupns.core.http.FieldErrors;
import id.go.bkn.epupns.sapk.Nip;
import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;
import java.util.Set;

/**
 * Officer accounts from the command line, for the first admins of a deployment (the API appoints
 * the rest): {@code officer-create} and {@code officer-disable}. The database comes from the same
 * configuration as the service (EPUPNS_DB_URL ...); migrations run first.
 */
public final class OfficerCommands {

  public static final String CREATE_USAGE = """
      usage: java -jar target/epupns.jar officer-create --nip NIP --role ROLE
                 [--satker ID | --instansi ID | --kanreg ID] [--password-stdin]
        ROLE: VERIFIER_SKPD (--satker), VERIFIER_BKD or ADMIN_INSTANSI (--instansi),
              VERIFIER_BKN (--kanreg), ADMIN_BKN (no scope).
        The NIP must be in SAPK (for VERIFIER_BKN and ADMIN_BKN, a PNS of Badan Kepegawaian Negara); the name is
        taken from SAPK. Without --password-stdin a password
        is generated and printed once.""";
  public static final String DISABLE_USAGE = """
      usage: java -jar target/epupns.jar officer-disable --nip NIP
        Disables the account and ends its sessions at once.""";
  static final int MIN_PASSWORD = 10;
  static final int MAX_PASSWORD = 128;

  private static final String PNS = """
      select p.nama, i.nama from pns p join instansi i on i.id = p.instansi_kerja_id where p.nip = ?""";
  private static final String SCOPE = """
      select (select instansi_id from satuan_kerja where id = ?) as satker_instansi,
             exists(select 1 from instansi where id = ?) as instansi_exists,
             exists(select 1 from kanreg where id = ?) as kanreg_exists""";
  private static final String INSERT = """
      insert into officer (nip, nama, role, satuan_kerja_id, instansi_id, kanreg_id, password_hash)
      values (?, ?, ?, ?, ?, ?, ?)
      on conflict (nip) do nothing""";
  private static final String DISABLE = """
      update officer set disabled = true, token_version = token_version + 1 where nip = ?""";
  private static final String AGENCY = """
      select coalesce(o.instansi_id, s.instansi_id) from officer o left join satuan_kerja s on s.id = o.satuan_kerja_id
       where o.nip = ?""";

  private OfficerCommands() {
  }

  /** officer-create; returns the process exit code (0 done, 1 refused, 2 wrong usage). */
  public static int create(String[] args, Map<String, String> env, InputStream stdin, PrintStream out, PrintStream err) {
    Map<String, String> options = options(args, err, CREATE_USAGE,
        Set.of("--nip", "--role", "--satker", "--instansi", "--kanreg"), Set.of("--password-stdin"));
    if (options == null) {
      return 2;
    }
    FieldErrors errors = new FieldErrors();
    Nip.Result nip = Nip.parse(options.get("--nip"));
    if (!nip.valid()) {
      errors.add("nip", nip.error());
    }
    Role role = Appointment.role(options.get("--role"), errors);
    Integer satker = number(options, "--satker", "satuanKerjaId", errors);
    Integer instansi = number(options, "--instansi", "instansiId", errors);
    Integer kanreg = number(options, "--kanreg", "kanregId", errors);
    Appointment scope = role == null ? null : Appointment.of(role, satker, instansi, kanreg, errors);
    String password = null;
    if (options.containsKey("--password-stdin")) {
      password = firstLine(stdin);
      if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
        errors.add("password", "the password on stdin must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
      }
    }
    if (!errors.isEmpty()) {
      errors.asMap().forEach((field, message) -> err.println(field + ": " + message));
      err.println(CREATE_USAGE);
      return 2;
    }
    boolean generated = password == null;
    if (generated) {
      password = InitialPasswords.generate();
    }
    try {
      AppConfig config = AppConfig.loadNow(env);
      DatabaseSettings db = DatabaseSettings.from(config);
      SchemaMigrator.migrate(db);
      String hash = new PasswordHasher(config, null).hashNow(password);
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
        c.setAutoCommit(false);
        String[] pns = sapkRecord(c, nip.get().value());
        if (pns == null) {
          err.println("NIP " + nip.get().value() + " is not in SAPK: load SAPK first or check the NIP");
          return 1;
        }
        String nama = pns[0];
        String notStaff = Appointment.staffProblem(role, pns[1]);
        if (notStaff != null) {
          err.println("nip: " + notStaff);
          return 1;
        }
        String problem = scopeProblem(c, scope);
        if (problem != null) {
          err.println(problem);
          return 1;
        }
        if (!insert(c, nip.get().value(), nama, scope, hash)) {
          err.println("NIP " + nip.get().value() + " is already an officer");
          c.rollback();
          return 1;
        }
        audit(c, AuditLog.Action.OFFICER_CREATE, nip.get().value(), OfficerRoutes.scopeJson(scope));
        c.commit();
        out.println("officer " + nip.get().value() + " (" + nama + ") created as " + role
            + "; logs in with the NIP and the password");
        if (generated) {
          out.println("initial password (shown once, hand it over securely): " + password);
        }
        return 0;
      }
    } catch (SQLException | RuntimeException e) {
      err.println("officer-create failed: " + e.getMessage());
      return 1;
    }
  }

  /** officer-disable --nip NIP. */
  public static int disable(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    Map<String, String> options = options(args, err, DISABLE_USAGE, Set.of("--nip"), Set.of());
    if (options == null) {
      return 2;
    }
    Nip.Result nip = Nip.parse(options.get("--nip"));
    if (!nip.valid()) {
      err.println("nip: " + nip.error() + "\n" + DISABLE_USAGE);
      return 2;
    }
    try {
      AppConfig config = AppConfig.loadNow(env);
      DatabaseSettings db = DatabaseSettings.from(config);
      SchemaMigrator.migrate(db);
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement(DISABLE)) {
          s.setString(1, nip.get().value());
          if (s.executeUpdate() == 0) {
            err.println("NIP " + nip.get().value() + " is not an officer");
            c.rollback();
            return 1;
          }
        }
        audit(c, AuditLog.Action.OFFICER_DISABLE, nip.get().value(), new JsonObject());
        c.commit();
        out.println("officer " + nip.get().value() + " disabled; its sessions have ended");
        return 0;
      }
    } catch (SQLException | RuntimeException e) {
      err.println("officer-disable failed: " + e.getMessage());
      return 1;
    }
  }

  /** --option value pairs and flags; null (usage printed) on anything else. */
  private static Map<String, String> options(String[] args, PrintStream err, String usage, Set<String> valued,
                                             Set<String> flags) {
    return CommandOptions.parse(args, valued, flags, false, err, usage);
  }

  private static Integer number(Map<String, String> options, String option, String field, FieldErrors errors) {
    String text = options.get(option);
    if (text == null) {
      return null;
    }
    try {
      return Integer.valueOf(text.trim());
    } catch (NumberFormatException e) {
      errors.add(field, option + " must be a number");
      return null;
    }
  }

  private static String firstLine(InputStream stdin) {
    try {
      String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
      return line == null ? null : line.strip();
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** The PNS's name and its agency's name in SAPK; null when SAPK does not know the NIP. */
  private static String[] sapkRecord(Connection c, String nip) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(PNS)) {
      s.setString(1, nip);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
      }
    }
  }

  private static String scopeProblem(Connection c, Appointment scope) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SCOPE)) {
      setInt(s, 1, scope.satuanKerjaId());
      setInt(s, 2, scope.instansiId());
      setInt(s, 3, scope.kanregId());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        if (scope.satuanKerjaId() != null && rs.getObject("satker_instansi") == null) {
          return "satuan kerja " + scope.satuanKerjaId() + " does not exist";
        }
        if (scope.instansiId() != null && !rs.getBoolean("instansi_exists")) {
          return "instansi " + scope.instansiId() + " does not exist";
        }
        if (scope.kanregId() != null && !rs.getBoolean("kanreg_exists")) {
          return "kanreg " + scope.kanregId() + " does not exist";
        }
        return null;
      }
    }
  }

  private static boolean insert(Connection c, String nip, String nama, Appointment scope, String hash)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      s.setString(1, nip);
      s.setString(2, nama);
      s.setString(3, scope.role().name());
      setInt(s, 4, scope.satuanKerjaId());
      setInt(s, 5, scope.instansiId());
      if (scope.kanregId() == null) {
        s.setNull(6, Types.SMALLINT);
      } else {
        s.setShort(6, scope.kanregId().shortValue());
      }
      s.setString(7, hash);
      return s.executeUpdate() == 1;
    }
  }

  /** The audit entry of a command on an officer, with the officer's agency. */
  private static void audit(Connection c, AuditLog.Action action, String nip, JsonObject details) throws SQLException {
    Integer agency;
    try (PreparedStatement s = c.prepareStatement(AGENCY)) {
      s.setString(1, nip);
      try (ResultSet rs = s.executeQuery()) {
        agency = rs.next() ? (Integer) rs.getObject(1) : null;
      }
    }
    AuditLog.record(c, AuditLog.Actor.COMMAND_LINE, action, nip, agency, details);
  }

  private static void setInt(PreparedStatement s, int index, Integer value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.INTEGER);
    } else {
      s.setInt(index, value);
    }
  }
}
