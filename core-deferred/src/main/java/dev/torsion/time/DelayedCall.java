package dev.torsion.time;

import java.time.Duration;

/** A call scheduled with {@link Clock#callLater}: Twisted's {@code IDelayedCall}. */
public interface DelayedCall {
    /** When the call is due, on its clock's {@link Clock#nanoTime()} scale. */
    long time();

    /** Whether the call is still to run: neither run nor cancelled. */
    boolean active();

    /** Whether the call has run. */
    boolean called();

    /** Whether the call was cancelled. */
    boolean cancelled();

    /** Stops the call from running. Throws {@link IllegalStateException} when it is no longer active. */
    void cancel();

    /** Reschedules the call to run {@code delay} from now. Throws {@link IllegalStateException} when inactive. */
    void reset(Duration delay);

    /** Postpones the call by {@code extra}. Throws {@link IllegalStateException} when inactive. */
    void delay(Duration extra);
}
