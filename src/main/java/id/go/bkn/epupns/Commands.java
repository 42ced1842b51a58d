package id.go.bkn.epupns;

import id.go.bkn.epupns.sapk.SapkCommands;
import id.go.bkn.epupns.admin.OfficerCommands;
import id.go.bkn.epupns.loadtest.LoadTestCommands;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Command-line tools of the same jar: {@code java -jar target/epupns.jar <command> [options]}.
 * Each command prints its own usage when called with wrong arguments.
 */
final class Commands {

  private static final Map<String, ToIntFunction<String[]>> COMMANDS = new LinkedHashMap<>();
  private static final Map<String, String> SUMMARIES = new LinkedHashMap<>();

  static {
    register("sapk-generate", "write N synthetic PNS to a SAPK CSV file", SapkCommands::generate);
    register("sapk-import", "import a SAPK CSV file into PostgreSQL (COPY, idempotent)", SapkCommands::importFile);
    register("sapk-generate-import", "generate N synthetic PNS straight into PostgreSQL", SapkCommands::generateImport);
    register("officer-create", "create an officer account (NIP from SAPK, role and scope)",
        args -> OfficerCommands.create(args, System.getenv(), System.in, System.out, System.err));
    register("officer-disable", "disable an officer account and end its sessions",
        args -> OfficerCommands.disable(args, System.getenv(), System.out, System.err));
    register("loadtest-prepare", "load-test accounts in bulk and Gatling feeders (refused in production)",
        args -> LoadTestCommands.prepare(args, System.getenv(), System.out, System.err));
  }

  private Commands() {
  }

  private static void register(String name, String summary, ToIntFunction<String[]> command) {
    COMMANDS.put(name, command);
    SUMMARIES.put(name, summary);
  }

  static int run(String[] args) {
    ToIntFunction<String[]> command = COMMANDS.get(args[0]);
    if (command == null) {
      System.err.println("unknown command: " + args[0] + "\n\n" + usage());
      return 2;
    }
    return command.applyAsInt(Arrays.copyOfRange(args, 1, args.length));
  }

  static String usage() {
    StringBuilder out = new StringBuilder("""
        usage: java -jar target/epupns.jar [--demo]        run the service (--demo: load demo data)
               java -jar target/epupns.jar <command> ...   run a tool:
        """);
    SUMMARIES.forEach((name, summary) -> out.append(String.format("  %-18s %s%n", name, summary)));
    return out.toString();
  }
}
