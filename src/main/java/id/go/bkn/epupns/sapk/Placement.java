package id.go.bkn.epupns.sapk;

/**
 * Where a PNS (or a submission, copied at submit) sits in the organisation tree: its work unit,
 * that work unit's agency and the BKN office the agency belongs to. A {@link Scope} covers a
 * placement or not.
 */
public record Placement(int satuanKerjaId, int instansiId, int kanregId) {
}
