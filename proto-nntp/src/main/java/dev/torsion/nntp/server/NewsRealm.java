package dev.torsion.nntp.server;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Realm;
import dev.torsion.defer.Deferred;
import java.util.List;

/** A realm that gives every authenticated user a {@link NewsUser} who may read, post and feed. */
public final class NewsRealm implements Realm {
    @Override
    public Deferred<LoginResult> requestAvatar(AvatarId avatarId, Object mind, List<Class<?>> interfaces) {
        if (!interfaces.contains(NewsUser.class)) {
            return Deferred.fail(new IllegalArgumentException("the news realm gives NewsUser avatars only"));
        }
        return Deferred.succeed(new LoginResult(NewsUser.class, NewsUser.full(avatarId.name()), () -> { }));
    }
}
