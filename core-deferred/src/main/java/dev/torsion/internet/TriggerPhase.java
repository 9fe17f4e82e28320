package dev.torsion.internet;

/**
 * When a system event trigger runs: {@code BEFORE} triggers run first and the event waits for the
 * Deferreds they return; then {@code DURING}, then {@code AFTER}.
 */
public enum TriggerPhase {
    /** Before the event; may delay it by returning a Deferred. */
    BEFORE,
    /** While the event happens. */
    DURING,
    /** After the event. */
    AFTER
}
