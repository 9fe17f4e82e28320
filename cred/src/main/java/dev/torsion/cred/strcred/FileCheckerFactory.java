package dev.torsion.cred.strcred;

import dev.torsion.cred.CheckerConfigurationException;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.cred.checkers.FilePasswordDatabase;
import dev.torsion.cred.credentials.Credentials;
import dev.torsion.cred.credentials.UsernamePassword;
import java.nio.file.InvalidPathException;
import java.nio.file.Paths;
import java.util.Set;

/**
 * {@code file:PATH}: a file of {@code user:hash} lines with crypt(3) or Apache {@code htpasswd} hashes
 * ({@link FilePasswordDatabase}); plain text is always refused here.
 */
public final class FileCheckerFactory implements CheckerFactory {
    @Override
    public String authType() {
        return "file";
    }

    @Override
    public String help() {
        return "a file of user:hash lines (crypt $6$/$5$/$y$/$2b$... or htpasswd $2y$/$apr1$/{SHA} hashes,"
                + " e.g. from 'htpasswd -B' or 'openssl passwd -6'; plain text refused)";
    }

    @Override
    public String argumentHelp() {
        return "PATH";
    }

    @Override
    public Set<Class<? extends Credentials>> credentialTypes() {
        return Set.of(UsernamePassword.class);
    }

    @Override
    public CredentialsChecker fromArgument(String argument) {
        if (argument == null || argument.isEmpty()) {
            throw new CheckerConfigurationException("file: needs the password file's path, e.g. file:/etc/torsion/passwd");
        }
        try {
            return new FilePasswordDatabase(Paths.get(argument));
        } catch (InvalidPathException e) {
            throw new CheckerConfigurationException("file: not a valid path: " + e.getReason());
        }
    }
}
