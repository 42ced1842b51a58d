package id.go.bkn.epupns.form.reference;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The upper bound of the short-prefix search (lower(nama) >= q and < bound, "C" order): the prefix with its last
 * code point raised. It used to raise the last UTF-16 unit, so "\uFFFF" became NUL (PostgreSQL 22021, a 500) and
 * "\uD7FF" a lone surrogate.
 */
class PrefixBoundTest {

  @Test
  void theBoundIsTheNextStringInCodePointOrderWithoutNulOrLoneSurrogates() {
    assertEquals("ac", ReferenceTables.upperBound("ab"));
    assertEquals("b", ReferenceTables.upperBound("a" + new String(Character.toChars(Character.MAX_CODE_POINT))));
    assertEquals("a\uE000", ReferenceTables.upperBound("a\uD7FF"));
    assertEquals("a\uD83D\uDE01", ReferenceTables.upperBound("a\uD83D\uDE00"));
    assertEquals("\u0001", ReferenceTables.upperBound("\u0000"));
    assertNull(ReferenceTables.upperBound(""));
    assertNull(ReferenceTables.upperBound(new String(Character.toChars(Character.MAX_CODE_POINT))));
    for (String prefix : new String[] {"\uFFFF", "z\uFFFF", "b\uFFFD"}) {
      String bound = ReferenceTables.upperBound(prefix);
      assertTrue(bound.indexOf('\u0000') < 0, prefix);
      assertTrue(bound.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF), prefix);
      assertTrue(java.util.Arrays.compare(bound.codePoints().toArray(), prefix.codePoints().toArray()) > 0, prefix);
    }
  }
}
