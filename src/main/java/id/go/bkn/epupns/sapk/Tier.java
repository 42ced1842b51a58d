package id.go.bkn.epupns.sapk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The verification tiers of SPEC 4.4, in the order an item passes them: the work unit's SKPD, the
 * agency's BKD (Biro Kepegawaian for central agencies), then the BKN office (Kanreg or BKN Pusat).
 * Each tier works at one level of the organisation tree: that is its verifiers' {@link Scope}.
 */
public enum Tier {
  SKPD(Scope.Level.WORK_UNIT, "SKPD"),
  BKD(Scope.Level.AGENCY, "BKD"),
  BKN(Scope.Level.BKN_OFFICE, "BKN / Kanreg");

  private final Scope.Level level;
  private final String label;

  Tier(Scope.Level level, String label) {
    this.level = level;
    this.label = label;
  }

  /** The organisation level this tier's verifiers are appointed to. */
  public Scope.Level level() {
    return level;
  }

  /** For pages and mails, in Bahasa Indonesia. */
  public String label() {
    return label;
  }

  /** The first tier every item enters. */
  public static Tier first() {
    return SKPD;
  }

  /** The tier after this one, empty at BKN. */
  public Optional<Tier> next() {
    return ordinal() + 1 < values().length ? Optional.of(values()[ordinal() + 1]) : Optional.empty();
  }

  /** The route of an item whose final authority is this tier: every tier up to and including it. */
  public List<Tier> route() {
    List<Tier> out = new ArrayList<>();
    for (Tier t : values()) {
      out.add(t);
      if (t == this) {
        break;
      }
    }
    return List.copyOf(out);
  }

  /** A tier from its name as stored and sent (SKPD, BKD, BKN); empty for anything else. */
  public static Optional<Tier> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (Tier t : values()) {
      if (t.name().equals(text.trim().toUpperCase(java.util.Locale.ROOT))) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
