package dev.torsion.plugin.dns;

import dev.torsion.app.service.BaseService;
import dev.torsion.defer.Deferred;
import dev.torsion.dns.server.SecondaryZone;

/** Starts a secondary zone's first transfer once the reactor runs, and stops its timers at the end. */
final class SecondaryService extends BaseService {
    private final SecondaryZone secondary;

    SecondaryService(SecondaryZone secondary) {
        this.secondary = secondary;
    }

    @Override
    public Deferred<Void> startService() {
        super.startService();
        // Not waited for: a primary that is down must not stop the server from starting (it answers SERVFAIL meanwhile).
        secondary.start();
        return Deferred.succeed(null);
    }

    @Override
    public Deferred<Void> stopService() {
        secondary.stop();
        return super.stopService();
    }
}
