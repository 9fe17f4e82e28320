package dev.torsion.cred.strcred;

import dev.torsion.cred.checkers.AllowAnonymousAccess;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.cred.credentials.Anonymous;
import dev.torsion.cred.credentials.Credentials;
import java.util.Set;

/** {@code anonymous}: lets anonymous logins in. */
public final class AnonymousCheckerFactory implements CheckerFactory {
    @Override
    public String authType() {
        return "anonymous";
    }

    @Override
    public String help() {
        return "lets anyone in anonymously";
    }

    @Override
    public String argumentHelp() {
        return "";
    }

    @Override
    public Set<Class<? extends Credentials>> credentialTypes() {
        return Set.of(Anonymous.class);
    }

    @Override
    public CredentialsChecker fromArgument(String argument) {
        NoArgument.require(authType(), argument);
        return new AllowAnonymousAccess();
    }
}
