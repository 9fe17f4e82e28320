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

    /** The portal. */
    public Logins() {
        portal = new Portal((id, mind, interfaces) -> Deferred.succeed(
                new LoginResult(SocksUser.class, new SocksUser() { }, logouts::incrementAndGet)),
                new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice", "s3cret"));
        portal.setFailureDelay(Duration.ZERO);
    }
}
