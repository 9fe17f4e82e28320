package dev.torsion.app;

import dev.torsion.cred.CheckerConfigurationException;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.cred.checkers.ThreadedChecker;
import dev.torsion.cred.strcred.CheckerFactory;
import dev.torsion.internet.Reactor;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code --auth} and {@code --help-auth} options for plugins that log users in, as Twisted's
 * {@code strcred.AuthOptionMixin}. A plugin adds them with picocli's {@code @Mixin}:
 *
 * <pre>{@code
 * @Mixin AuthOptions auth;
 * ...
 * Portal portal = new Portal(realm, reactor, auth.checkers(reactor).toArray(CredentialsChecker[]::new));
 * }</pre>
 *
 * {@code --auth} may be given several times ({@code --auth file:/etc/torsion/passwd --auth
 * anonymous}); {@code torsion PLUGIN --help-auth} lists the kinds found on the class path.
 */
public final class AuthOptions {
    /** The option that lists the checker kinds; the runner answers it like {@code --help}. */
    public static final String HELP_AUTH = "--help-auth";

    @Option(names = "--auth", paramLabel = "KIND[:ARGUMENT]",
            description = "A credentials checker, e.g. file:PATH, unix, memory:USER:PASSWORD (may repeat; "
                    + HELP_AUTH + " lists the kinds).")
    private List<String> descriptions = new ArrayList<>();

    @Option(names = HELP_AUTH, help = true, description = "List the kinds of credentials checker and exit.")
    private boolean helpAuth;

    /** The checker descriptions given, in order; they may hold passwords, so never log them. */
    public List<String> descriptions() {
        return List.copyOf(descriptions);
    }

    /**
     * Makes a checker for each {@code --auth}. Throws {@link IllegalArgumentException} (the runner
     * exits with status 2) naming the bad description's kind, never its argument.
     */
    public List<CredentialsChecker> checkers() {
        List<CredentialsChecker> checkers = new ArrayList<>();
        for (String description : descriptions) {
            try {
                checkers.add(CheckerFactory.fromString(description));
            } catch (CheckerConfigurationException e) {
                int colon = description.indexOf(':');
                String kind = colon < 0 ? description : description.substring(0, colon);
                throw new IllegalArgumentException("--auth " + kind + ": " + e.getMessage(), e);
            }
        }
        return checkers;
    }

    /**
     * The checkers of {@link #checkers()}, each run on {@code reactor}'s thread pool: what a server
     * should use, since they read files and compute slow hashes (see {@link ThreadedChecker}).
     */
    public List<CredentialsChecker> checkers(Reactor reactor) {
        List<CredentialsChecker> threaded = new ArrayList<>();
        for (CredentialsChecker checker : checkers()) {
            threaded.add(new ThreadedChecker(checker, reactor));
        }
        return threaded;
    }

    /** The text {@code --help-auth} prints: one line per checker kind. */
    public static String helpText() {
        StringBuilder text = new StringBuilder("Kinds of credentials checker for --auth:\n");
        for (CheckerFactory factory : CheckerFactory.available()) {
            String usage = factory.authType() + (factory.argumentHelp().isEmpty() ? "" : ":" + factory.argumentHelp());
            text.append(String.format("  %-28s %s%n", usage, factory.help()));
        }
        return text.toString();
    }
}
