package id.go.bkn.epupns.loadtest;

import id.go.bkn.epupns.core.config.CommandOptions;

import id.go.bkn.epupns.admin.BulkOfficers;
import id.go.bkn.epupns.auth.PasswordHasher;
import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.database.Database;
import id.go.bkn.epupns.core.database.DatabaseSettings;
import id.go.bkn.epupns.core.database.SchemaMigrator;
import id.go.bkn.epupns.form.FormModule;
import id.go.bkn.epupns.registration.BulkAccounts;
import id.go.bkn.epupns.verification.BulkSubmissions;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code loadtest-prepare}: the accounts and Gatling feeders the load tests (load-tests/) need,
 * made in bulk on a database that already holds SAPK data (sapk-generate-import):
 * <ul>
 * <li>registration.csv (nip,nik): PNS not registered yet, for the registration peak;</li>
 * <li>form.csv (number,password,nip): APPROVED registrations whose form is untouched, for the
 *   form days (not teachers or doctors, whose extra sections the scenario does not fill);</li>
 * <li>verifiers.csv (nip,password,satuanKerjaId): one VERIFIER_SKPD for each of the busiest work
 *   units of form.csv, for the verification days;</li>
 * <li>submitted forms (no file): other PNS of those work units, spread evenly over them, submit three
 *   corrections each through verification's own bulk path ({@link BulkSubmissions}), so that the
 *   verifiers' inboxes hold work from the start;</li>
 * <li>nips.csv (nip): NIPs spread over the whole of SAPK, for lookups.</li>
 * </ul>
 * Every account shares one Argon2id hash of --password computed once with passwordHash.*: no
 * hours of hashing. Refused in the production profile: it creates accounts with a known password.
 */
public final class LoadTestCommands {

  public static final String USAGE = """
      usage: java -jar target/epupns.jar loadtest-prepare [--registration N] [--form N] [--verifiers N]
                 [--submissions N] [--nips N] [--out DIR] [--password TEXT] [--db postgresql://user@host:port/db]
        Prepares load-test accounts in bulk (one shared password hash) and N submitted forms in the
        verifiers' work units, and writes Gatling feeder CSVs to DIR (default load-tests/target/feeders).
        Defaults: 2000 registration, 1000 form, 20 verifiers, 1000 submissions, 10000 nips.
        Refused when EPUPNS_PROFILE=production.""";
  public static final String DEFAULT_PASSWORD = "uji beban pupns 2015";

  private static final int OK = 0;
  private static final int FAILED = 1;
  private static final int USAGE_ERROR = 2;
  private static final int BATCH = 1000;

  // Spread over SAPK, not the first NIPs in index order (which share birth dates and agencies).
  private static final String UNREGISTERED = """
      select p.nip, p.nik from pns p
       where p.nik is not null
         and not exists (select 1 from registration r where r.nip = p.nip)
         and not exists (select 1 from officer o where o.nip = p.nip)
         and not exists (select 1 from form f where f.nip = p.nip)
         and not exists (select 1 from submission s where s.nip = p.nip)
         and (? or (not p.guru and not p.dokter))
       order by hashtext(p.nip) limit ?""";
  private static final String BUSIEST_UNITS = """
      select p.satuan_kerja_id, count(*) from pns p where p.nip = any(?)
       group by 1 order by 2 desc, 1 limit ?""";
  private static final String VERIFIER_CANDIDATE = """
      select p.nip from pns p
       where p.satuan_kerja_id = ?
         and not exists (select 1 from registration r where r.nip = p.nip)
         and not exists (select 1 from officer o where o.nip = p.nip)
         and p.nip <> all(?)
       limit 1""";
  // Round robin over the verifiers' work units: each unit's n-th PNS before any unit's (n+1)-th.
  private static final String SUBMITTERS = """
      select nip from (
        select p.nip, p.satuan_kerja_id,
               row_number() over (partition by p.satuan_kerja_id order by hashtext(p.nip)) as n
          from pns p
         where p.satuan_kerja_id = any(?)
           and not exists (select 1 from registration r where r.nip = p.nip)
           and not exists (select 1 from officer o where o.nip = p.nip)
           and not exists (select 1 from form f where f.nip = p.nip)
           and not exists (select 1 from submission s where s.nip = p.nip)) x
       order by n, satuan_kerja_id limit ?""";
  private static final String SPREAD_NIPS = "select nip from pns order by hashtext(nip || 'lookup') limit ?";

