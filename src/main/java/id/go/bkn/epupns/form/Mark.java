package id.go.bkn.epupns.form;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the PNS says about an item (SPEC 4.3, "individual cek"): a field or a history row is correct
 * (✓) or wrong (✗, with a correction); a history row may also be asked to be removed, and new rows
 * added. Stored by name in the section draft.
 */
enum Mark {
  CORRECT,
  WRONG,
  REMOVE,
  ADD;

  /** Marks of a record field. */
  static final Set<Mark> RECORD = EnumSet.of(CORRECT, WRONG);
  /** Marks of a history row. */
  static final Set<Mark> ROW = EnumSet.allOf(Mark.class);

  /** The mark of a stored or sent name; null for none or anything else. */
  static Mark of(Object text) {
    if (text instanceof String s) {
      for (Mark m : values()) {
        if (m.name().equals(s)) {
          return m;
        }
      }
    }
    return null;
  }

  /** Whether the stored or sent mark is this one. */
  boolean is(Object text) {
    return of(text) == this;
  }
}
