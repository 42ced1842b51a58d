package id.go.bkn.epupns.form;

/** What a submitted item asks for (SPEC 4.4: exactly the PNS's changes go to verification). */
public enum Action {
  /** A SAPK value corrected (a record field, or one field of a history row). */
  CORRECT,
  /** New data without a SAPK value (Data Guru, Data Dokter). */
  FILL,
  /** A history row added. */
  ADD_ROW,
  /** A history row the PNS asks to remove. */
  REMOVE_ROW
}
