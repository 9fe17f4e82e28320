package dev.torsion.plugin.mail;

import dev.torsion.app.service.BaseService;
import dev.torsion.defer.Deferred;
import dev.torsion.mail.relay.RelayManager;

/** Works the relay queue while the application runs. */
final class RelayService extends BaseService {
    private final RelayManager relay;

    RelayService(RelayManager relay) {
        this.relay = relay;
        setName("relay");
    }

    @Override
    public Deferred<Void> startService() {
        super.startService();
        relay.start();
        return Deferred.succeed(null);
    }

    @Override
    public Deferred<Void> stopService() {
        super.stopService();
        relay.stop();
        return Deferred.succeed(null);
    }
}
