package id.go.bkn.epupns.core.database;

/**
 * Patterns for SQL LIKE / ILIKE from what a user typed: the user's {@code %}, {@code _} and {@code \} match
 * themselves (escaped with PostgreSQL's default escape character, the backslash), so a search for "50%" or
 * "a_b" finds exactly that and cannot widen into a scan of everything.
 */
public final class Like {

  private Like() {
  }

  /** The text with LIKE's wildcards and escape character escaped. */
  public static String escape(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /** Anywhere in the value: %text%. */
  public static String contains(String text) {
    return "%" + escape(text) + "%";
  }

  /** At the start of the value: text%. */
  public static String prefix(String text) {
    return escape(text) + "%";
  }
}
