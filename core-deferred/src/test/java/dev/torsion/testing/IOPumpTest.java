package dev.torsion.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.HalfCloseableTransport;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.PushProducer;
import dev.torsion.internet.error.ConnectionAborted;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.protocols.LineReceiver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IOPumpTest {
    static class Lines extends LineReceiver {
        final List<String> lines = new ArrayList<>();
        Failure lost;
        final String greeting;

        Lines(String greeting) {
            this.greeting = greeting;
        }

        @Override
        public void connectionMade() {
            if (greeting != null) {
                sendLine(greeting);
            }
        }

        @Override
        protected void lineReceived(byte[] line) {
            lines.add(new String(line, StandardCharsets.UTF_8));
        }

        @Override
        public void connectionLost(Failure reason) {
            lost = reason;
        }
    }

    @Test
    void greetingsAreFlushedAndPumpIsStepwise() {
        Lines server = new Lines("220 hello");
        Lines client = new Lines("EHLO me");
        IOPump pump = IOPump.connect(server, client);
        assertEquals(List.of("EHLO me"), server.lines);
        assertEquals(List.of("220 hello"), client.lines);
        client.sendLine("one");
        assertEquals(List.of("EHLO me"), server.lines, "nothing moves between pumps");
        assertTrue(pump.pump());
        assertEquals(List.of("EHLO me", "one"), server.lines);
        assertFalse(pump.pump());
    }

    @Test
    void closingDeliversPendingDataThenEndsBothSides() {
        Lines server = new Lines(null);
        Lines client = new Lines(null);
        IOPump pump = IOPump.connect(server, client);
        client.sendLine("bye");
        client.transport().loseConnection();
        pump.flush();
        assertEquals(List.of("bye"), server.lines);
        assertNotNull(server.lost.check(ConnectionDone.class));
        assertNotNull(client.lost.check(ConnectionDone.class));
        assertTrue(pump.serverTransport().isDisconnected());
    }

    @Test
    void abortDropsPendingData() {
        Lines server = new Lines(null);
        Lines client = new Lines(null);
        IOPump pump = IOPump.connect(server, client);
        client.sendLine("lost");
        client.transport().abortConnection();
        pump.flush();
        assertEquals(List.of(), server.lines);
        assertNotNull(client.lost.check(ConnectionAborted.class));
        assertNotNull(server.lost.check(ConnectionLost.class));
    }

    @Test
    void pausedReaderHoldsData() {
        Lines server = new Lines(null);
        Lines client = new Lines(null);
        IOPump pump = IOPump.connect(server, client);
        server.pauseProducing();
        assertTrue(pump.serverTransport().isReadingPaused());
        client.sendLine("wait");
        pump.flush();
        assertEquals(List.of(), server.lines);
        assertEquals(6, pump.clientTransport().bufferedBytes());
        server.resumeProducing();
        pump.flush();
        assertEquals(List.of("wait"), server.lines);
    }

    /** A push producer writing 1000-byte pieces whenever it is not paused, until told to stop. */
    static final class Firehose implements PushProducer {
        final Protocol protocol;
        boolean paused;
        boolean stopped;
        int pauses;
        int written;

        Firehose(Protocol protocol) {
            this.protocol = protocol;
        }

        void run(int pieces) {
            for (int i = 0; i < pieces && !paused && !stopped; i++) {
                protocol.transport().write(new byte[1000]);
                written++;
            }
        }

        @Override
        public void pauseProducing() {
            paused = true;
            pauses++;
        }

        @Override
        public void resumeProducing() {
            paused = false;
        }

        @Override
        public void stopProducing() {
            stopped = true;
        }
    }

    @Test
    void pushProducerIsPausedAboveHighWaterAndResumedWhenDrained() {
        Protocol server = new Protocol() {
        };
        Protocol client = new Protocol() {
        };
        IOPump pump = IOPump.connect(server, client);
        pump.setWriteBufferHighWater(5000);
        Firehose hose = new Firehose(client);
        client.transport().registerProducer(hose, true);
        hose.run(100);
        assertTrue(hose.paused);
        assertEquals(6, hose.written, "paused once more than 5000 bytes were buffered");
        pump.pump();
        assertFalse(hose.paused, "resumed once the buffer drained");
        client.transport().loseConnection();
        pump.flush();
        assertTrue(hose.stopped, "the producer is stopped when the connection ends");
    }

    static class HalfCloser extends Lines implements HalfCloseableProtocol {
        final List<String> halves = new ArrayList<>();

        HalfCloser() {
            super(null);
        }

        @Override
        public void readConnectionLost() {
            halves.add("read lost");
            sendLine("last answer");
            transport().loseConnection();
        }

        @Override
        public void writeConnectionLost() {
            halves.add("write lost");
        }
    }

    @Test
    void halfClose() {
        HalfCloser server = new HalfCloser();
        HalfCloser client = new HalfCloser() {
            @Override
            public void readConnectionLost() {
                halves.add("read lost");
            }
        };
        IOPump pump = IOPump.connect(server, client);
        client.sendLine("question");
        ((HalfCloseableTransport) client.transport()).loseWriteConnection();
        pump.flush();
        assertEquals(List.of("question"), server.lines);
        assertEquals(List.of("read lost"), server.halves);
        assertEquals(List.of("write lost"), client.halves);
        assertEquals(List.of("last answer"), client.lines, "the other direction still works");
        assertNotNull(client.lost.check(ConnectionDone.class));
    }

    @Test
    void halfCloseToAProtocolThatCannotHalfCloseEndsTheConnection() {
        Lines server = new Lines(null);
        Lines client = new Lines(null);
        IOPump pump = IOPump.connect(server, client);
        ((HalfCloseableTransport) client.transport()).loseWriteConnection();
        pump.flush();
        assertNotNull(server.lost);
        assertNotNull(client.lost);
        assertNull(server.lost.check(ConnectionLost.class));
    }
}
