package id.go.bkn.epupns.core.logging;

/**
 * Text from outside (a request path, a mail body) as a log line may carry it: control characters (CR, LF, tab,
 * ESC...) and the Unicode line and paragraph separators escaped as a backslash, u and four hex digits, so that no input can end a log
 * line and forge the next one.
 */
public final class LogText {

  private LogText() {
  }

  public static String oneLine(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (Character.isISOControl(ch) || ch == 0x2028 || ch == 0x2029 || ch == 0x85) {
        if (out == null) {
          out = new StringBuilder(text.length() + 8).append(text, 0, i);
        }
        out.append(String.format("\\u%04x", (int) ch));
      } else if (out != null) {
        out.append(ch);
      }
    }
    return out == null ? text : out.toString();
  }
}
