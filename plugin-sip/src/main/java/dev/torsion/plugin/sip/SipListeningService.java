package dev.torsion.plugin.sip;

import dev.torsion.app.service.BaseService;
import dev.torsion.defer.Deferred;
import dev.torsion.internet.ListeningPort;
import java.util.function.Supplier;

/** One UDP or TCP port of the SIP server, bound while the application runs. */
final class SipListeningService extends BaseService {
    private final String endpoint;
    private final Supplier<ListeningPort> bind;
    private ListeningPort listening;

    SipListeningService(String endpoint, Supplier<ListeningPort> bind) {
        this.endpoint = endpoint;
        this.bind = bind;
    }

    /** Binds in the privileged step, so port 5060 can be bound before privileges are dropped. */
    @Override
    public Deferred<Void> privilegedStartService() {
        if (listening == null) {
            listening = bind.get();
        }
        return Deferred.succeed(null);
    }

    @Override
    public Deferred<Void> startService() {
        privilegedStartService();
        return super.startService();
    }

    @Override
    public Deferred<Void> stopService() {
        super.stopService();
        ListeningPort bound = listening;
        listening = null;
        return bound == null ? Deferred.succeed(null) : bound.stopListening();
    }

    @Override
    protected String describe() {
        return endpoint;
    }
}
