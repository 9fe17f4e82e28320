package dev.torsion.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiServiceTest {
    private final List<String> events = new ArrayList<>();

    /** Records its calls; its start and stop finish when the test fires the Deferreds it keeps. */
    private final class Recording extends BaseService {
        final String label;
        Deferred<Void> pendingStart;
        Deferred<Void> pendingStop;
        boolean manual;
        RuntimeException stopError;

        Recording(String label) {
            this.label = label;
            setName(label);
        }

        @Override
        public Deferred<Void> privilegedStartService() {
            events.add("privileged " + label);
            return Deferred.succeed(null);
        }

        @Override
        public Deferred<Void> startService() {
            super.startService();
            events.add("start " + label);
            if (manual) {
                pendingStart = new Deferred<>();
                return pendingStart;
            }
            return Deferred.succeed(null);
        }

        @Override
        public Deferred<Void> stopService() {
            super.stopService();
            events.add("stop " + label);
            if (stopError != null) {
                return Deferred.fail(stopError);
            }
            if (manual) {
                pendingStop = new Deferred<>();
                return pendingStop;
            }
            return Deferred.succeed(null);
        }
    }

    private static <T> Object[] outcome(Deferred<T> deferred) {
        Object[] result = new Object[3];
        deferred.addBoth((value, failure) -> {
            result[0] = value;
            result[1] = failure;
            result[2] = Boolean.TRUE;
            return null;
        });
        return result;
    }

    @Test
    void startsInOrderAndStopsInReverse() {
        MultiService root = new MultiService();
        new Recording("a").setServiceParent(root);
        new Recording("b").setServiceParent(root);
        new Recording("c").setServiceParent(root);

        root.privilegedStartService();
        root.startService();
        root.stopService();

        assertEquals(List.of("privileged a", "privileged b", "privileged c", "start a", "start b", "start c",
                "stop c", "stop b", "stop a"), events);
        assertFalse(root.isRunning());
    }

    @Test
    void waitsForEachChildBeforeTheNext() {
        MultiService root = new MultiService();
        Recording a = new Recording("a");
        a.manual = true;
        a.setServiceParent(root);
        Recording b = new Recording("b");
        b.manual = true;
        b.setServiceParent(root);

        Object[] started = outcome(root.startService());
        assertEquals(List.of("start a"), events);
        a.pendingStart.callback(null);
        assertEquals(List.of("start a", "start b"), events);
        assertFalse(outcomeFired(started));
        b.pendingStart.callback(null);
        assertTrue(outcomeFired(started));

        Object[] stopped = outcome(root.stopService());
        assertEquals("stop b", events.get(events.size() - 1));
        b.pendingStop.callback(null);
        assertEquals("stop a", events.get(events.size() - 1));
        assertFalse(outcomeFired(stopped));
        a.pendingStop.callback(null);
        assertTrue(outcomeFired(stopped));
        assertNull(stopped[1]);
    }

    private static boolean outcomeFired(Object[] outcome) {
        return outcome[2] == Boolean.TRUE;
    }

    @Test
    void aFailedStartStopsTheWalkAndFails() {
        MultiService root = new MultiService();
        Recording a = new Recording("a");
        a.manual = true;
        a.setServiceParent(root);
        new Recording("b").setServiceParent(root);

        Object[] started = outcome(root.startService());
        a.pendingStart.errback(new IllegalStateException("port taken"));

        assertEquals(List.of("start a"), events);
        Failure failure = (Failure) started[1];
        assertEquals(IllegalStateException.class, failure.type());
    }

    @Test
    void aFailedStopStillStopsTheOthersAndReportsTheFirstFailure() {
        MultiService root = new MultiService();
        Recording a = new Recording("a");
        a.setServiceParent(root);
        Recording b = new Recording("b");
        b.stopError = new IllegalStateException("b would not stop");
        b.setServiceParent(root);
        root.startService();

        Object[] stopped = outcome(root.stopService());

        assertEquals(List.of("start a", "start b", "stop b", "stop a"), events);
        assertEquals("b would not stop", ((Failure) stopped[1]).value().getMessage());
        assertFalse(a.isRunning());
    }

    @Test
    void aChildAddedToARunningParentStartsAndRemovingItStopsIt() {
        MultiService root = new MultiService();
        root.startService();
        Recording late = new Recording("late");
        late.setServiceParent(root);
        assertTrue(late.isRunning());
        assertEquals(List.of("privileged late", "start late"), events);
        assertSame(root, late.parent());
        assertSame(late, root.getServiceNamed("late"));

        late.disownServiceParent();

        assertFalse(late.isRunning());
        assertNull(late.parent());
        assertThrows(IllegalArgumentException.class, () -> root.getServiceNamed("late"));
    }

    @Test
    void namesAreUniqueAndParentsSingle() {
        MultiService root = new MultiService();
        new Recording("x").setServiceParent(root);
        assertThrows(IllegalArgumentException.class, () -> new Recording("x").setServiceParent(root));
        Recording y = new Recording("y");
        y.setServiceParent(root);
        assertThrows(IllegalStateException.class, () -> y.setServiceParent(new MultiService()));
        assertThrows(IllegalStateException.class, () -> y.setName("z"));
    }

    @Test
    void nestedServicesStopDepthFirstInReverse() {
        MultiService root = new MultiService();
        new Recording("a").setServiceParent(root);
        MultiService inner = new MultiService();
        inner.setServiceParent(root);
        new Recording("b").setServiceParent(inner);
        new Recording("c").setServiceParent(inner);

        root.startService();
        root.stopService();

        assertEquals(List.of("start a", "start b", "start c", "stop c", "stop b", "stop a"), events);
    }

    @Test
    void manyChildrenDoNotOverflowTheStack() {
        MultiService root = new MultiService();
        for (int i = 0; i < 20_000; i++) {
            new BaseService().setServiceParent(root);
        }
        Object[] started = outcome(root.startService());
        assertTrue(outcomeFired(started));
        assertNull(started[1]);
        assertTrue(root.services().stream().allMatch(Service::isRunning));
    }
}
