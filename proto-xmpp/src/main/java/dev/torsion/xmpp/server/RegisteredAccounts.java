package dev.torsion.xmpp.server;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.UnauthorizedLogin;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.cred.credentials.Credentials;
import dev.torsion.cred.credentials.UsernameHashedPassword;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.defer.Deferred;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accounts that in-band registration (XEP-0077) creates, kept in memory (lost at exit), and the
 * cred checker that logs them in: plain passwords are held, so SCRAM proofs can be checked.
 */
public final class RegisteredAccounts implements CredentialsChecker {
    private static final byte[] NO_PASSWORD = {0};
    private final Map<String, byte[]> accounts = new ConcurrentHashMap<>();

    /** Adds an account unless one of that name exists; true when it was added. */
    public boolean register(String username, byte[] password) {
        if (username.isEmpty() || password.length == 0) {
            throw new IllegalArgumentException("empty user name or password");
        }
        return accounts.putIfAbsent(username, password.clone()) == null;
    }

    /** Removes an account; true when there was one. */
    public boolean remove(String username) {
        return accounts.remove(username) != null;
    }

    /** Adds an account with a password given as text (start-up accounts). */
    public RegisteredAccounts add(String username, String password) {
        register(username, password.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    @Override
    public Set<Class<? extends Credentials>> credentialTypes() {
        return Set.of(UsernamePassword.class, UsernameHashedPassword.class);
    }

    @Override
    public Deferred<AvatarId> requestAvatarId(Credentials credentials) {
        UsernameHashedPassword given = (UsernameHashedPassword) credentials;
        byte[] password = accounts.get(given.username());
        // An unknown user is checked against a dummy password too, so both take the same time.
        boolean matches = given.checkPassword(password == null ? NO_PASSWORD : password);
        return password != null && matches ? Deferred.succeed(AvatarId.of(given.username())) : Deferred.fail(new UnauthorizedLogin());
    }
}