  private LoadTestCommands() {
  }

  public static int prepare(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    Map<String, String> o = CommandOptions.parse(args, Set.of("--registration", "--form", "--verifiers", "--submissions", "--nips", "--out",
        "--password", "--db"), Set.of(), false, err, USAGE);
    if (o == null) {
      return USAGE_ERROR;
    }
    int registration;
    int form;
    int verifiers;
    int submissions;
    int nips;
    try {
      registration = count(o, "--registration", 2000);
      form = count(o, "--form", 1000);
      verifiers = count(o, "--verifiers", 20);
      submissions = count(o, "--submissions", 1000);
      nips = count(o, "--nips", 10000);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage() + "\n" + USAGE);
      return USAGE_ERROR;
    }
    String password = o.getOrDefault("--password", DEFAULT_PASSWORD);
    if (password.length() < 8) {
      err.println("--password must have at least 8 characters\n" + USAGE);
      return USAGE_ERROR;
    }
    Path dir = Path.of(o.getOrDefault("--out", "load-tests/target/feeders"));
    try {
      Map<String, String> settings = new HashMap<>(env);
      if (o.containsKey("--db")) {
        settings.put("EPUPNS_DB_URL", o.get("--db"));
      }
      AppConfig config = AppConfig.loadNow(settings);
      if (config.isProduction()) {
        err.println("loadtest-prepare is refused in the production profile: it creates accounts with a known password");
        return FAILED;
      }
      DatabaseSettings db = DatabaseSettings.from(config);
      SchemaMigrator.migrate(db);
      long t0 = System.nanoTime();
      String hash = new PasswordHasher(config, null).hashNow(password);
      Files.createDirectories(dir);
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
        c.setAutoCommit(false);
        List<String> formNips = formAccounts(c, config, form, hash, password, dir.resolve("form.csv"));
        List<Integer> units = verifiers(c, formNips, verifiers, hash, password, dir.resolve("verifiers.csv"));
        List<String> submitters = submitters(c, units, submissions);
        c.commit();
        int submitted = submit(db, submitters);
        // After the submissions: whoever submitted is not free to register.
        int people = unregistered(c, registration, dir.resolve("registration.csv"));
        int spread = spreadNips(c, nips, dir.resolve("nips.csv"));
        c.commit();
        out.printf(Locale.ROOT, "loadtest-prepare: %d form accounts, %d verifiers, %d submitted forms in their work"
                + " units, %d PNS to register, %d NIPs in %s (%.1f s); password of every account: %s%n", formNips.size(),
            units.size(), submitted, people, spread, dir, (System.nanoTime() - t0) / 1e9, password);
        if (formNips.size() < form || people < registration || submitted < submissions) {
          err.println("loadtest-prepare: SAPK holds fewer suitable PNS than asked for; load more with "
              + "sapk-generate-import --count N");
        }
      }
      return OK;
    } catch (SQLException | IOException | RuntimeException e) {
      err.println("loadtest-prepare failed: " + e.getMessage());
      return FAILED;
    }
  }

  private static List<String> formAccounts(Connection c, AppConfig config, int count, String hash, String password,
                                           Path file) throws SQLException, IOException {
    List<BulkAccounts.Person> people = select(c, count, false);
    BulkAccounts accounts = new BulkAccounts(config.string("secrets.dataKey"));
    List<String> nips = new ArrayList<>();
    try (Writer csv = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      csv.write("number,password,nip\n");
      for (int from = 0; from < people.size(); from += BATCH) {
        List<BulkAccounts.Person> batch = people.subList(from, Math.min(people.size(), from + BATCH));
        List<String> numbers = accounts.insertApproved(c, batch, hash);
        for (int i = 0; i < batch.size(); i++) {
          if (numbers.get(i) != null) {
            csv.write(numbers.get(i) + "," + password + "," + batch.get(i).nip() + "\n");
            nips.add(batch.get(i).nip());
          }
        }
      }
    }
    return nips;
  }

  /** Appoints the verifiers and writes their feeder; answers their work units. */
  private static List<Integer> verifiers(Connection c, List<String> formNips, int count, String hash, String password,
                                         Path file) throws SQLException, IOException {
    List<BulkOfficers.Verifier> chosen = new ArrayList<>();
    List<String> taken = new ArrayList<>(formNips);
    try (PreparedStatement units = c.prepareStatement(BUSIEST_UNITS);
         PreparedStatement candidate = c.prepareStatement(VERIFIER_CANDIDATE)) {
      units.setArray(1, c.createArrayOf("bpchar", formNips.toArray()));
      units.setInt(2, count);
      List<Integer> unitIds = new ArrayList<>();
      try (ResultSet rows = units.executeQuery()) {
        while (rows.next()) {
          unitIds.add(rows.getInt(1));
        }
      }
      for (int unit : unitIds) {
        candidate.setInt(1, unit);
        candidate.setArray(2, c.createArrayOf("bpchar", taken.toArray()));
        try (ResultSet rows = candidate.executeQuery()) {
          if (rows.next()) {
            chosen.add(new BulkOfficers.Verifier(rows.getString(1), unit));
            taken.add(rows.getString(1));
          }
        }
      }
    }
    BulkOfficers.insertVerifiers(c, chosen, hash);
    try (Writer csv = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      csv.write("nip,password,satuanKerjaId\n");
      for (BulkOfficers.Verifier v : chosen) {
        csv.write(v.nip() + "," + password + "," + v.satuanKerjaId() + "\n");
      }
    }
    return chosen.stream().map(BulkOfficers.Verifier::satuanKerjaId).toList();
  }

  /** Up to {@code count} PNS of the work units, spread evenly, with no account, form or submission yet. */
  private static List<String> submitters(Connection c, List<Integer> units, int count) throws SQLException {
    List<String> nips = new ArrayList<>();
    if (units.isEmpty() || count == 0) {
      return nips;
    }
    try (PreparedStatement s = c.prepareStatement(SUBMITTERS)) {
      s.setArray(1, c.createArrayOf("integer", units.toArray()));
      s.setInt(2, count);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          nips.add(rows.getString(1));
        }
      }
    }
    return nips;
  }

  /** The submitted forms, made by verification (its tables, its routing and counters) after the accounts are committed. */
  private static int submit(DatabaseSettings db, List<String> nips) {
    if (nips.isEmpty()) {
      return 0;
    }
    Vertx vertx = Vertx.vertx();
    Pool pool = Database.loadingPool(vertx, db);
    try {
      return BulkSubmissions.submit(pool, FormModule.catalogue(), nips, 4)
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("submissions: " + cause.getMessage(), cause);
    } finally {
      pool.close();
      vertx.close();
    }
  }

  private static int unregistered(Connection c, int count, Path file) throws SQLException, IOException {
    List<BulkAccounts.Person> people = select(c, count, true);
    try (Writer csv = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      csv.write("nip,nik\n");
      for (BulkAccounts.Person p : people) {
        csv.write(p.nip() + "," + p.nik() + "\n");
      }
    }
    return people.size();
  }

  private static int spreadNips(Connection c, int count, Path file) throws SQLException, IOException {
    int n = 0;
    try (PreparedStatement s = c.prepareStatement(SPREAD_NIPS);
         Writer csv = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      s.setInt(1, count);
      csv.write("nip\n");
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          csv.write(rows.getString(1) + "\n");
          n++;
        }
      }
    }
    return n;
  }

  private static List<BulkAccounts.Person> select(Connection c, int count, boolean anyone) throws SQLException {
    List<BulkAccounts.Person> people = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(UNREGISTERED)) {
      s.setBoolean(1, anyone);
      s.setInt(2, count);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          people.add(new BulkAccounts.Person(rows.getString(1), rows.getString(2)));
        }
      }
    }
    return people;
  }

  private static int count(Map<String, String> o, String option, int fallback) {
    try {
      int n = Integer.parseInt(o.getOrDefault(option, Integer.toString(fallback)));
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a whole number ≥ 0");
    }
  }

}
