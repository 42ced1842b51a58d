package id.go.bkn.epupns.verification;

/** A verifier's decision on one item at its tier (SPEC 4.4, 5.1). */
public enum Verdict {
  /** Memenuhi syarat: accepted; the item moves to the next tier, or is applied to SAPK at its final authority. */
  MS,
  /** Tidak memenuhi syarat: refused with a reason; SAPK stays as it is. */
  TMS,
  /** Sent back to the PNS with a reason, to be corrected and submitted again (it then starts at SKPD). */
  RETURN;

  /** Whether a reason must be given. */
  public boolean needsReason() {
    return this != MS;
  }
}
