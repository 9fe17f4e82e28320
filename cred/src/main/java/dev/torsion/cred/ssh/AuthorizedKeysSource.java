package dev.torsion.cred.ssh;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Where a user's {@code authorized_keys} files are, as Twisted's {@code IAuthorizedKeysDB}. Files
 * that do not exist are skipped; an unknown user has none.
 */
@FunctionalInterface
public interface AuthorizedKeysSource {
    /** The files that may hold {@code username}'s keys (empty for an unknown user). */
    List<Path> authorizedKeysFiles(String username) throws IOException;

    /**
     * The files {@code .ssh/authorized_keys} and {@code .ssh/authorized_keys2} in the directory
     * that {@code homeOf} gives for a user (null for an unknown user).
     */
    static AuthorizedKeysSource inHomeDirectories(Function<String, Path> homeOf) {
        return username -> {
            Path home = homeOf.apply(username);
            if (home == null) {
                return List.of();
            }
            Path ssh = home.resolve(".ssh");
            return List.of(ssh.resolve("authorized_keys"), ssh.resolve("authorized_keys2"));
        };
    }
}
