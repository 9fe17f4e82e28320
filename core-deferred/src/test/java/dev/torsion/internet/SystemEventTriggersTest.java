package dev.torsion.internet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three phases, waiting on BEFORE Deferreds, removal, and failing triggers. */
class SystemEventTriggersTest {

    @Test
    void beforeDeferredsHoldBackDuringAndAfter() {
        SystemEventTriggers triggers = new SystemEventTriggers();
        List<String> events = new ArrayList<>();
        Deferred<Void> slow = new Deferred<>();
        triggers.add(TriggerPhase.AFTER, SystemEvent.SHUTDOWN, () -> {
            events.add("after");
            return null;
        });
        triggers.add(TriggerPhase.DURING, SystemEvent.SHUTDOWN, () -> {
            events.add("during");
            return null;
        });
        triggers.add(TriggerPhase.BEFORE, SystemEvent.SHUTDOWN, () -> {
            events.add("before slow");
            return slow;
        });
        triggers.add(TriggerPhase.BEFORE, SystemEvent.SHUTDOWN, () -> {
            events.add("before quick");
            return Deferred.succeed(null);
        });
        triggers.add(TriggerPhase.BEFORE, SystemEvent.STARTUP, () -> {
            events.add("startup: must not run");
            return null;
        });
        Deferred<Void> done = triggers.fire(SystemEvent.SHUTDOWN, () -> {
            events.add("reactor's own work");
            return null;
        });
        assertEquals(List.of("before slow", "before quick"), events);
        assertFalse(done.isCalled());
        slow.callback(null);
        assertEquals(List.of("before slow", "before quick", "during", "reactor's own work", "after"), events);
        assertTrue(done.isCalled());
    }

    @Test
    void afterWaitsForTheReactorsDuringWork() {
        SystemEventTriggers triggers = new SystemEventTriggers();
        List<String> events = new ArrayList<>();
        triggers.add(TriggerPhase.AFTER, SystemEvent.SHUTDOWN, () -> {
            events.add("after");
            return null;
        });
        Deferred<Void> closing = new Deferred<>();
        triggers.fire(SystemEvent.SHUTDOWN, () -> closing);
        assertEquals(List.of(), events);
        closing.callback(null);
        assertEquals(List.of("after"), events);
    }

    @Test
    void failingTriggersDoNotStopTheOthersAndRemovedOnesDoNotRun() {
        SystemEventTriggers triggers = new SystemEventTriggers();
        List<String> events = new ArrayList<>();
        triggers.add(TriggerPhase.BEFORE, SystemEvent.STARTUP, () -> {
            throw new IllegalStateException("trigger fails on purpose");
        });
        triggers.add(TriggerPhase.BEFORE, SystemEvent.STARTUP, () -> Deferred.fail(new RuntimeException("async")));
        SystemEventTrigger removed = triggers.add(TriggerPhase.DURING, SystemEvent.STARTUP, () -> {
            events.add("removed");
            return null;
        });
        triggers.add(TriggerPhase.DURING, SystemEvent.STARTUP, () -> {
            events.add("during");
            return null;
        });
        triggers.remove(removed);
        assertThrows(IllegalArgumentException.class, () -> triggers.remove(removed));
        assertThrows(IllegalArgumentException.class, () -> triggers.remove(null));
        assertTrue(triggers.fire(SystemEvent.STARTUP, null).isCalled());
        assertEquals(List.of("during"), events);
    }

    @Test
    void aHandleFromOtherTriggersIsRefusedAndRemovesNothingHere() {
        SystemEventTriggers mine = new SystemEventTriggers();
        SystemEventTriggers theirs = new SystemEventTriggers();
        List<String> events = new ArrayList<>();
        mine.add(TriggerPhase.DURING, SystemEvent.SHUTDOWN, () -> {
            events.add("mine");
            return null;
        });
        SystemEventTrigger foreign = theirs.add(TriggerPhase.DURING, SystemEvent.SHUTDOWN, () -> null);
        assertEquals(TriggerPhase.DURING, foreign.phase());
        assertEquals(SystemEvent.SHUTDOWN, foreign.event());

        assertThrows(IllegalArgumentException.class, () -> mine.remove(foreign));
        assertTrue(mine.fire(SystemEvent.SHUTDOWN, null).isCalled());
        assertEquals(List.of("mine"), events);
    }
}
