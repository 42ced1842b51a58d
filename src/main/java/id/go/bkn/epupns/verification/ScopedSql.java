package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.sapk.Scope;

import java.util.EnumMap;
import java.util.Map;

/**
 * A statement with the caller's scope in it: the template's {@code %s} is replaced by
 * {@link Scope#predicate} on the given placement columns, once per level (so each level's statement
 * is prepared once and uses the index of its own column). The scope's parameter is {@code $n}.
 */
final class ScopedSql {

  static final Scope.Columns SUBMISSION = new Scope.Columns("s.satuan_kerja_id", "s.instansi_id", "s.kanreg_id");
  static final Scope.Columns QUEUE = new Scope.Columns("t.satuan_kerja_id", "t.instansi_id", "t.kanreg_id");

  private final Map<Scope.Level, String> byLevel = new EnumMap<>(Scope.Level.class);

  ScopedSql(String template, Scope.Columns columns, int parameter) {
    for (Scope.Level level : Scope.Level.values()) {
      Scope sample = level == Scope.Level.NATIONAL ? Scope.national() : new Scope(level, 1);
      byLevel.put(level, template.formatted(sample.predicate(columns, parameter)));
    }
  }

  String of(Scope scope) {
    return byLevel.get(scope.level());
  }
}
