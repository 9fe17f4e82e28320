package dev.torsion.internet;

/**
 * The handle {@link Reactor#addSystemEventTrigger} returns: give it to
 * {@link Reactor#removeSystemEventTrigger} to remove that trigger. It belongs to the reactor that
 * made it; another reactor refuses it.
 */
public final class SystemEventTrigger {
    private final Object owner;
    private final TriggerPhase phase;
    private final SystemEvent event;
    private final long id;

    SystemEventTrigger(Object owner, TriggerPhase phase, SystemEvent event, long id) {
        this.owner = owner;
        this.phase = phase;
        this.event = event;
        this.id = id;
    }

    /** When the trigger runs. */
    public TriggerPhase phase() {
        return phase;
    }

    /** For which event the trigger runs. */
    public SystemEvent event() {
        return event;
    }

    boolean belongsTo(Object triggers) {
        return owner == triggers;
    }

    long id() {
        return id;
    }

    @Override
    public String toString() {
        return "SystemEventTrigger[" + phase + " " + event + " #" + id + "]";
    }
}
