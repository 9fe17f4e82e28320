package dev.torsion.cred.checkers;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.credentials.Anonymous;
import dev.torsion.cred.credentials.Credentials;
import dev.torsion.defer.Deferred;
import java.util.Set;

/** Lets anonymous credentials in as {@link AvatarId#ANONYMOUS}, as Twisted's checker of the same name. */
public final class AllowAnonymousAccess implements CredentialsChecker {
    @Override
    public Set<Class<? extends Credentials>> credentialTypes() {
        return Set.of(Anonymous.class);
    }

    @Override
    public Deferred<AvatarId> requestAvatarId(Credentials credentials) {
        return Deferred.succeed(AvatarId.ANONYMOUS);
    }
}
