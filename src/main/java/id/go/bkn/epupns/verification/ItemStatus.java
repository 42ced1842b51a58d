package id.go.bkn.epupns.verification;

/** Where a submitted item stands (SPEC 4.4: a submission is complete when every item is resolved). */
enum ItemStatus {
  /** Waiting at its current tier. */
  PENDING,
  /** Sent back to the PNS with a reason; it enters again at SKPD when the PNS submits it again. */
  RETURNED,
  /** Refused (TMS): SAPK stays as it was. */
  TMS,
  /** Accepted at its final authority and written to SAPK. */
  APPLIED,
  /** Returned, then no longer asked for by the PNS (now confirmed as SAPK has it). */
  WITHDRAWN;

  /** Whether nothing more will happen to the item. */
  boolean resolved() {
    return this == TMS || this == APPLIED || this == WITHDRAWN;
  }
}
