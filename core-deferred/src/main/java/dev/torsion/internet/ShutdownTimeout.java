package dev.torsion.internet;

import java.time.Duration;

/**
 * A reactor whose stop waits a bounded time for its connections to close before it resets those
 * left: the runner sets it from {@code --shutdown-grace}.
 */
public interface ShutdownTimeout {
    /** Sets how long {@code stop()} lets open connections close before it resets them; returns this reactor. */
    Reactor setShutdownTimeout(Duration timeout);
}
