package id.go.bkn.epupns;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import id.go.bkn.epupns.form.DraftValidatorFuzzTest;
import id.go.bkn.epupns.form.catalogue.FieldRulesFuzzTest;
import id.go.bkn.epupns.sapk.IdentifiersFuzzTest;
import id.go.bkn.epupns.sapk.SapkCsvFuzzTest;
import id.go.bkn.epupns.verification.DecisionRequestsFuzzTest;

/**
 * The fuzz run of every build (pom.xml, execution fuzz-ci): Jazzer fuzzes one @FuzzTest per JVM, so
 * this one takes every fuzz target, chosen by the input, and a minute of fuzzing covers them all.
 * The targets keep their own properties and corpora (README "Fuzzing"); the fuzz-long profile
 * fuzzes each on its own for longer.
 */
class CiFuzzTest {

  static final IdentifiersFuzzTest IDENTIFIERS = new IdentifiersFuzzTest();
  static final SapkCsvFuzzTest CSV = new SapkCsvFuzzTest();
  static final FieldRulesFuzzTest FIELD_RULES = new FieldRulesFuzzTest();
  static final DraftValidatorFuzzTest DRAFTS = new DraftValidatorFuzzTest();
  static final DecisionRequestsFuzzTest DECISIONS = new DecisionRequestsFuzzTest();

  @FuzzTest
  void anyTarget(FuzzedDataProvider data) {
    switch (data.consumeInt(0, 9)) {
      case 0 -> IDENTIFIERS.nip(data);
      case 1 -> IDENTIFIERS.nik(data);
      case 2 -> CSV.splitThenWriteBack(data);
      case 3 -> CSV.anyRowRoundTrips(data);
      case 4 -> CSV.historyListsRoundTrip(data);
      case 5 -> CSV.validateMutatedLines(data);
      case 6 -> FIELD_RULES.normalize(data);
      case 7 -> FIELD_RULES.crossCheck(data);
      case 8 -> DRAFTS.validate(data);
      default -> DECISIONS.parse(data);
    }
  }
}
