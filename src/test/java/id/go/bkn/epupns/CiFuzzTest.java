package id.go.bkn.epupns;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import id.go.bkn.epupns.form.DraftValidatorFuzzTest;
import id.go.bkn.epupns.form.catalogue.FieldRulesFuzzTest;
import id.go.bkn.epupns.sapk.IdentifiersFuzzTest;
import id.go.bkn.epupns.sapk.SapkCsvFuzzTest;
import id.go.bkn.epupns.verification.DecisionRequestsFuzzTest;

import java.util.List;
import java.util.function.Consumer;

/**
 * The fuzz run of every build (pom.xml, execution fuzz-ci): Jazzer fuzzes one @FuzzTest per JVM, so
 * this one takes every fuzz target, chosen by the input, and a minute of fuzzing covers them all.
 * The targets keep their own properties and corpora (README "Fuzzing"); the fuzz-long profile
 * fuzzes each on its own for longer.
 *
 * <p>An input's target is its last byte, read first ({@link FuzzedDataProvider} takes integers from the end), as a
 * code of {@link #TARGETS}; the rest of the input is exactly what the target gets, so a target's own corpus input
 * with its code appended is a seed here (CiFuzzTestInputs/anyTarget holds them). Codes are never renumbered or
 * reused: a new target takes the next free code, a removed one leaves a gap, so every kept input keeps its target
 * (a modulo over the number of targets would retarget them all). A byte naming no target is a no-op.
 */
class CiFuzzTest {

  /** One fuzz target: its selector code (the input's last byte) and the name README "Fuzzing" lists it by. */
  record Target(int code, String name, Consumer<FuzzedDataProvider> run) {
  }

  static final IdentifiersFuzzTest IDENTIFIERS = new IdentifiersFuzzTest();
  static final SapkCsvFuzzTest CSV = new SapkCsvFuzzTest();
  static final FieldRulesFuzzTest FIELD_RULES = new FieldRulesFuzzTest();
  static final DraftValidatorFuzzTest DRAFTS = new DraftValidatorFuzzTest();
  static final DecisionRequestsFuzzTest DECISIONS = new DecisionRequestsFuzzTest();

  /** Append only (CiFuzzTargetsTest checks the codes against README and the kept inputs). */
  static final List<Target> TARGETS = List.of(
      new Target(0, "IdentifiersFuzzTest#nip", IDENTIFIERS::nip),
      new Target(1, "IdentifiersFuzzTest#nik", IDENTIFIERS::nik),
      new Target(2, "SapkCsvFuzzTest#splitThenWriteBack", CSV::splitThenWriteBack),
      new Target(3, "SapkCsvFuzzTest#anyRowRoundTrips", CSV::anyRowRoundTrips),
      new Target(4, "SapkCsvFuzzTest#historyListsRoundTrip", CSV::historyListsRoundTrip),
      new Target(5, "SapkCsvFuzzTest#validateMutatedLines", CSV::validateMutatedLines),
      new Target(6, "FieldRulesFuzzTest#normalize", FIELD_RULES::normalize),
      new Target(7, "FieldRulesFuzzTest#crossCheck", FIELD_RULES::crossCheck),
      new Target(8, "DraftValidatorFuzzTest#validate", DRAFTS::validate),
      new Target(9, "DecisionRequestsFuzzTest#parse", DECISIONS::parse));

  private static final Target[] BY_CODE = new Target[256];

  static {
    for (Target target : TARGETS) {
      if (BY_CODE[target.code()] != null) {
        throw new IllegalStateException("two targets with code " + target.code());
      }
      BY_CODE[target.code()] = target;
    }
  }

  /** The target an input's selector byte names, or null. */
  static Target target(byte selector) {
    return BY_CODE[Byte.toUnsignedInt(selector)];
  }

  @FuzzTest
  void anyTarget(FuzzedDataProvider data) {
    Target target = target(data.consumeByte());
    if (target != null) {
      target.run().accept(data);
    }
  }
}
