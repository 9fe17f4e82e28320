package dev.torsion.cred.strcred;

import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.cred.checkers.UnixAccountChecker;
import dev.torsion.cred.credentials.Credentials;
import dev.torsion.cred.credentials.UsernamePassword;
import java.util.Set;

/** {@code unix}: the machine's accounts, through {@code /etc/passwd} and {@code /etc/shadow}. */
public final class UnixCheckerFactory implements CheckerFactory {
    @Override
    public String authType() {
        return "unix";
    }

    @Override
    public String help() {
        return "the machine's UNIX accounts (/etc/passwd and /etc/shadow; needs root or group shadow)";
    }

    @Override
    public String argumentHelp() {
        return "";
    }

    @Override
    public Set<Class<? extends Credentials>> credentialTypes() {
        return Set.of(UsernamePassword.class);
    }

    @Override
    public CredentialsChecker fromArgument(String argument) {
        NoArgument.require(authType(), argument);
        return new UnixAccountChecker();
    }
}
