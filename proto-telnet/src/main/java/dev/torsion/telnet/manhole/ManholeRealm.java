package dev.torsion.telnet.manhole;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.LoginFailed;
import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Realm;
import dev.torsion.cred.UnauthorizedLogin;
import dev.torsion.defer.Deferred;
import java.util.List;

/** A realm that lets every authenticated user, and no anonymous one, into the manhole. */
public final class ManholeRealm implements Realm {
    @Override
    public Deferred<LoginResult> requestAvatar(AvatarId avatarId, Object mind, List<Class<?>> interfaces) {
        if (!interfaces.contains(ManholeAvatar.class)) {
            return Deferred.fail(new LoginFailed("the manhole realm serves ManholeAvatar only"));
        }
        if (avatarId.isAnonymous()) {
            return Deferred.fail(new UnauthorizedLogin());
        }
        String name = avatarId.name();
        ManholeAvatar avatar = () -> name;
        return Deferred.succeed(new LoginResult(ManholeAvatar.class, avatar, () -> { }));
    }
}
