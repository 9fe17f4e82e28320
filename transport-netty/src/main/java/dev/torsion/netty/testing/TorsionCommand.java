package dev.torsion.netty.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of the {@code torsion} runner for process tests: this JVM's {@code java}, the
 * test's class path (the plugin under test and the runner), the runner's main class, and the
 * arguments a user would type. Start it with {@link PeerProcess#start}; stop it with
 * {@link PeerProcess#terminate()} (SIGTERM), as a service manager would.
 *
 * <pre>{@code
 * PeerProcess torsion = PeerProcess.start(TorsionCommand.of("irc", "--listen", "tcp:" + port), log, port);
 * ...
 * assertEquals(0, torsion.terminate(), torsion.log());
 * }</pre>
 */
public final class TorsionCommand {
    /** The runner's main class (in the app module, which transport-netty cannot depend on). */
    public static final String MAIN_CLASS = "dev.torsion.app.Torsion";

    private TorsionCommand() {
    }

    /** {@code java -Xmx256m -cp CLASSPATH dev.torsion.app.Torsion ARGS}. */
    public static List<String> of(String... args) {
        return of(List.of(args));
    }

    /** The same, with the arguments as a list. */
    public static List<String> of(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), MAIN_CLASS));
        command.addAll(args);
        return command;
    }
}
