package dev.torsion.app.daemon;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGUSR1 reopens the services' log files, as nginx and twistd take it: a log rotator moves the
 * files away, then sends the signal.
 */
public final class ReopenSignal {
    private static final Logger log = LoggerFactory.getLogger(ReopenSignal.class);

    private ReopenSignal() {
    }

    /** Calls {@code reopen} on each SIGUSR1. */
    public static void install(Runnable reopen) {
        Objects.requireNonNull(reopen, "reopen");
        Signal.handle(new Signal("USR1"), signal -> {
            log.info("received SIGUSR1, reopening the log files");
            reopen.run();
        });
    }
}
