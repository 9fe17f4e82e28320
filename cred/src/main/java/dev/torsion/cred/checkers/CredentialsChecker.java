package dev.torsion.cred.checkers;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.credentials.Credentials;
import dev.torsion.defer.Deferred;
import java.util.Set;

/**
 * Decides who presented some credentials, as Twisted's {@code ICredentialsChecker}. A checker
 * declares the credential kinds it handles; {@link #requestAvatarId} fires with the id of the user,
 * or fails with {@link dev.torsion.cred.UnauthorizedLogin} (always the same message, whether the
 * user is unknown or the secret wrong).
 */
public interface CredentialsChecker {
    /** The credential kinds (classes or interfaces) this checker handles. */
    Set<Class<? extends Credentials>> credentialTypes();

    /** Checks {@code credentials}, one of {@link #credentialTypes()}, and gives the user's id. */
    Deferred<AvatarId> requestAvatarId(Credentials credentials);
}
