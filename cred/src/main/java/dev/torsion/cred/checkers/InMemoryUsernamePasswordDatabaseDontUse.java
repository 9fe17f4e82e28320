package dev.torsion.cred.checkers;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.UnauthorizedLogin;
import dev.torsion.cred.credentials.Credentials;
import dev.torsion.cred.credentials.UsernameHashedPassword;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.defer.Deferred;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plain passwords held in memory, as Twisted's checker of the same name: for tests and demos only,
 * never for production (the passwords sit in the heap in clear, and nothing persists them). It
 * handles plain passwords and hashed proofs such as CRAM-MD5.
 */
public final class InMemoryUsernamePasswordDatabaseDontUse implements CredentialsChecker {
    private static final byte[] NO_PASSWORD = new byte[] {0};
    private final Map<String, byte[]> users = new ConcurrentHashMap<>();

    /** An empty database. */
    public InMemoryUsernamePasswordDatabaseDontUse() {
    }

    /** Adds or replaces a user with a password given as characters. */
    public InMemoryUsernamePasswordDatabaseDontUse addUser(String username, char[] password) {
        return addUser(username, new UsernamePassword(username, password).password());
    }

    /** Adds or replaces a user with a password given as UTF-8 bytes (copied). */
    public InMemoryUsernamePasswordDatabaseDontUse addUser(String username, byte[] password) {
        if (username == null || username.isEmpty()) {
            throw new IllegalArgumentException("empty user name");
        }
        users.put(username, password.clone());
        return this;
    }

    /** Adds or replaces a user with a password given as a String (convenient for tests). */
    public InMemoryUsernamePasswordDatabaseDontUse addUser(String username, String password) {
        return addUser(username, password.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Set<Class<? extends Credentials>> credentialTypes() {
        return Set.of(UsernamePassword.class, UsernameHashedPassword.class);
    }

    @Override
    public Deferred<AvatarId> requestAvatarId(Credentials credentials) {
        UsernameHashedPassword given = (UsernameHashedPassword) credentials;
        byte[] password = users.get(given.username());
        // Check an unknown user against a dummy password as well, so both take the same time.
        boolean matches = given.checkPassword(password == null ? NO_PASSWORD : password);
        if (password != null && matches) {
            return Deferred.succeed(AvatarId.of(given.username()));
        }
        return Deferred.fail(new UnauthorizedLogin());
    }
}
