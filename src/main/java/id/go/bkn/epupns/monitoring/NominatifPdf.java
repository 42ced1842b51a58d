package id.go.bkn.epupns.monitoring;

import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The nominative list as a PDF table (A4 landscape), built batch by batch on a worker thread (never on an
 * event loop: {@link ListRoutes} hands each batch of rows to the pdf pool). Page contents go to PDFBox's
 * temporary-file cache, not the heap, and the document is saved to a temporary file that is sent and deleted.
 */
final class NominatifPdf {

  /** The columns shown (of {@link ListRoutes#NOMINATIF_HEADER}) and their widths in points. */
  private static final int[] COLUMNS = {0, 1, 3, 7, 11, 14, 16, 17, 18};
  private static final float[] WIDTHS = {34, 104, 150, 38, 150, 150, 100, 32, 32};
  private static final float SIZE = 7.5f;
  private static final float LINE = 11;
  private static final float MARGIN = 28;

  private final PDDocument document;
  private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
  private final String title;
  private final String printed;
  private final String[] header;
  private PDPageContentStream page;
  private float y;
  private int pages;

  NominatifPdf(String agency, String printed, String[] header) throws IOException {
    this.document = new PDDocument(IOUtils.createTempFileOnlyStreamCache());
    this.title = "Daftar Nominatif PNS - " + agency;
    this.printed = printed;
    this.header = header;
  }

  /** Appends rows (cells as in the CSV), starting new pages as needed. */
  void add(List<String[]> rows) throws IOException {
    for (String[] row : rows) {
      if (page == null || y < MARGIN + LINE) {
        newPage();
      }
      row(regular, row);
    }
  }

  /** Ends the document and saves it to a temporary file (the caller sends and deletes it). */
  Path finish() throws IOException {
    if (page == null) {
      newPage();
      text(regular, MARGIN, y, "Tidak ada PNS.");
    }
    page.close();
    Path file = Files.createTempFile("nominatif-", ".pdf");
    try {
      document.save(file.toFile());
    } finally {
      document.close();
    }
    return file;
  }

  void discard() throws IOException {
    if (page != null) {
      page.close();
    }
    document.close();
  }

  private void newPage() throws IOException {
    if (page != null) {
      page.close();
    }
    PDPage next = new PDPage(new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()));
    document.addPage(next);
    pages++;
    page = new PDPageContentStream(document, next);
    y = next.getMediaBox().getHeight() - MARGIN;
    text(bold, MARGIN, y, title);
    text(regular, next.getMediaBox().getWidth() - MARGIN - 170, y, "Dicetak " + printed + " - hal. " + pages);
    y -= LINE * 1.6f;
    row(bold, header);
    page.moveTo(MARGIN, y + LINE - 3);
    page.lineTo(next.getMediaBox().getWidth() - MARGIN, y + LINE - 3);
    page.stroke();
  }

  private void row(PDType1Font font, String[] cells) throws IOException {
    float x = MARGIN;
    for (int i = 0; i < COLUMNS.length; i++) {
      String cell = COLUMNS[i] < cells.length ? cells[COLUMNS[i]] : "";
      text(font, x, y, fit(font, cell, WIDTHS[i] - 4));
      x += WIDTHS[i];
    }
    y -= LINE;
  }

  private void text(PDType1Font font, float x, float at, String text) throws IOException {
    page.beginText();
    page.setFont(font, SIZE);
    page.newLineAtOffset(x, at);
    page.showText(printable(text));
    page.endText();
  }

  /** The text, cut with an ellipsis to fit the width. */
  private static String fit(PDType1Font font, String text, float width) throws IOException {
    String t = printable(text);
    if (font.getStringWidth(t) / 1000 * SIZE <= width) {
      return t;
    }
    while (!t.isEmpty() && font.getStringWidth(t + "...") / 1000 * SIZE > width) {
      t = t.substring(0, t.length() - 1);
    }
    return t + "...";
  }

  /** The standard fonts encode WinAnsi (Latin-1): anything else becomes '?', control characters a space. */
  private static String printable(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(c < 0x20 || (c >= 0x7f && c < 0xa0) ? ' ' : c > 0xff ? '?' : c);
    }
    return out.toString();
  }
}
