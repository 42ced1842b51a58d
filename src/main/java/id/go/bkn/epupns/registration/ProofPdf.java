package id.go.bkn.epupns.registration;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The printable proof of registration (tanda bukti registrasi): one A4 page with the registration
 * number, the PNS's identity, the date and time in the campaign's zone, what to do next (which
 * depends on whether the agency still has to approve), and a QR code carrying the signed check
 * code. Every line is kept between the margins: long values and the check URL wrap, measured with
 * the font's metrics. The QR is drawn module by module as rectangles, so no image library is needed.
 * Blocking CPU work: run it on the "pdf" worker pool.
 */
final class ProofPdf {

  /** Left and right margin, in points: the header rule runs from one to the other. */
  static final float MARGIN = 56;

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy, HH.mm",
      Locale.forLanguageTag("id"));

  private final String zoneLabel;

  /** @param zoneLabel how times are labelled (schedule.timeZoneLabel, e.g. WIB) */
  ProofPdf(String zoneLabel) {
    this.zoneLabel = zoneLabel;
  }

  /** What the proof shows. */
  record Proof(String registrationNumber, String nip, String nama, String instansi, String satuanKerja,
               java.time.ZonedDateTime registeredAt, RegistrationStatus status, String qrContent) {
  }

  byte[] render(Proof proof) {
    PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    try (PDDocument document = new PDDocument()) {
      PDDocumentInformation info = document.getDocumentInformation();
      info.setTitle("Tanda Bukti Registrasi e-PUPNS " + proof.registrationNumber());
      info.setAuthor("Badan Kepegawaian Negara");
      PDPage page = new PDPage(PDRectangle.A4);
      document.addPage(page);
      float left = MARGIN;
      float right = PDRectangle.A4.getWidth() - MARGIN;
      float top = PDRectangle.A4.getHeight() - 64;
      try (PDPageContentStream out = new PDPageContentStream(document, page)) {
        text(out, bold, 11, left, top, "BADAN KEPEGAWAIAN NEGARA");
        text(out, regular, 10, left, top - 14, "Pendataan Ulang Pegawai Negeri Sipil Elektronik (e-PUPNS)");
        out.moveTo(left, top - 24);
        out.lineTo(right, top - 24);
        out.stroke();
        text(out, bold, 18, left, top - 56, "TANDA BUKTI REGISTRASI");
        text(out, regular, 11, left, top - 84, "Nomor registrasi");
        text(out, bold, 26, left, top - 114, proof.registrationNumber());

        float y = top - 156;
        List<String[]> rows = List.of(
            new String[] {"NIP", proof.nip()},
            new String[] {"Nama", proof.nama()},
            new String[] {"Instansi", proof.instansi()},
            new String[] {"Unit kerja", proof.satuanKerja()},
            new String[] {"Tanggal registrasi", DAY.format(proof.registeredAt()) + " " + zoneLabel});
        for (String[] row : rows) {
          text(out, regular, 11, left, y, row[0]);
          for (String line : wrap(bold, 11, row[1], right - left - 120)) {
            text(out, bold, 11, left + 120, y, line);
            y -= 14;
          }
          y -= 6;
        }

        y -= 16;
        text(out, bold, 12, left, y, "Langkah selanjutnya");
        for (String step : steps(proof.status())) {
          for (String line : wrap(regular, 10, step, right - left)) {
            y -= 16;
            text(out, regular, 10, left, y, line);
          }
        }

        float qrSize = 150;
        qr(out, proof.qrContent(), left, y - 40 - qrSize, qrSize);
        y -= 40 + qrSize + 14;
        text(out, regular, 8, left, y, "Kode pemeriksaan (isi kode QR):");
        for (String line : wrap(regular, 8, proof.qrContent(), right - left)) {
          y -= 11;
          text(out, regular, 8, left, y, line);
        }
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(16_384);
      document.save(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What to do next: hand the proof in for approval, or (approved on creation) log in now. */
  static List<String> steps(RegistrationStatus status) {
    if (status == RegistrationStatus.APPROVED) {
      return List.of(
          "1. Instansi Anda tidak memerlukan persetujuan: Anda dapat masuk ke e-PUPNS sekarang dengan nomor "
              + "registrasi dan kata sandi Anda, lalu periksa dan perbaiki data kepegawaian Anda.",
          "2. Simpan tanda bukti ini.",
          "Petugas dapat memeriksa keaslian tanda bukti ini dengan memindai kode QR di bawah.");
    }
    return List.of(
        "1. Cetak tanda bukti ini.",
        "2. Serahkan ke bagian kepegawaian (BKD / Biro Kepegawaian) instansi Anda untuk disetujui.",
        "3. Setelah disetujui, masuk ke e-PUPNS dengan nomor registrasi dan kata sandi Anda, lalu periksa dan "
            + "perbaiki data kepegawaian Anda.",
        "Petugas dapat memeriksa keaslian tanda bukti ini dengan memindai kode QR di bawah.");
  }

  /**
   * The text in lines no wider than width points in this font: broken at spaces, and a word wider
   * than a line (a URL) after one of / ? = & . or anywhere as a last resort.
   */
  static List<String> wrap(PDType1Font font, float size, String text, float width) throws IOException {
    String rest = printable(text);
    List<String> lines = new ArrayList<>();
    while (width(font, size, rest) > width) {
      int fit = 1;
      while (fit < rest.length() && width(font, size, rest.substring(0, fit + 1)) <= width) {
        fit++;
      }
      int cut = rest.lastIndexOf(' ', fit);
      if (cut <= 0) {
        cut = fit;
        for (int i = fit; i > fit / 2; i--) {
          if ("/?=&.".indexOf(rest.charAt(i - 1)) >= 0) {
            cut = i;
            break;
          }
        }
      }
      lines.add(rest.substring(0, cut).stripTrailing());
      rest = rest.substring(cut).stripLeading();
    }
    lines.add(rest);
    return lines;
  }

  private static float width(PDType1Font font, float size, String text) throws IOException {
    return font.getStringWidth(text) / 1000 * size;
  }

  private static void text(PDPageContentStream out, PDType1Font font, float size, float x, float y, String text)
      throws IOException {
    out.beginText();
    out.setFont(font, size);
    out.newLineAtOffset(x, y);
    out.showText(printable(text));
    out.endText();
  }

  /** The standard PDF fonts know Latin-1 only: strip accents, replace anything else. */
  static String printable(String text) {
    String plain = Normalizer.normalize(text == null ? "-" : text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    StringBuilder out = new StringBuilder(plain.length());
    for (char c : plain.toCharArray()) {
      out.append(c >= 0x20 && c < 0x7f || c >= 0xa0 && c <= 0xff ? c : '?');
    }
    return out.toString();
  }

  private static void qr(PDPageContentStream out, String content, float x, float y, float size) throws IOException {
    ByteMatrix matrix;
    try {
      matrix = Encoder.encode(content, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8"))
          .getMatrix();
    } catch (WriterException e) {
      throw new IllegalStateException("QR code cannot hold " + content.length() + " characters", e);
    }
    // Four modules of quiet zone around the code, as scanners expect.
    int modules = matrix.getWidth() + 8;
    float cell = size / modules;
    for (int row = 0; row < matrix.getHeight(); row++) {
      for (int col = 0; col < matrix.getWidth(); col++) {
        if (matrix.get(col, row) == 1) {
          out.addRect(x + (col + 4) * cell, y + size - (row + 5) * cell, cell, cell);
        }
      }
    }
    out.fill();
  }
}
