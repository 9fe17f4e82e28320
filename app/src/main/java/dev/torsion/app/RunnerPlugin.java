package dev.torsion.app;

import dev.torsion.app.service.Service;
import dev.torsion.internet.Reactor;

/**
 * A server that {@code torsion} can run: Twisted's {@code IServiceMaker}. Plugins are found with
 * {@link java.util.ServiceLoader}: a module lists its implementation in
 * {@code META-INF/services/dev.torsion.app.RunnerPlugin}, and {@code torsion PLUGIN ...} runs it.
 *
 * <p>The runner makes one plugin instance per run, lets picocli fill in {@link #options()} from the
 * command line, and then calls {@link #makeService}. With {@code --workers N} it calls
 * {@code makeService} once per reactor: everything a service builds must belong to that reactor
 * alone (one reactor is one thread), while the options may be shared as they are only read.
 */
public interface RunnerPlugin {
    /** The command name, as typed after {@code torsion}: lower case, e.g. {@code echo}. */
    String name();

    /** One line for {@code torsion --help}. */
    String description();

    /**
     * The object that holds this plugin's options, annotated with picocli's {@code @Option} and
     * {@code @Parameters} (and optionally {@code @Command} for a longer usage text). The same object
     * each time: the runner fills it before calling {@link #makeService}. A plugin without options
     * returns a plain {@code new Object()}.
     */
    Object options();

    /**
     * Builds the service tree that runs on {@code reactor}, typically a
     * {@link dev.torsion.app.service.ListeningService}. Throws {@link IllegalArgumentException}
     * with a clear message when the options do not make sense together (the runner then exits
     * with status 2, as for a command-line error).
     */
    Service makeService(Reactor reactor) throws Exception;
}
