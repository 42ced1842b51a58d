package id.go.bkn.epupns.registration;

import id.go.bkn.epupns.core.http.ApiError;

/** The answers that send a person somewhere else (SPEC 4.1 step 5): unknown NIP, NIP already registered. */
final class SapkGuidance {

  static final String COMPLAINT_PAGE = "/pengaduan.html";
  static final String RECOVERY_PAGE = "/lupa-nomor.html";

  private SapkGuidance() {
  }

  static ApiError nipNotFound(String nip) {
    return new ApiError(404, "NIP_NOT_FOUND", "NIP " + nip + " tidak ditemukan di database kepegawaian (SAPK). "
        + "Periksa kembali NIP Anda; mungkin salah ketik. Bila sudah benar, kemungkinan Anda tidak ikut pendataan "
        + "tahun 2003, tercatat di database pensiun, atau tercatat di instansi lain. Sampaikan pengaduan agar "
        + "instansi Anda menindaklanjutinya.")
        .with("complaintUrl", COMPLAINT_PAGE + "?nip=" + nip);
  }

  static ApiError alreadyRegistered() {
    return ApiError.conflict("ALREADY_REGISTERED", "NIP ini sudah terdaftar. Bila Anda lupa nomor registrasi, "
        + "gunakan \"Lupa nomor registrasi\". Bila bukan Anda yang mendaftar, minta bagian kepegawaian instansi "
        + "Anda mereset pendaftaran ini.")
        .with("recoveryUrl", RECOVERY_PAGE);
  }
}
