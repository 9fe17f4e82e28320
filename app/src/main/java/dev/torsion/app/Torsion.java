package dev.torsion.app;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command {@code torsion}: Twisted's {@code twistd} for Java. Global options come first, then
 * the name of a plugin found on the class path, then that plugin's options:
 *
 * <pre>
 * torsion --help
 * torsion echo --listen tcp:8000
 * torsion --daemon --pidfile /run/echo.pid --logfile /var/log/echo.log echo --listen tcp:8000
 * </pre>
 *
 * Exit status: 0 after a clean stop (or help), 1 when the server could not start or failed, 2 for
 * a command-line error (unknown plugin or option, bad value).
 */
public final class Torsion {
    /** Exit status after a clean run. */
    public static final int OK = 0;
    /** Exit status when the server could not start or stopped on an error. */
    public static final int FAILED = 1;
    /** Exit status for a command-line error. */
    public static final int USAGE = 2;

    private Torsion() {
    }

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Parses {@code args}, then runs the plugin in this process or as a daemon; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, RunnerPlugin> plugins;
        try {
            plugins = Plugins.load(Torsion.class.getClassLoader());
        } catch (RuntimeException | ServiceConfigurationError e) {
            err.println("torsion: cannot load the plugins: " + e.getMessage());
            return FAILED;
        }
        RunnerOptions options = new RunnerOptions();
        CommandLine cli = commandLine(options, plugins, out, err);
        ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (ParameterException e) {
            String command = e.getCommandLine().getCommandSpec().qualifiedName(" ");
            return usageError(err, describe(e, plugins), command);
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            return OK;
        }
        if (parsed.hasSubcommand() && parsed.subcommand().hasMatchedOption(AuthOptions.HELP_AUTH)) {
            out.print(AuthOptions.helpText());
            out.flush();
            return OK;
        }
        if (!parsed.hasSubcommand()) {
            return usageError(err, "no plugin named; plugins: " + String.join(", ", plugins.keySet()), "torsion");
        }
        RunnerPlugin plugin = plugins.get(parsed.subcommand().commandSpec().name());
        try {
            options.validate();
        } catch (IllegalArgumentException e) {
            return usageError(err, e.getMessage(), "torsion");
        }
        return new Runner(options, plugin, List.of(args), err).run();
    }

    /** The top command with one subcommand per plugin. */
    private static CommandLine commandLine(RunnerOptions options, Map<String, RunnerPlugin> plugins,
            PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(options);
        for (RunnerPlugin plugin : plugins.values()) {
            CommandSpec spec = CommandSpec.forAnnotatedObject(plugin.options());
            spec.name(plugin.name());
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help message and exit.").build());
            // The plugin list in torsion --help shows each plugin's header line.
            spec.usageMessage().header(plugin.description());
            cli.addSubcommand(plugin.name(), new CommandLine(spec));
        }
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }

    /** A short message for a command-line error: picocli's own, except for an unknown plugin. */
    private static String describe(ParameterException e, Map<String, RunnerPlugin> plugins) {
        boolean atTop = e.getCommandLine().getCommandSpec().parent() == null;
        if (e instanceof UnmatchedArgumentException unmatched && atTop) {
            List<String> rest = unmatched.getUnmatched();
            if (!rest.isEmpty() && !rest.get(0).startsWith("-")) {
                return "unknown plugin '" + rest.get(0) + "'; plugins: " + String.join(", ", plugins.keySet());
            }
        }
        String where = atTop ? "" : e.getCommandLine().getCommandName() + ": ";
        return where + e.getMessage();
    }

    private static int usageError(PrintStream err, String message, String command) {
        err.println("torsion: " + message);
        err.println("Try '" + command + " --help' for more information.");
        return USAGE;
    }
}
