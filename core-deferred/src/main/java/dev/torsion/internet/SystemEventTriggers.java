package dev.torsion.internet;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system event triggers of one reactor, as Twisted's {@code _ThreePhaseEvent}: a helper for
 * {@link Reactor} implementations. {@link #fire} runs the BEFORE triggers, waits for every Deferred
 * they return, then runs the DURING triggers and the AFTER triggers. A trigger that throws (or
 * whose Deferred fails) is logged and does not stop the others.
 *
 * <p>Not thread-safe: use it on the reactor thread.
 */
public final class SystemEventTriggers {
    private static final Logger log = LoggerFactory.getLogger(SystemEventTriggers.class);

    private final Map<SystemEvent, Map<TriggerPhase, Map<Long, Supplier<? extends Deferred<?>>>>> triggers =
            new EnumMap<>(SystemEvent.class);
    private long nextId;

    /** Adds a trigger and returns the handle for {@link #remove}. */
    public SystemEventTrigger add(TriggerPhase phase, SystemEvent event, Supplier<? extends Deferred<?>> trigger) {
        long id = nextId++;
        triggers.computeIfAbsent(event, e -> new EnumMap<>(TriggerPhase.class))
                .computeIfAbsent(phase, p -> new LinkedHashMap<>())
                .put(id, trigger);
        return new SystemEventTrigger(this, phase, event, id);
    }

    /**
     * Removes a trigger; throws {@link IllegalArgumentException} for a handle removed already or
     * made by another reactor's triggers.
     */
    public void remove(SystemEventTrigger handle) {
        if (handle == null || !handle.belongsTo(this)
                || phase(handle.event(), handle.phase()).remove(handle.id()) == null) {
            throw new IllegalArgumentException("no such system event trigger: " + handle);
        }
    }

    /**
     * Fires {@code event}. {@code during} runs after the user's DURING triggers (the reactor's own
     * work for the event, e.g. closing ports) and may return a Deferred the AFTER phase waits for.
     * The returned Deferred fires (with null) once the AFTER triggers have run.
     */
    public Deferred<Void> fire(SystemEvent event, Supplier<? extends Deferred<?>> during) {
        List<Deferred<?>> waits = runPhase(event, TriggerPhase.BEFORE);
        Deferred<Void> result = new Deferred<>();
        whenAll(waits).addBoth((ignored, failure) -> {
            List<Deferred<?>> duringWaits = runPhase(event, TriggerPhase.DURING);
            if (during != null) {
                duringWaits.add(call(during, event, TriggerPhase.DURING));
            }
            whenAll(duringWaits).addBoth((ignored2, failure2) -> {
                runPhase(event, TriggerPhase.AFTER);
                result.callback(null);
                return null;
            });
            return null;
        });
        return result;
    }

    private Map<Long, Supplier<? extends Deferred<?>>> phase(SystemEvent event, TriggerPhase phase) {
        return triggers.computeIfAbsent(event, e -> new EnumMap<>(TriggerPhase.class))
                .computeIfAbsent(phase, p -> new LinkedHashMap<>());
    }

    private List<Deferred<?>> runPhase(SystemEvent event, TriggerPhase phase) {
        List<Deferred<?>> waits = new ArrayList<>();
        // Copy: a trigger may add or remove triggers while we iterate.
        for (Supplier<? extends Deferred<?>> trigger : new ArrayList<>(phase(event, phase).values())) {
            waits.add(call(trigger, event, phase));
        }
        return waits;
    }

    private static Deferred<?> call(Supplier<? extends Deferred<?>> trigger, SystemEvent event, TriggerPhase phase) {
        try {
            Deferred<?> d = trigger.get();
            if (d == null) {
                return null;
            }
            return d.addErrback(f -> {
                log.error("{} {} trigger failed: {}", phase, event, f.getTraceback());
                return null;
            });
        } catch (RuntimeException e) {
            log.error("{} {} trigger failed", phase, event, e);
            return null;
        }
    }

    /** A Deferred that fires once every non-null Deferred in {@code waits} has fired. */
    private static Deferred<Void> whenAll(List<Deferred<?>> waits) {
        Deferred<Void> all = new Deferred<>();
        int[] pending = {1};
        Runnable done = () -> {
            if (--pending[0] == 0) {
                all.callback(null);
            }
        };
        for (Deferred<?> d : waits) {
            if (d != null) {
                pending[0]++;
                d.addBoth((Object value, Failure failure) -> {
                    done.run();
                    return value;
                });
            }
        }
        done.run();
        return all;
    }
}
