package id.go.bkn.epupns.registration;

/**
 * The mails of registration and recovery (plain text, Bahasa Indonesia), all to the address the PNS
 * registered; {@link SecurityNotice} is the only mail to the SAPK address. Each mail gives one
 * instruction for the case that the PNS did not do this.
 */
final class Notices {

  private static final String AUTOMATIC =
      "Email ini dikirim otomatis oleh e-PUPNS, Badan Kepegawaian Negara. Jangan membalas email ini.\n";
  /** For mails reporting something already done: if it was not the PNS, the account is at risk. */
  private static final String NOT_YOU = "\nBila Anda tidak melakukan ini, segera hubungi bagian kepegawaian instansi Anda.\n"
      + AUTOMATIC;

  private Notices() {
  }

  record Mail(String subject, String body) {
  }

  /** The confirmation: the next steps depend on whether the agency still has to approve. */
  static Mail registered(String nama, String nip, String number, String baseUrl, RegistrationStatus status) {
    String steps = status == RegistrationStatus.APPROVED
        ? """
        Instansi Anda tidak memerlukan persetujuan: Anda dapat masuk sekarang di %2$s/masuk.html
        dengan nomor registrasi dan kata sandi Anda, lalu periksa data kepegawaian Anda.
        Simpan tanda bukti registrasi (dapat diunduh lagi melalui %2$s/lupa-nomor.html).
        """.formatted(number, baseUrl)
        : """
        Langkah selanjutnya:
        1. Cetak tanda bukti registrasi (dapat diunduh lagi melalui %1$s/lupa-nomor.html).
        2. Serahkan tanda bukti ke bagian kepegawaian instansi Anda untuk disetujui.
        3. Setelah disetujui, masuk di %1$s/masuk.html dengan nomor registrasi dan kata sandi Anda.
        """.formatted(baseUrl);
    return new Mail("Registrasi e-PUPNS berhasil: " + number, """
        Yth. %s (NIP %s),

        Registrasi e-PUPNS Anda berhasil. Nomor registrasi Anda: %s

        """.formatted(nama, nip, number) + steps + NOT_YOU);
  }

  static Mail numberRecovered(String nama, String nip) {
    return new Mail("e-PUPNS: nomor registrasi Anda ditampilkan", """
        Yth. %s (NIP %s),

        Nomor registrasi Anda baru saja ditampilkan melalui fitur "Lupa nomor registrasi"
        setelah pertanyaan keamanan dijawab dengan benar.
        """.formatted(nama, nip) + NOT_YOU);
  }

  static Mail answerRecovered(String nama, String nip) {
    return new Mail("e-PUPNS: jawaban pertanyaan keamanan Anda ditampilkan", """
        Yth. %s (NIP %s),

        Jawaban pertanyaan keamanan Anda baru saja ditampilkan melalui fitur "Lupa jawaban"
        setelah nama gadis ibu kandung diisi dengan benar.
        """.formatted(nama, nip) + NOT_YOU);
  }

  /**
   * A request, not a change: nothing happens unless the link is opened, so the one instruction
   * for someone who did not ask is to ignore it (not to alarm the bureau).
   */
  static Mail resetRequested(String nip, String link, int minutes) {
    return new Mail("e-PUPNS: tautan untuk mengatur ulang kata sandi", """
        Yth. pemilik NIP %s,

        Ada permintaan untuk mengatur ulang kata sandi e-PUPNS Anda. Buka tautan berikut
        (berlaku %d menit dan hanya sekali pakai) untuk membuat kata sandi baru:

        %s

        Bila Anda tidak memintanya, abaikan saja email ini: kata sandi Anda tetap sama dan
        tautan ini tidak berlaku lagi setelah %d menit.

        """.formatted(nip, minutes, link, minutes) + AUTOMATIC);
  }

  static Mail passwordChanged(String nip) {
    return new Mail("e-PUPNS: kata sandi Anda telah diganti", """
        Yth. pemilik NIP %s,

        Kata sandi e-PUPNS Anda baru saja diganti melalui tautan atur ulang kata sandi.
        Semua sesi yang sedang masuk telah diakhiri.
        """.formatted(nip) + NOT_YOU);
  }
}
