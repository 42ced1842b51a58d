package id.go.bkn.epupns.sapk;

import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one Scope: what it covers in Java and in SQL agree on real rows, the tier → role → scope
 * mapping, and the officer table's check constraint accepts exactly the scope level of each role.
 */
class ScopeTest {

  static TestService service;

  /** Placements: two work units in agency 1 (office 3), one in agency 2 (office 3), one in agency 5 (office 0). */
  static final List<Placement> PLACES = List.of(new Placement(10, 1, 3), new Placement(11, 1, 3),
      new Placement(20, 2, 3), new Placement(50, 5, 0));

  @BeforeAll
  static void start() {
    service = TestService.start(ScopeTest.class, Map.of(), false);
    service.sql("insert into kanreg values (0, '00', 'BKN Pusat', 'Jakarta'), (3, '03', 'Kanreg III', 'Bandung')");
    service.sql("insert into instansi values (1, 'A', 'Agency 1', 'KOTA', 32, 3, true), (2, 'B', 'Agency 2', 'KOTA', 32, 3, true),"
        + " (5, 'C', 'Agency 5', 'PUSAT', null, 0, true)");
    service.sql("insert into satuan_kerja values (10, 1, 'U10', 'x'), (11, 1, 'U11', 'x'), (20, 2, 'U20', 'x'), (50, 5, 'U50', 'x')");
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void coversAndTheSqlPredicateSelectTheSameRows() {
    List<Scope> scopes = List.of(Scope.workUnit(10), Scope.workUnit(20), Scope.agency(1), Scope.agency(5),
        Scope.bknOffice(3), Scope.bknOffice(0), Scope.national(), Scope.ownRecord(1));
    Scope.Columns columns = new Scope.Columns("p.s", "p.i", "p.k");
    for (Scope scope : scopes) {
      Set<Integer> java = new TreeSet<>();
      PLACES.stream().filter(scope::covers).forEach(p -> java.add(p.satuanKerjaId()));
      Set<Integer> sql = new TreeSet<>();
      for (Row row : service.sql("select p.s from (values (10, 1, 3), (11, 1, 3), (20, 2, 3), (50, 5, 0)) as p(s, i, k)"
          + " where " + scope.predicate(columns, 1), scope.parameter())) {
        sql.add(row.getInteger(0));
      }
      assertEquals(java, sql, scope.toString());
    }
    assertEquals(Set.of(10, 11), covered(Scope.agency(1)));
    assertEquals(Set.of(10, 11, 20), covered(Scope.bknOffice(3)));
    assertEquals(Set.of(10, 11, 20, 50), covered(Scope.national()));
    assertEquals(Set.of(), covered(Scope.ownRecord(1)), "a PNS's scope is its own record: it covers nobody");
  }

  private static Set<Integer> covered(Scope scope) {
    Set<Integer> out = new TreeSet<>();
    PLACES.stream().filter(scope::covers).forEach(p -> out.add(p.satuanKerjaId()));
    return out;
  }

  @Test
  void agencyListsFollowTheScope() {
    assertTrue(Scope.national().coversAgency(7));
    assertTrue(Scope.agency(7).coversAgency(7));
    assertFalse(Scope.agency(7).coversAgency(8));
    assertFalse(Scope.workUnit(7).coversAgency(7));
    assertFalse(Scope.bknOffice(3).coversAgency(3));
    assertEquals(null, Scope.national().listedAgency(null), "national, nothing asked: every agency");
    assertEquals(4, Scope.national().listedAgency(4));
    assertEquals(7, Scope.agency(7).listedAgency(null));
    assertEquals(7, Scope.agency(7).listedAgency(7));
    assertThrows(IllegalArgumentException.class, () -> Scope.agency(7).listedAgency(8));
  }

  @Test
  void tiersRolesAndScopesMapOneToOne() {
    assertEquals(List.of(Tier.SKPD), Tier.SKPD.route());
    assertEquals(List.of(Tier.SKPD, Tier.BKD, Tier.BKN), Tier.BKN.route());
    for (Tier tier : Tier.values()) {
      Role verifier = Role.verifierOf(tier);
      assertEquals(tier, verifier.tier().orElseThrow());
      assertEquals(tier.level(), verifier.scopeLevel());
    }
    assertEquals(Scope.Level.AGENCY, Role.ADMIN_INSTANSI.scopeLevel());
    assertEquals(Scope.Level.NATIONAL, Role.ADMIN_BKN.scopeLevel());
    assertTrue(Role.ADMIN_BKN.tier().isEmpty());
    assertEquals(Scope.Level.OWN_RECORD, Role.PNS.scopeLevel());
  }

  /** For every officer role and every level: the database takes the officer exactly at the role's level. */
  @Test
  void theOfficerTableAcceptsExactlyTheScopeLevelOfEachRole() {
    service.sql("insert into pns (nip, nama, tempat_lahir, tanggal_lahir, agama, jenis_kelamin, tmt_cpns, golongan,"
        + " tmt_golongan, pendidikan_tingkat, jenis_pegawai, status_pegawai, instansi_induk_id, instansi_kerja_id,"
        + " satuan_kerja_id, lokasi_kerja, jenis_jabatan) values ('198001012005011001', 'X', 'B', date '1980-01-01',"
        + " 'Islam', 'L', date '2005-01-01', 'III/a', date '2005-01-01', 'S1', 'PNS Daerah', 'PNS', 1, 1, 10, 'B',"
        + " 'FUNGSIONAL_UMUM')");
    List<String> accepted = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (Role role : Role.values()) {
      if (!role.isOfficer()) {
        continue;
      }
      for (Scope.Level level : Scope.Level.values()) {
        if (level == Scope.Level.OWN_RECORD) {
          continue;
        }
        Scope scope = Scope.of(level, 10, 1, 3);
        if (level == role.scopeLevel()) {
          expected.add(role + "@" + level);
        }
        try {
          service.sql("insert into officer (nip, nama, role, satuan_kerja_id, instansi_id, kanreg_id, password_hash)"
              + " values ('198001012005011001', 'X', $1, $2, $3, $4, 'h')", role.name(), scope.satuanKerjaId(),
              scope.instansiId(), scope.kanregId() == null ? null : scope.kanregId().shortValue());
          accepted.add(role + "@" + level);
          service.sql("delete from officer");
        } catch (IllegalStateException e) {
          assertTrue(e.getMessage().contains("officer_scope"), e.getMessage());
        }
        // A second id beside the right one is refused too.
        if (level == role.scopeLevel() && level != Scope.Level.NATIONAL) {
          Integer satker = level == Scope.Level.WORK_UNIT ? 10 : 11;
          Integer instansi = level == Scope.Level.AGENCY ? 1 : 2;
          IllegalStateException refused = assertThrows(IllegalStateException.class, () -> service.sql(
              "insert into officer (nip, nama, role, satuan_kerja_id, instansi_id, kanreg_id, password_hash)"
                  + " values ('198001012005011001', 'X', $1, $2, $3, $4, 'h')", role.name(), satker, instansi, (short) 3));
          assertTrue(refused.getMessage().contains("officer_scope"), refused.getMessage());
        }
      }
    }
    assertEquals(expected, accepted);
  }
}
