package dev.torsion.smtp.support;

import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.defer.Deferred;
import dev.torsion.time.Clock;
import java.time.Duration;

/** A portal with alice/secret and a UTF-8 user, answering at once (no failure delay). */
public final class TestPortals {
    private TestPortals() {
    }

    public static Portal portal(Clock clock) {
        InMemoryUsernamePasswordDatabaseDontUse users = new InMemoryUsernamePasswordDatabaseDontUse()
                .addUser("alice", "secret")
                .addUser("jösé", "pässwörd:with colon");
        Portal portal = new Portal((id, mind, interfaces) -> Deferred.succeed(new LoginResult(interfaces.get(0), id, () -> { })),
                clock, users);
        portal.setFailureDelay(Duration.ZERO);
        return portal;
    }
}
