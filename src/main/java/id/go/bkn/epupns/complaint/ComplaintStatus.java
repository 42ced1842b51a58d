package id.go.bkn.epupns.complaint;

/** Where a complaint stands: new, assigned to an officer of the agency, or handled (with a note). */
enum ComplaintStatus {
  OPEN("Baru"),
  ASSIGNED("Ditangani petugas"),
  HANDLED("Selesai");

  final String label;

  ComplaintStatus(String label) {
    this.label = label;
  }

  static ComplaintStatus of(String text) {
    for (ComplaintStatus s : values()) {
      if (s.name().equalsIgnoreCase(text)) {
        return s;
      }
    }
    return null;
  }
}
