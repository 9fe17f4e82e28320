package dev.torsion.xmpp.server;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Realm;
import dev.torsion.defer.Deferred;
import java.util.List;

/** A realm whose avatar is the {@link XmppAccount} of the checked user name: every checked user may chat. */
public final class XmppRealm implements Realm {
    @Override
    public Deferred<LoginResult> requestAvatar(AvatarId avatarId, Object mind, List<Class<?>> interfaces) {
        if (!interfaces.contains(XmppAccount.class) || avatarId.name() == null) {
            return Deferred.fail(new IllegalArgumentException("the XMPP realm serves named XmppAccount avatars only"));
        }
        return Deferred.succeed(new LoginResult(XmppAccount.class, new XmppAccount(avatarId.name()), () -> { }));
    }
}
