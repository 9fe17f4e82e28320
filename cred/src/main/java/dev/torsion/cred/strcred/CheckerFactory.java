package dev.torsion.cred.strcred;

import dev.torsion.cred.CheckerConfigurationException;
import dev.torsion.cred.LogSafe;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.cred.credentials.Credentials;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes a checker from a string such as the runner's {@code --auth} takes, as Twisted's
 * {@code strcred}: {@code memory:alice:secret:bob:pw}, {@code file:/etc/torsion/passwd},
 * {@code unix}, {@code sshkey}, {@code anonymous}. Each kind is a factory found with
 * {@link ServiceLoader}, so that other modules can add kinds.
 */
public interface CheckerFactory {
    /** The kind's name, the part before the first colon, e.g. {@code file}. */
    String authType();

    /** One line saying what the checker does, for {@code --help-auth}. */
    String help();

    /** What follows the colon, e.g. {@code PATH}, or empty when the kind takes no argument. */
    String argumentHelp();

    /** The credential kinds the checkers made handle. */
    Set<Class<? extends Credentials>> credentialTypes();

    /**
     * Makes a checker from the text after the first colon ({@code null} when there was no colon).
     * Throws {@link CheckerConfigurationException} with what is wrong; the message never repeats
     * the argument, which may hold passwords.
     */
    CredentialsChecker fromArgument(String argument);

    /** Every kind on the class path, sorted by name. */
    static List<CheckerFactory> available() {
        List<CheckerFactory> factories = new ArrayList<>();
        ServiceLoader.load(CheckerFactory.class, CheckerFactory.class.getClassLoader()).forEach(factories::add);
        factories.sort(Comparator.comparing(CheckerFactory::authType));
        return factories;
    }

    /** Makes the checker {@code description} describes; see the class comment for the forms. */
    static CredentialsChecker fromString(String description) {
        Objects.requireNonNull(description, "description");
        int colon = description.indexOf(':');
        String kind = colon < 0 ? description : description.substring(0, colon);
        String argument = colon < 0 ? null : description.substring(colon + 1);
        List<CheckerFactory> factories = available();
        for (CheckerFactory factory : factories) {
            if (factory.authType().equals(kind)) {
                return factory.fromArgument(argument);
            }
        }
        throw new CheckerConfigurationException("unknown checker kind '" + LogSafe.text(kind)
                + "'; known kinds: " + factories.stream().map(CheckerFactory::authType).collect(Collectors.joining(", ")));
    }
}
