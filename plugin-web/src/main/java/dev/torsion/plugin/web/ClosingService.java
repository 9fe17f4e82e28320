package dev.torsion.plugin.web;

import dev.torsion.app.service.BaseService;
import dev.torsion.app.service.ReopensLogs;
import dev.torsion.defer.Deferred;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.SystemEvent;
import dev.torsion.internet.TriggerPhase;
import java.io.Closeable;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a resource (the access log file) when the application stops, and reopens it on the
 * runner's SIGUSR1 when it can be reopened. When the reactor is
 * shutting down, the close waits for the end of the shutdown, after the last connection is gone:
 * downloads cut by the shutdown are still written to the access log.
 */
final class ClosingService extends BaseService implements ReopensLogs {
    private static final Logger log = LoggerFactory.getLogger(ClosingService.class);

    private final Closeable resource;
    private final Reactor reactor;
    private final Runnable reopen;
    private boolean closed;

    ClosingService(Closeable resource, Reactor reactor) {
        this(resource, reactor, () -> { });
    }

    /** Also runs {@code reopen} when the runner asks the services to reopen their logs. */
    ClosingService(Closeable resource, Reactor reactor, Runnable reopen) {
        this.resource = resource;
        this.reactor = reactor;
        this.reopen = reopen;
    }

    @Override
    public void reopenLogs() {
        if (!closed) {
            reopen.run();
        }
    }

    @Override
    public Deferred<Void> stopService() {
        super.stopService();
        if (reactor.isRunning()) {
            return close();
        }
        reactor.addSystemEventTrigger(TriggerPhase.AFTER, SystemEvent.SHUTDOWN, () -> {
            close().addErrback(failure -> {
                log.warn("cannot close {}: {}", resource, failure.value().toString());
                return null;
            });
            return null;
        });
        return Deferred.succeed(null);
    }

    private Deferred<Void> close() {
        if (closed) {
            return Deferred.succeed(null);
        }
        closed = true;
        try {
            resource.close();
            return Deferred.succeed(null);
        } catch (IOException e) {
            return Deferred.fail(e);
        }
    }
}
