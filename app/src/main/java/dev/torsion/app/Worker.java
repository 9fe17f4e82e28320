package dev.torsion.app;

import dev.torsion.app.service.ConnectionTracker;
import dev.torsion.app.service.MultiService;
import dev.torsion.app.service.ReopensLogs;
import dev.torsion.app.service.Service;
import dev.torsion.defer.Deferred;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.SystemEvent;
import dev.torsion.internet.TriggerPhase;
import dev.torsion.internet.error.ReactorNotRunning;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reactor of the runner with its own service tree, on its own thread. The runner drives the
 * start from its main thread; everything that touches the services runs on the reactor thread.
 */
final class Worker {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    private final int index;
    private final Reactor reactor;
    private final MultiService root = new MultiService();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean crashed;

    /**
     * Builds the plugin's services for {@code reactor}; throws what the plugin throws. When the
     * reactor stops, connections get {@code grace} to finish; those left are cut and logged.
     */
    Worker(int index, Reactor reactor, RunnerPlugin plugin, Duration grace) throws Exception {
        this.index = index;
        this.reactor = reactor;
        Service service = plugin.makeService(reactor);
        service.setServiceParent(root);
        reactor.addSystemEventTrigger(TriggerPhase.BEFORE, SystemEvent.SHUTDOWN, () -> {
            reactor.callLater(grace, () -> ConnectionTracker.of(reactor).cutAll(grace));
            return null;
        });
        // Twisted stops the application before the reactor shuts down, waiting for its Deferred.
        reactor.addSystemEventTrigger(TriggerPhase.BEFORE, SystemEvent.SHUTDOWN, root::stopService);
        this.thread = new Thread(this::runReactor, "torsion-worker-" + index);
    }

    /** Starts the reactor thread. */
    void start() {
        thread.start();
    }

    private void runReactor() {
        try {
            reactor.run();
        } catch (RuntimeException | Error e) {
            crashed = true;
            log.error("reactor {} failed", index, e);
        } finally {
            ended.complete(null);
        }
    }

    /** Opens this worker's ports (as root, if root it is). */
    CompletableFuture<Void> privilegedStart() {
        return onReactor(root::privilegedStartService);
    }

    /** Starts this worker's services once privileges are dropped. */
    CompletableFuture<Void> startServices() {
        return onReactor(root::startService);
    }

    /** Runs a step on the reactor thread once it runs; the future completes when its Deferred fires. */
    private CompletableFuture<Void> onReactor(Supplier<Deferred<Void>> step) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        reactor.callFromThread(() -> {
            Deferred<Void> result;
            try {
                result = step.get();
            } catch (RuntimeException e) {
                result = Deferred.fail(e);
            }
            result.addBoth((value, failure) -> {
                if (failure != null) {
                    done.completeExceptionally(failure.value());
                } else {
                    done.complete(null);
                }
                return null;
            });
        });
        return done;
    }

    /** Asks the reactor to stop (from any thread); harmless when it has stopped already. */
    /** Asks every service of this worker that writes a log of its own to reopen it (SIGUSR1), on the reactor thread. */
    void reopenLogs() {
        reactor.callFromThread(() -> reopenLogs(root));
    }

    private static void reopenLogs(Service service) {
        if (service instanceof ReopensLogs reopening) {
            reopening.reopenLogs();
        }
        if (service instanceof MultiService parent) {
            for (Service child : parent.services()) {
                reopenLogs(child);
            }
        }
    }

    void stop() {
        if (ended.isDone()) {
            return;
        }
        try {
            reactor.callWhenRunning(this::stopOnReactor);
        } catch (RuntimeException finishedMeanwhile) {
            // The loop terminated between the check and the call: it is stopped, as asked.
            log.debug("reactor {} already stopped: {}", index, finishedMeanwhile.toString());
        }
    }

    private void stopOnReactor() {
        if (reactor.isRunning()) {
            try {
                reactor.stop();
            } catch (ReactorNotRunning alreadyStopping) {
                // Another stop got there first.
            }
        }
    }

    /** Completes when the reactor thread has returned. */
    CompletableFuture<Void> ended() {
        return ended;
    }

    /** Whether the reactor thread ended with an exception. */
    boolean crashed() {
        return crashed;
    }

    /** The event loop's kind, for the start-up log line. */
    String reactorKind() {
        return reactor.kind();
    }

    /** The thread that runs the reactor (for the watchdog's report). */
    Thread thread() {
        return thread;
    }

    /** Waits for the reactor thread to return. */
    void join() throws InterruptedException {
        if (thread.isAlive() || thread.getState() != Thread.State.NEW) {
            thread.join();
        }
    }

    /** Waits for the reactor thread, keeping the interrupt for the caller. */
    void joinQuietly() {
        try {
            join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
