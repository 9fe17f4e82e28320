package dev.torsion.app.daemon;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into one clean stop. The JVM's own handling would run shutdown hooks
 * while other threads still run; taking the signals here lets the runner stop the reactors, wait
 * for the services to stop, remove the pid file and log, in that order, before it exits. A second
 * signal while stopping is only logged.
 */
public final class StopSignals {
    private static final Logger log = LoggerFactory.getLogger(StopSignals.class);
    private static final String[] SIGNALS = {"TERM", "INT"};

    private StopSignals() {
    }

    /** Calls {@code stop} with the signal's name (e.g. {@code SIGTERM}) on the first of them. */
    public static void install(Consumer<String> stop) {
        Objects.requireNonNull(stop, "stop");
        AtomicBoolean stopping = new AtomicBoolean();
        for (String name : SIGNALS) {
            Signal.handle(new Signal(name), signal -> {
                String signalName = "SIG" + signal.getName();
                if (stopping.compareAndSet(false, true)) {
                    log.info("received {}, shutting down", signalName);
                    stop.accept(signalName);
                } else {
                    log.info("received {} while already shutting down", signalName);
                }
            });
        }
    }
}
