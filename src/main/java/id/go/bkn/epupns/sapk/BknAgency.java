package id.go.bkn.epupns.sapk;

/**
 * Badan Kepegawaian Negara as an agency of SAPK. Known by its name: its code differs between SAPK loads (4011 in
 * the test fixture, 4039 in the national seed), its name does not. The officers of BKN's offices (the BKN tier and
 * the national desk) are its own staff.
 */
public final class BknAgency {

  public static final String NAME = "Badan Kepegawaian Negara";

  private BknAgency() {
  }

  /** Whether an agency, by its SAPK name, is BKN (case and spacing aside: a load may spell them otherwise). */
  public static boolean is(String instansiNama) {
    return instansiNama != null && NAME.equalsIgnoreCase(instansiNama.strip().replaceAll("\\s+", " "));
  }
}
