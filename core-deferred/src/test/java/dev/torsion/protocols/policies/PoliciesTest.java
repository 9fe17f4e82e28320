package dev.torsion.protocols.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.PushProducer;
import dev.torsion.internet.SocketType;
import dev.torsion.testing.IOPump;
import dev.torsion.testing.StringTransport;
import dev.torsion.testing.StringTransportWithDisconnection;
import dev.torsion.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoliciesTest {
    static final class Recorder extends Protocol {
        final List<String> events = new ArrayList<>();

        @Override
        public void connectionMade() {
            events.add("made");
        }

        @Override
        public void dataReceived(byte[] data) {
            events.add("data " + new String(data, StandardCharsets.UTF_8));
        }

        @Override
        public void connectionLost(Failure reason) {
            events.add("lost " + reason.type().getSimpleName());
        }
    }

    private static IPv4Address peer(String host, int port) {
        return new IPv4Address(SocketType.TCP, host, port);
    }

    /** Builds a protocol from {@code factory} for {@code from} and connects it on a disconnecting transport. */
    private static StringTransportWithDisconnection connect(ProtocolFactory factory, Address from) {
        Protocol protocol = factory.buildProtocol(from);
        StringTransportWithDisconnection transport =
                new StringTransportWithDisconnection(new IPv4Address(SocketType.TCP, "127.0.0.1", 80), from);
        transport.connect(protocol);
        return transport;
    }

    @Test
    void wrapperPassesEverythingThrough() {
        Recorder inner = new Recorder();
        WrappingFactory factory = new WrappingFactory(address -> inner);
        ProtocolWrapper wrapper = (ProtocolWrapper) factory.buildProtocol(peer("127.0.0.1", 1));
        StringTransport transport = new StringTransport();
        wrapper.makeConnection(transport);
        assertSame(wrapper, inner.transport());
        assertEquals(List.of(wrapper), List.copyOf(factory.protocols()));
        wrapper.dataReceived("hi".getBytes(StandardCharsets.UTF_8));
        inner.transport().write("back".getBytes(StandardCharsets.UTF_8));
        inner.transport().writeSequence(List.of("1".getBytes(), "2".getBytes()));
        assertEquals("back12", transport.valueAsString());
        assertEquals(transport.getPeer(), inner.transport().getPeer());
        inner.transport().pauseProducing();
        assertEquals(StringTransport.ProducerState.PAUSED, transport.producerState());
        inner.transport().loseConnection();
        assertTrue(transport.isDisconnecting());
        transport.closeConnection(wrapper, true);
        assertEquals(List.of("made", "data hi", "lost ConnectionDone"), inner.events);
        assertTrue(factory.protocols().isEmpty());
    }

    @Test
    void wrapperClosesOnHalfCloseWhenWrappedCannotHalfClose() {
        WrappingFactory factory = new WrappingFactory(address -> new Recorder());
        ProtocolWrapper wrapper = (ProtocolWrapper) factory.buildProtocol(peer("127.0.0.1", 1));
        StringTransport transport = new StringTransport();
        wrapper.makeConnection(transport);
        wrapper.readConnectionLost();
        assertTrue(transport.isDisconnecting());
    }

    @Test
    void refusalByWrappedFactoryPassesThrough() {
        WrappingFactory factory = new WrappingFactory(address -> null);
        assertNull(factory.buildProtocol(peer("127.0.0.1", 1)));
    }

    @Test
    void totalLimit() {
        List<Recorder> built = new ArrayList<>();
        ConnectionLimitingFactory factory = new ConnectionLimitingFactory(address -> {
            Recorder r = new Recorder();
            built.add(r);
            return r;
        }, 2, ConnectionLimitingFactory.UNLIMITED);
        StringTransportWithDisconnection first = connect(factory, peer("10.0.0.1", 1));
        connect(factory, peer("10.0.0.2", 1));
        StringTransportWithDisconnection refused = connect(factory, peer("10.0.0.3", 1));
        assertEquals(2, built.size(), "the wrapped factory never sees a refused connection");
        assertTrue(refused.isDisconnecting(), "refused connections are closed at once");
        assertEquals(2, factory.openConnections());

        first.loseConnection();
        assertEquals(1, factory.openConnections());
        StringTransportWithDisconnection third = connect(factory, peer("10.0.0.3", 1));
        assertFalse(third.isDisconnecting());
        assertEquals(3, built.size());
    }

    @Test
    void perPeerLimit() {
        ConnectionLimitingFactory factory = new ConnectionLimitingFactory(address -> new Recorder(), 100, 2);
        StringTransportWithDisconnection a1 = connect(factory, peer("10.0.0.1", 1000));
        StringTransportWithDisconnection a2 = connect(factory, peer("10.0.0.1", 1001));
        StringTransportWithDisconnection a3 = connect(factory, peer("10.0.0.1", 1002));
        StringTransportWithDisconnection b1 = connect(factory, peer("10.0.0.2", 1000));
        assertFalse(a1.isDisconnecting());
        assertFalse(a2.isDisconnecting());
        assertTrue(a3.isDisconnecting(), "third from the same host");
        assertFalse(b1.isDisconnecting(), "another host is not limited by the first");
        assertEquals(2, factory.openConnectionsFrom("10.0.0.1"));
        a1.abortConnection();
        assertEquals(1, factory.openConnectionsFrom("10.0.0.1"));
        assertFalse(connect(factory, peer("10.0.0.1", 1003)).isDisconnecting());
        assertThrows(IllegalArgumentException.class, () -> new ConnectionLimitingFactory(a -> null, 0, 1));
    }

    /** A push producer that records how it is driven. */
    static final class Producer implements PushProducer {
        final List<String> calls = new ArrayList<>();

        @Override
        public void pauseProducing() {
            calls.add("pause");
        }

        @Override
        public void resumeProducing() {
            calls.add("resume");
        }

        @Override
        public void stopProducing() {
            calls.add("stop");
        }
    }

    @Test
    void readThrottlingPausesTransportsForTheExcess() {
        TestClock clock = new TestClock();
        ThrottlingFactory factory = new ThrottlingFactory(address -> new Recorder(), clock, 100, ThrottlingFactory.UNLIMITED);
        ProtocolWrapper one = (ProtocolWrapper) factory.buildProtocol(peer("10.0.0.1", 1));
        StringTransport t1 = new StringTransport();
        one.makeConnection(t1);
        one.dataReceived(new byte[150]);
        clock.advance(Duration.ofSeconds(1));
        assertTrue(factory.readsThrottled());
        assertEquals(StringTransport.ProducerState.PAUSED, t1.producerState());

        ProtocolWrapper two = (ProtocolWrapper) factory.buildProtocol(peer("10.0.0.2", 1));
        StringTransport t2 = new StringTransport();
        two.makeConnection(t2);
        assertEquals(StringTransport.ProducerState.PAUSED, t2.producerState(), "new connections start throttled");

        clock.advance(Duration.ofMillis(499));
        assertTrue(factory.readsThrottled());
        clock.advance(Duration.ofMillis(1));
        assertFalse(factory.readsThrottled(), "150 bytes at 100/s: half a second of pause");
        assertEquals(StringTransport.ProducerState.PRODUCING, t1.producerState());
        assertEquals(StringTransport.ProducerState.PRODUCING, t2.producerState());
    }

    @Test
    void underTheLimitNothingIsPaused() {
        TestClock clock = new TestClock();
        ThrottlingFactory factory = new ThrottlingFactory(address -> new Recorder(), clock, 100, 100);
        ProtocolWrapper one = (ProtocolWrapper) factory.buildProtocol(peer("10.0.0.1", 1));
        StringTransport t1 = new StringTransport();
        one.makeConnection(t1);
        for (int second = 0; second < 5; second++) {
            one.dataReceived(new byte[100]);
            one.write(new byte[100]);
            clock.advance(Duration.ofSeconds(1));
            assertFalse(factory.readsThrottled());
            assertFalse(factory.writesThrottled());
        }
    }

    @Test
    void writeThrottlingPausesThePushProducer() {
        TestClock clock = new TestClock();
        ThrottlingFactory factory = new ThrottlingFactory(address -> new Recorder(), clock, ThrottlingFactory.UNLIMITED, 1000);
        ProtocolWrapper one = (ProtocolWrapper) factory.buildProtocol(peer("10.0.0.1", 1));
        StringTransport t1 = new StringTransport();
        one.makeConnection(t1);
        Producer producer = new Producer();
        ((Recorder) one.wrappedProtocol()).transport().registerProducer(producer, true);
        assertSame(producer, t1.producer());
        one.write(new byte[3000]);
        assertEquals(3000, t1.value().length, "writes are never dropped");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(factory.writesThrottled());
        assertEquals(List.of("pause"), producer.calls);
        clock.advance(Duration.ofSeconds(2));
        assertFalse(factory.writesThrottled());
        assertEquals(List.of("pause", "resume"), producer.calls);
    }

    @Test
    void timersStopWhenTheLastConnectionGoes() {
        TestClock clock = new TestClock();
        ThrottlingFactory factory = new ThrottlingFactory(address -> new Recorder(), clock, 10, 10);
        StringTransportWithDisconnection transport = connect(factory, peer("10.0.0.1", 1));
        assertEquals(1, clock.getDelayedCalls().size());
        transport.loseConnection();
        assertTrue(clock.getDelayedCalls().isEmpty());
        assertNotNull(factory.wrappedFactory());
    }

    @Test
    void readThrottlingHoldsDataInTheLoopback() {
        TestClock clock = new TestClock();
        Recorder server = new Recorder();
        ThrottlingFactory factory = new ThrottlingFactory(address -> server, clock, 1000, ThrottlingFactory.UNLIMITED);
        Protocol client = new Protocol() {
        };
        IOPump pump = IOPump.connect(
                factory.buildProtocol(IOPump.CLIENT_ADDRESS), client);
        client.transport().write(new byte[3000]);
        pump.flush();
        assertEquals(2, server.events.size(), "made, then the first 3000 bytes");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(factory.readsThrottled());
        client.transport().write("held".getBytes(StandardCharsets.UTF_8));
        pump.flush();
        assertEquals(2, server.events.size(), "nothing is read while throttled");
        assertTrue(pump.serverTransport().isReadingPaused());
        clock.advance(Duration.ofSeconds(2));
        pump.flush();
        assertEquals("data held", server.events.get(2));
    }
}
