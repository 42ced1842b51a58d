package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.form.Action;
import id.go.bkn.epupns.form.FormModule;
import id.go.bkn.epupns.form.catalogue.Catalogue;
import id.go.bkn.epupns.form.catalogue.Catalogue.Field;
import id.go.bkn.epupns.form.catalogue.Catalogue.Kind;
import id.go.bkn.epupns.form.catalogue.Catalogue.Section;
import id.go.bkn.epupns.sapk.SapkRecords;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every catalogue field and history section has a write target that works on the real schema:
 * each field's value is written where the catalogue says, with one sapk_change row holding the
 * value before and after; a target that does not match the schema is reported by the start-up check.
 */
class WriteTargetsTest {

  static TestService service;
  static SapkFixture sapk;
  static Pool pool;
  static final Catalogue CATALOGUE = FormModule.catalogue();
  static final WriteTargets TARGETS = new WriteTargets(CATALOGUE);
  static final SapkRecords RECORDS = new SapkRecords();

  @BeforeAll
  static void start() {
    service = TestService.start(WriteTargetsTest.class, Map.of(), false);
    sapk = new SapkFixture(service);
    pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(TestService.PG + database())).using(service.vertx()).build();
    service.sql("insert into unit_organisasi (id, satuan_kerja_id, parent_id, eselon, nama) values (700, 20, null, 3, 'Bidang')");
    service.sql("select form_seed_reference(2, 'Bandung', 2, 1)");
  }

  @AfterAll
  static void stop() {
    TestService.await(pool.close());
    service.close();
  }

  private static String database() {
    return service.sql("select current_database()").iterator().next().getString(0);
  }

  private static Object sample(Field field) {
    return switch (field.type()) {
      case DATE -> "2010-05-17";
      case INTEGER -> 7;
      case BOOLEAN -> true;
      case ENUM -> field.options().get(field.options().size() - 1).value();
      case EMAIL -> "pns@example.org";
      case PHONE -> "081234567890";
      case NIP -> "198001012005011002";
      case TEXT -> "Contoh " + field.name();
      case REFERENCE -> new JsonObject().put("id", referenceId(field.reference())).put("nama", "x");
    };
  }

  private static long referenceId(String table) {
    String sql = switch (table) {
      case "instansi" -> "select 2::bigint";
      case "satuan_kerja" -> "select 21::bigint";
      case "unit_organisasi" -> "select 700::bigint";
      case "sekolah" -> "select max(id) from ref_sekolah";
      case "unit_kesehatan" -> "select max(id) from ref_unit_kesehatan";
      case "spesialis" -> "select max(id)::bigint from ref_spesialis";
      default -> throw new IllegalArgumentException(table);
    };
    return service.sql(sql).iterator().next().getLong(0);
  }

  private JsonObject apply(String nip, WriteTargets.Write write, Action action, long item) {
    return TestService.await(pool.withTransaction(tx -> RECORDS.apply(tx, nip, write.kind(), write.table(), write.rowId(),
        write.values(), new SapkRecords.Author("197001011990031001", "VERIFIER_BKN", "sesuai dokumen", item, action.name()))));
  }

  @Test
  void everyFieldOfEveryRecordAndEntrySectionIsWrittenWhereTheCatalogueSays() {
    String nip = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, false).nip();
    long item = 1000;
    List<String> written = new ArrayList<>();
    for (Section section : CATALOGUE.sections().values()) {
      if (section.kind() == Kind.ROWS) {
        continue;
      }
      for (Field field : section.fields().values()) {
        Object value = sample(field);
        Action action = section.kind() == Kind.ENTRY ? Action.FILL : Action.CORRECT;
        WriteTargets.Write write = TARGETS.write(section.id(), field.name(), null, action, value);
        JsonObject result = apply(nip, write, action, ++item);
        assertNotNull(result, section.id() + "." + field.name());
        Object stored = service.sql("select to_jsonb(t." + field.column() + ") from " + section.target().table()
            + " t where t.nip = $1", nip).iterator().next().getValue(0);
        Object expected = value instanceof JsonObject ref ? ref.getValue("id") : value;
        assertEquals(String.valueOf(expected), String.valueOf(stored).trim(), section.id() + "." + field.name());
        Row change = service.sql("select target_table, target_column, old_value, new_value, changed_by_role, reason"
            + " from sapk_change where item_id = $1", item).iterator().next();
        assertEquals(section.target().table(), change.getString("target_table"));
        assertEquals(field.column(), change.getString("target_column"));
        assertEquals(String.valueOf(stored), String.valueOf(change.getValue("new_value")));
        assertEquals("VERIFIER_BKN", change.getString("changed_by_role"));
        written.add(section.id() + "." + field.name());
      }
    }
    assertTrue(written.contains("posisi.satuan_kerja") && written.contains("guru.sekolah") && written.contains("utama.nip"),
        written.toString());
    // The old value is what SAPK held: the first write of nama recorded the fixture's name.
    Row nama = service.sql("select old_value #>> '{}' from sapk_change where target_column = 'nama' and target_table = 'pns'")
        .iterator().next();
    assertTrue(nama.getString(0).startsWith("Budi Santoso"), nama.getString(0));
  }

  @Test
  void historyRowsAreCorrectedAddedAndRemovedByTheirId() {
    String nip = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, true).nip();
    long item = 5000;
    for (Section section : CATALOGUE.sections().values()) {
      if (section.kind() != Kind.ROWS) {
        continue;
      }
      JsonObject values = new JsonObject();
      section.fields().values().forEach(f -> values.put(f.name(), sample(f)));
      JsonObject added = apply(nip, TARGETS.write(section.id(), "_row", "baru-1", Action.ADD_ROW, values), Action.ADD_ROW, ++item);
      long rowId = added.getLong("rowId");
      assertNull(added.getValue("old"));
      for (Field field : section.fields().values()) {
        Object value = field.type() == Catalogue.Type.DATE ? "2011-06-01" : sample(field);
        JsonObject set = apply(nip, TARGETS.write(section.id(), field.name(), Long.toString(rowId), Action.CORRECT, value),
            Action.CORRECT, ++item);
        assertNotNull(set, section.id() + "." + field.name());
      }
      JsonObject removed = apply(nip, TARGETS.write(section.id(), "_row", Long.toString(rowId), Action.REMOVE_ROW, null),
          Action.REMOVE_ROW, ++item);
      assertNotNull(removed.getValue("old"));
      assertEquals(0L, service.sql("select count(*) from " + section.target().table() + " where id = $1", rowId)
          .iterator().next().getLong(0), section.id());
      // A row that is gone cannot be changed: nothing written, no change row.
      long gone = ++item;
      assertNull(apply(nip, TARGETS.write(section.id(), section.fields().keySet().iterator().next(), Long.toString(rowId),
          Action.CORRECT, sample(section.fields().values().iterator().next())), Action.CORRECT, gone));
      assertEquals(0L, service.sql("select count(*) from sapk_change where item_id = $1", gone).iterator().next().getLong(0));
    }
    assertEquals(item - 5000 - 5, service.sql("select count(*) from sapk_change where nip = $1", nip).iterator().next().getLong(0),
        "one change row per applied write");
  }

  @Test
  void aTargetThatTheSchemaDoesNotHaveStopsStartUp() {
    assertNull(TestService.await(TARGETS.check(pool)), "the shipped catalogue matches the schema");
    service.sql("alter table pns_dokter rename column spesialis_id to spesialis_kode");
    service.sql("alter table pns_guru alter column jam_per_minggu type text");
    try {
      IllegalStateException failed = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
          () -> TestService.await(TARGETS.check(pool)));
      assertTrue(failed.getMessage().contains("dokter.spesialis: column pns_dokter.spesialis_id does not exist"),
          failed.getMessage());
      assertTrue(failed.getMessage().contains("guru.jam_per_minggu: column pns_guru.jam_per_minggu is text"),
          failed.getMessage());
    } finally {
      service.sql("alter table pns_dokter rename column spesialis_kode to spesialis_id");
      service.sql("alter table pns_guru alter column jam_per_minggu type smallint using jam_per_minggu::smallint");
    }
  }
}
