package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.sapk.Tier;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

/** The mail a PNS gets when a tier has finished with its submission (one per submission and tier). */
final class Mails {

  private Mails() {
  }

  static String subject(Tier tier) {
    return "Hasil verifikasi tingkat " + tier.label() + " atas data e-PUPNS Anda";
  }

  /** rows: label, verdict, reason, final_authority of the items decided at the tier. */
  static String body(String nama, Tier tier, RowSet<Row> rows, String baseUrl) {
    StringBuilder out = new StringBuilder();
    out.append("Yth. ").append(nama).append(",\n\n")
        .append("Verifikator tingkat ").append(tier.label()).append(" telah selesai memeriksa perbaikan data kepegawaian ")
        .append("yang Anda kirim melalui e-PUPNS:\n\n");
    for (Row row : rows) {
      Verdict verdict = Verdict.valueOf(row.getString("verdict"));
      String reason = row.getString("reason");
      out.append("- ").append(row.getString("label")).append(": ").append(switch (verdict) {
        case MS -> tier.name().equals(row.getString("final_authority"))
            ? "memenuhi syarat (MS), sudah diterapkan ke data SAPK"
            : "memenuhi syarat (MS), diteruskan ke tingkat " + tier.next().map(Tier::label).orElse("berikutnya");
        case TMS -> "tidak memenuhi syarat (TMS)" + (reason == null ? "" : ": " + reason);
        case RETURN -> "dikembalikan untuk Anda perbaiki" + (reason == null ? "" : ": " + reason);
      }).append('\n');
    }
    out.append("\nLihat perkembangan setiap data di ").append(baseUrl).append("/progres.html");
    out.append("\nData yang dikembalikan dapat Anda perbaiki di ").append(baseUrl)
        .append("/formulir.html lalu dikirim kembali dari halaman Kirim.\n");
    return out.toString();
  }
}
