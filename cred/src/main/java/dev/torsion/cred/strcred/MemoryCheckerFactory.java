package dev.torsion.cred.strcred;

import dev.torsion.cred.CheckerConfigurationException;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.cred.credentials.Credentials;
import java.util.Set;

/** {@code memory:user:password[:user:password...]}: plain passwords in memory, for tests and demos. */
public final class MemoryCheckerFactory implements CheckerFactory {
    @Override
    public String authType() {
        return "memory";
    }

    @Override
    public String help() {
        return "users and plain passwords given on the command line (tests and demos only)";
    }

    @Override
    public String argumentHelp() {
        return "USER:PASSWORD[:USER:PASSWORD...]";
    }

    @Override
    public Set<Class<? extends Credentials>> credentialTypes() {
        return new InMemoryUsernamePasswordDatabaseDontUse().credentialTypes();
    }

    @Override
    public CredentialsChecker fromArgument(String argument) {
        if (argument == null || argument.isEmpty()) {
            throw new CheckerConfigurationException("memory: needs USER:PASSWORD pairs, e.g. memory:alice:secret");
        }
        String[] fields = argument.split(":", -1);
        if (fields.length % 2 != 0) {
            throw new CheckerConfigurationException("memory: needs USER:PASSWORD pairs, but a user has no password");
        }
        InMemoryUsernamePasswordDatabaseDontUse checker = new InMemoryUsernamePasswordDatabaseDontUse();
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i].isEmpty()) {
                throw new CheckerConfigurationException("memory: user " + (i / 2 + 1) + " has an empty name");
            }
            checker.addUser(fields[i], fields[i + 1]);
        }
        return checker;
    }
}
