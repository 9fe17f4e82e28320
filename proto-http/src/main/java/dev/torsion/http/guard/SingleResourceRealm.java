package dev.torsion.http.guard;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Realm;
import dev.torsion.defer.Deferred;
import dev.torsion.http.resource.Resource;
import java.util.List;
import java.util.Objects;

/**
 * A realm that gives every authenticated user the same {@link Resource}: a directory protected as
 * a whole (what {@code torsion web --auth} serves). Per-user trees need a realm of their own.
 */
public final class SingleResourceRealm implements Realm {
    private final Resource resource;

    /** A realm whose avatar is always {@code resource}. */
    public SingleResourceRealm(Resource resource) {
        this.resource = Objects.requireNonNull(resource, "resource");
    }

    @Override
    public Deferred<LoginResult> requestAvatar(AvatarId avatarId, Object mind, List<Class<?>> interfaces) {
        if (!interfaces.contains(Resource.class)) {
            // As Twisted's realms refuse an interface they do not provide: the login fails.
            return Deferred.fail(new IllegalArgumentException("this realm gives only " + Resource.class.getName()
                    + ", not any of " + interfaces));
        }
        return Deferred.succeed(new LoginResult(Resource.class, resource, () -> { }));
    }
}
