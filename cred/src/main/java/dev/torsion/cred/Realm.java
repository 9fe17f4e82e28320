package dev.torsion.cred;

import dev.torsion.defer.Deferred;
import java.util.List;

/**
 * Makes the avatar of an authenticated user, as Twisted's {@code IRealm}: the object through which
 * the server acts for that user (a mailbox, a shell, a web resource).
 */
@FunctionalInterface
public interface Realm {
    /**
     * Gives the avatar of {@code avatarId} for one of {@code interfaces} (in the caller's order of
     * preference), or fails when the realm can serve none of them.
     *
     * @param avatarId who logged in
     * @param mind an object of the protocol's choice that represents the client (may be null)
     * @param interfaces what the protocol can use, most preferred first
     */
    Deferred<LoginResult> requestAvatar(AvatarId avatarId, Object mind, List<Class<?>> interfaces);
}
