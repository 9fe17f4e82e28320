package dev.torsion.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.app.StartupFailure;
import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.SocketType;
import dev.torsion.internet.endpoints.ServerEndpoint;
import dev.torsion.internet.error.CannotListenError;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListeningServiceTest {
    /** An endpoint that hands out Deferreds the test fires, and counts listens. */
    private static final class ScriptedEndpoint implements ServerEndpoint {
        final List<Deferred<ListeningPort>> listens = new ArrayList<>();
        final List<ProtocolFactory> factories = new ArrayList<>();

        @Override
        public Deferred<ListeningPort> listen(ProtocolFactory factory) {
            factories.add(factory);
            Deferred<ListeningPort> d = new Deferred<>();
            listens.add(d);
            return d;
        }
    }

    /** A port that records being stopped. */
    private static final class FakePort implements ListeningPort {
        int stops;

        @Override
        public Deferred<Void> stopListening() {
            stops++;
            return Deferred.succeed(null);
        }

        @Override
        public Address getHost() {
            return new IPv4Address(SocketType.TCP, "127.0.0.1", 8000);
        }
    }

    private final ScriptedEndpoint endpoint = new ScriptedEndpoint();
    private final ProtocolFactory factory = address -> null;
    private final ListeningService service = new ListeningService(endpoint, factory, "tcp:8000");

    @Test
    void bindsInThePrivilegedStepAndOnlyOnce() {
        Failure[] failure = new Failure[1];
        boolean[] bound = new boolean[1];
        service.privilegedStartService().addBoth((v, f) -> {
            bound[0] = f == null;
            failure[0] = f;
            return null;
        });
        assertEquals(1, endpoint.listens.size());
        assertSame(factory, endpoint.factories.get(0));
        FakePort port = new FakePort();
        endpoint.listens.get(0).callback(port);
        assertTrue(bound[0]);

        service.startService();

        assertEquals(1, endpoint.listens.size(), "start must not listen a second time");
        assertSame(port, service.port());
        assertTrue(service.isRunning());
    }

    @Test
    void startWithoutThePrivilegedStepListens() {
        service.startService();
        assertEquals(1, endpoint.listens.size());
    }

    @Test
    void stopClosesThePort() {
        service.startService();
        FakePort port = new FakePort();
        endpoint.listens.get(0).callback(port);

        service.stopService();

        assertEquals(1, port.stops);
        assertNull(service.port());
    }

    @Test
    void aFailedListenFailsTheStartAndAllowsAnotherTry() {
        Failure[] failure = new Failure[1];
        service.privilegedStartService().addErrback(f -> {
            failure[0] = f;
            return null;
        });
        endpoint.listens.get(0).errback(new CannotListenError("127.0.0.1:8000: address in use", new BindException("in use")));
        assertNotNull(failure[0]);
        // One line for the user: the option and the operating system's reason; the original error as the cause.
        assertEquals(StartupFailure.class, failure[0].type());
        assertEquals("--listen tcp:8000: in use", failure[0].getErrorMessage());
        assertEquals(CannotListenError.class, failure[0].value().getCause().getClass());

        service.startService();
        assertEquals(2, endpoint.listens.size());
    }

    @Test
    void stoppingWhileTheBindIsUnderWayClosesThePortOnceBound() {
        service.startService();
        boolean[] stopped = new boolean[1];
        service.stopService().addCallback(v -> {
            stopped[0] = true;
            return null;
        });
        assertTrue(!stopped[0]);

        FakePort port = new FakePort();
        endpoint.listens.get(0).callback(port);

        assertEquals(1, port.stops);
        assertTrue(stopped[0]);
        assertNull(service.port());
    }

    @Test
    void stoppingAfterAFailedBindIsQuiet() {
        service.startService().addErrback(f -> null);
        endpoint.listens.get(0).errback(new CannotListenError("no"));
        boolean[] stopped = new boolean[1];
        service.stopService().addCallback(v -> {
            stopped[0] = true;
            return null;
        });
        assertTrue(stopped[0]);
    }
}
