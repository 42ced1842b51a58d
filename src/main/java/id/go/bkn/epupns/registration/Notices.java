package id.go.bkn.epupns.registration;

/** The mails of registration and recovery (plain text, Bahasa Indonesia). */
final class Notices {

  private static final String FOOTER = """

      Bila Anda tidak melakukan ini, segera hubungi bagian kepegawaian instansi Anda.
      Email ini dikirim otomatis oleh e-PUPNS, Badan Kepegawaian Negara. Jangan membalas email ini.
      """;

  private Notices() {
  }

  record Mail(String subject, String body) {
  }

  static Mail registered(String nama, String nip, String number, String baseUrl) {
    return new Mail("Registrasi e-PUPNS berhasil: " + number, """
        Yth. %s (NIP %s),

        Registrasi e-PUPNS Anda berhasil. Nomor registrasi Anda: %s

        Langkah selanjutnya:
        1. Cetak tanda bukti registrasi (dapat diunduh lagi melalui %s/lupa-nomor.html).
        2. Serahkan tanda bukti ke bagian kepegawaian instansi Anda untuk disetujui.
        3. Setelah disetujui, masuk di %s/masuk.html dengan nomor registrasi dan kata sandi Anda.
        """.formatted(nama, nip, number, baseUrl, baseUrl) + FOOTER);
  }

  static Mail numberRecovered(String nama, String nip) {
    return new Mail("e-PUPNS: nomor registrasi Anda ditampilkan", """
        Yth. %s (NIP %s),

        Nomor registrasi Anda baru saja ditampilkan melalui fitur "Lupa nomor registrasi"
        setelah pertanyaan keamanan dijawab dengan benar.
        """.formatted(nama, nip) + FOOTER);
  }

  static Mail answerRecovered(String nama, String nip) {
    return new Mail("e-PUPNS: jawaban pertanyaan keamanan Anda ditampilkan", """
        Yth. %s (NIP %s),

        Jawaban pertanyaan keamanan Anda baru saja ditampilkan melalui fitur "Lupa jawaban"
        setelah nama gadis ibu kandung diisi dengan benar.
        """.formatted(nama, nip) + FOOTER);
  }

  static Mail resetRequested(String nip, String link, int minutes) {
    return new Mail("e-PUPNS: tautan untuk mengatur ulang kata sandi", """
        Yth. pemilik NIP %s,

        Ada permintaan untuk mengatur ulang kata sandi e-PUPNS Anda. Buka tautan berikut
        (berlaku %d menit dan hanya sekali pakai) untuk membuat kata sandi baru:

        %s

        Bila Anda tidak memintanya, abaikan email ini; kata sandi Anda tidak berubah.
        """.formatted(nip, minutes, link) + FOOTER);
  }

  static Mail passwordChanged(String nip) {
    return new Mail("e-PUPNS: kata sandi Anda telah diganti", """
        Yth. pemilik NIP %s,

        Kata sandi e-PUPNS Anda baru saja diganti melalui tautan atur ulang kata sandi.
        Semua sesi yang sedang masuk telah diakhiri.
        """.formatted(nip) + FOOTER);
  }
}
