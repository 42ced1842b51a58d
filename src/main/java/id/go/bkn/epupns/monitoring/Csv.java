package id.go.bkn.epupns.monitoring;

/**
 * CSV lines for the lists, safe to open in a spreadsheet: a cell that starts with = + - @ tab or CR
 * (which Excel, LibreOffice and Google Sheets would take as a formula: "CSV injection") gets a leading
 * single quote, so it is shown as text; a cell with a comma, a quote or a line break is quoted (RFC 4180).
 * Lines end with CRLF. The list starts with a byte-order mark, so that spreadsheets read UTF-8 names.
 */
final class Csv {

  static final String BOM = "\uFEFF";

  private Csv() {
  }

  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    boolean quote = false;
    for (int i = 0; i < text.length() && !quote; i++) {
      char c = text.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r' || c == ';';
    }
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }

  /** One line of cells with its CRLF, appended to the builder. */
  static void line(StringBuilder out, Object... cells) {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells[i]));
    }
    out.append("\r\n");
  }
}
