package dev.torsion.cred.strcred;

import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.cred.checkers.SshPublicKeyChecker;
import dev.torsion.cred.credentials.Credentials;
import dev.torsion.cred.credentials.SshPublicKey;
import java.util.Set;

/** {@code sshkey}: SSH public keys from each user's {@code ~/.ssh/authorized_keys}. */
public final class SshKeyCheckerFactory implements CheckerFactory {
    @Override
    public String authType() {
        return "sshkey";
    }

    @Override
    public String help() {
        return "SSH public keys from each user's ~/.ssh/authorized_keys (home from /etc/passwd)";
    }

    @Override
    public String argumentHelp() {
        return "";
    }

    @Override
    public Set<Class<? extends Credentials>> credentialTypes() {
        return Set.of(SshPublicKey.class);
    }

    @Override
    public CredentialsChecker fromArgument(String argument) {
        NoArgument.require(authType(), argument);
        return new SshPublicKeyChecker();
    }
}
