package dev.torsion.socks.support;

import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.defer.Deferred;
import dev.torsion.socks.server.SocksUser;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** A portal that knows alice/s3cret and fails refused logins at once; counts logouts. */
public final class Logins {
    public final AtomicInteger logouts = new AtomicInteger();
    public final Portal portal;

    /** The portal, with a user who may go anywhere. */
    public Logins() {
        this(new SocksUser() { });
    }

    /** The portal, whose realm gives {@code user} as the avatar. */
    public Logins(SocksUser user) {
        portal = new Portal((id, mind, interfaces) -> Deferred.succeed(
                new LoginResult(SocksUser.class, user, logouts::incrementAndGet)),
                new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice", "s3cret"));
        portal.setFailureDelay(Duration.ZERO);
    }
}
