package id.go.bkn.epupns.core.config;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The options of one command of the jar ({@code sapk-import --db URL --no-riwayat file.csv}): options
 * with a value, flags, and at most one positional argument (kept under the key ""). Anything else is
 * refused with the command's usage, so a typo never runs a command with a default it did not mean.
 */
public final class CommandOptions {

  public static final String POSITIONAL = "";

  private CommandOptions() {
  }

  /** The options given, or null after printing what was wrong and the usage to {@code err}. */
  public static Map<String, String> parse(String[] args, Set<String> valued, Set<String> flags, boolean positional,
                                          PrintStream err, String usage) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (flags.contains(arg)) {
        out.put(arg, "true");
      } else if (valued.contains(arg) && i + 1 < args.length) {
        out.put(arg, args[++i]);
      } else if (positional && !arg.startsWith("--") && !out.containsKey(POSITIONAL)) {
        out.put(POSITIONAL, arg);
      } else {
        err.println("unexpected or incomplete argument: " + arg + "\n" + usage);
        return null;
      }
    }
    return out;
  }
}
