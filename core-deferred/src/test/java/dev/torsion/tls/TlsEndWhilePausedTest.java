package dev.torsion.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.protocols.policies.PassThroughProtocol;
import dev.torsion.testing.IOPump;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The end of a TLS upload that arrives while the protocol over TLS has paused (an FTPS upload
 * waiting for the disk): the peer's last records, then its close_notify or not, then its FIN or the
 * close of the connection. {@link TlsProtocol} keeps the records it has not decrypted while paused,
 * so the transport's end comes before records that came before it on the wire. A FIN waits until
 * they are decrypted and delivered on resume, and only then counts as a clean end (close_notify
 * among them) or a truncation (none), whatever the transport below does on resume: the memory
 * transport tells the FIN while paused; {@link TellsEndOnResume} holds it and tells it inside
 * {@code resumeProducing}, before that call returns (transport-netty before c8fbdd9 did). The close
 * of the connection does not wait: everything kept is delivered at once, despite the pause, then
 * the end, so a protocol that never resumes still hears {@code connectionLost} (as Twisted and
 * transport-netty tell it).
 */
class TlsEndWhilePausedTest {
    private static final List<String> RECORDS = List.of("first record, ", "second record, ", "last record");
    private static final String UPLOAD = String.join("", RECORDS);
    private static final String REPLY = "bye";

    /** How the uploading peer ends. */
    enum PeerEnd {
        /** close_notify, then FIN ({@code loseWriteConnection} over TLS). */
        CLOSE_NOTIFY_THEN_FIN(true),
        /** close_notify, then the connection closes ({@code loseConnection} over TLS). */
        CLOSE_NOTIFY_THEN_CLOSE(true),
        /** A FIN without close_notify (the raw transport's {@code loseWriteConnection}). */
        FIN_ONLY(false),
        /** The connection closes without close_notify (the raw transport's {@code loseConnection}). */
        CLOSE_ONLY(false);

        final boolean closeNotify;

        PeerEnd(boolean closeNotify) {
            this.closeNotify = closeNotify;
        }

        /** Whether the connection closes (rather than the peer's writing only). */
        boolean closesConnection() {
            return this == CLOSE_NOTIFY_THEN_CLOSE || this == CLOSE_ONLY;
        }

        void end(IOPump pump, Protocol client) {
            switch (this) {
                case CLOSE_NOTIFY_THEN_FIN -> ((TlsProtocol) client.transport()).loseWriteConnection();
                case CLOSE_NOTIFY_THEN_CLOSE -> client.transport().loseConnection();
                case FIN_ONLY -> pump.clientTransport().loseWriteConnection();
                case CLOSE_ONLY -> pump.clientTransport().loseConnection();
                default -> throw new IllegalStateException(name());
            }
        }
    }

    /** What sits between the memory transport and the server's TLS. */
    enum Below {
        /** The memory transport itself: it tells the end while the TLS layer is paused. */
        MEMORY,
        /** {@link TellsEndOnResume}. */
        TELLS_END_ON_RESUME
    }

    /**
     * A transport below TLS that holds the peer's FIN while paused and tells it inside
     * {@code resumeProducing}, right after resuming the transport below it: a TLS layer that resumes
     * its transport before decrypting what it kept hears the end first. The close of the connection
     * it tells at once, after a FIN it held, as transport-netty does.
     */
    static final class TellsEndOnResume extends PassThroughProtocol {
        private final List<Runnable> heldEnds = new ArrayList<>();
        private boolean paused;

        TellsEndOnResume(Protocol tls) {
            super(tls);
        }

        @Override
        public void readConnectionLost() {
            if (paused) {
                heldEnds.add(super::readConnectionLost);
            } else {
                super.readConnectionLost();
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            while (!heldEnds.isEmpty()) {
                heldEnds.remove(0).run();
            }
            super.connectionLost(reason);
        }

        @Override
        public void pauseProducing() {
            paused = true;
            super.pauseProducing();
        }

        @Override
        public void resumeProducing() {
            paused = false;
            super.resumeProducing();
            while (!paused && !heldEnds.isEmpty()) {
                heldEnds.remove(0).run();
            }
        }
    }

    /**
     * Pauses on its first read and stays paused until the test resumes it. Records the bytes, whether
     * anything came while paused, how much had come at each end, and how the connection ended; on
     * {@code readConnectionLost} it writes a reply and closes, as an upload's receiver would.
     */
    static final class PausedReceiver extends Protocol implements HalfCloseableProtocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        /** Pauses again on every record, not only the first. */
        boolean pauseOnEveryRecord;
        boolean paused;
        int callsWhilePaused;
        int receivedAtReadEnd = -1;
        int receivedAtLoss = -1;
        Failure lost;

        @Override
        public void dataReceived(byte[] data) {
            heard();
            received.writeBytes(data);
            if (received.size() == RECORDS.get(0).length() || pauseOnEveryRecord) {
                paused = true;
                transport().pauseProducing();
            }
        }

        void resume() {
            paused = false;
            transport().resumeProducing();
        }

        @Override
        public void readConnectionLost() {
            heard();
            receivedAtReadEnd = received.size();
            transport().write(REPLY.getBytes(StandardCharsets.US_ASCII));
            transport().loseConnection();
        }

        @Override
        public void writeConnectionLost() {
            // this side never half-closes
        }

        @Override
        public void connectionLost(Failure reason) {
            heard();
            receivedAtLoss = received.size();
            lost = reason;
        }

        private void heard() {
            if (paused) {
                callsWhilePaused++;
            }
            assertNull(lost, "a call after connectionLost");
        }
    }

    /** Collects what the server sends back. */
    static final class Uploader extends Protocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();

        @Override
        public void dataReceived(byte[] data) {
            received.writeBytes(data);
        }
    }

    /** The receiver pauses again on each record: the FIN waits for the resume after the last one. */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("finCases")
    void theEndWaitsForEveryResume(Below below, String version, PeerEnd end) {
        PausedReceiver server = new PausedReceiver();
        server.pauseOnEveryRecord = true;
        IOPump pump = uploadThenEnd(below, version, server, new Uploader(), end);

        StringBuilder expected = new StringBuilder(RECORDS.get(0));
        for (String record : RECORDS.subList(1, RECORDS.size())) {
            assertNull(server.lost, "the end before " + record);
            server.resume();
            pump.flush();
            expected.append(record);
            assertEquals(expected.toString(), server.received.toString(StandardCharsets.US_ASCII), "one record per resume");
        }
        if (server.lost == null) {
            server.resume(); // the last record paused again: the end comes on this resume
            pump.flush();
        }
        assertEquals(0, server.callsWhilePaused, "calls while paused");
        assertNotNull(server.lost, "connectionLost after the last resume");
        assertEquals(UPLOAD.length(), server.receivedAtLoss, "bytes received before connectionLost");
        Class<? extends Throwable> expectedEnd = end.closeNotify ? ConnectionDone.class : ConnectionLost.class;
        assertInstanceOf(expectedEnd, server.lost.value(), server.lost.getErrorMessage());
    }

    /**
     * The connection closes while the receiver is paused with records kept: it hears every byte, in
     * order, then the end (clean after a close_notify, a truncation without), at the close, without
     * a resume: the connection is gone, so the pause protects nothing any more.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("closeCases")
    void aCloseDeliversEverythingKeptThenTheEnd(Below below, String version, PeerEnd end) {
        PausedReceiver server = new PausedReceiver();
        IOPump pump = uploadThenEnd(below, version, server, new Uploader(), end);

        assertTrue(server.paused, "the receiver paused on the first record and never resumed");
        assertTrue(pump.serverTransport().isDisconnected(), "the connection closed");
        assertEquals(UPLOAD, server.received.toString(StandardCharsets.US_ASCII), "every byte, in order, at the close");
        assertNotNull(server.lost, "connectionLost at the close");
        assertEquals(UPLOAD.length(), server.receivedAtLoss, "bytes received before connectionLost");
        assertEndAfterUpload(server, version, end);
    }

    /**
     * A stalled consumer: the receiver pauses on every record and never resumes. It still hears
     * connectionLost when the connection closes (else it would never release its files, timers and
     * producer registration), after every byte kept; pausing again meanwhile holds nothing back,
     * and a late resume brings no more calls.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("closeCases")
    void aProtocolThatNeverResumesHearsTheClose(Below below, String version, PeerEnd end) {
        PausedReceiver server = new PausedReceiver();
        server.pauseOnEveryRecord = true;
        IOPump pump = uploadThenEnd(below, version, server, new Uploader(), end);

        assertNotNull(server.lost, "a paused protocol heard no connectionLost");
        assertEquals(UPLOAD, server.received.toString(StandardCharsets.US_ASCII), "every byte, in order, at the close");
        assertEquals(UPLOAD.length(), server.receivedAtLoss, "bytes received before connectionLost");
        assertEndAfterUpload(server, version, end);

        server.resume(); // PausedReceiver fails on any call after connectionLost
        pump.flush();
        assertEquals(UPLOAD, server.received.toString(StandardCharsets.US_ASCII), "bytes after a late resume");
    }

    /** The end a receiver heard after the whole upload: clean after a close_notify, a truncation without. */
    private static void assertEndAfterUpload(PausedReceiver server, String version, PeerEnd end) {
        if (!end.closeNotify) {
            assertInstanceOf(ConnectionLost.class, server.lost.value(), server.lost.getErrorMessage());
            assertTrue(server.lost.getErrorMessage().contains("without a TLS close_notify"), server.lost.getErrorMessage());
            assertEquals(-1, server.receivedAtReadEnd, "readConnectionLost after a truncation");
            return;
        }
        assertInstanceOf(ConnectionDone.class, server.lost.value(), server.lost.getErrorMessage());
        // TLS 1.3: the peer's close_notify ends its writing only, told after the last byte; TLS 1.2
        // closes at the peer's close_notify.
        int expected = version.equals("TLSv1.3") ? UPLOAD.length() : -1;
        assertEquals(expected, server.receivedAtReadEnd, "bytes received before readConnectionLost");
    }

    /**
     * Connects {@code server} to the uploading {@code client}, which writes each record (one write each; the
     * pump hands them over in one read, with the end in the same round), then ends as {@code end} says.
     */
    private static IOPump uploadThenEnd(Below below, String version, PausedReceiver server, Uploader client, PeerEnd end) {
        IOPump pump = connect(below, version, server, client);
        for (String record : RECORDS) {
            client.transport().write(record.getBytes(StandardCharsets.US_ASCII));
        }
        end.end(pump, client);
        pump.flush();
        return pump;
    }

    private static IOPump connect(Below below, String version, PausedReceiver server, Uploader client) {
        TlsProtocol serverTls = new TlsProtocol(TestCertificates.serverOptions().withProtocols(version), server);
        IOPump pump = IOPump.connect(below == Below.MEMORY ? serverTls : new TellsEndOnResume(serverTls),
                new TlsProtocol(TestCertificates.clientOptions(), client));
        assertEquals(version, serverTls.protocolVersion());
        return pump;
    }

    static Stream<Arguments> finCases() {
        return cases(false);
    }

    static Stream<Arguments> closeCases() {
        return cases(true);
    }

    private static Stream<Arguments> cases(boolean closesConnection) {
        List<Arguments> cases = new ArrayList<>();
        for (Below below : Below.values()) {
            for (String version : List.of("TLSv1.3", "TLSv1.2")) {
                for (PeerEnd end : PeerEnd.values()) {
                    if (end.closesConnection() == closesConnection) {
                        cases.add(Arguments.of(below, version, end));
                    }
                }
            }
        }
        return cases.stream();
    }

    /** The peer's FIN while paused waits for the resume: every byte, in order, then the end. */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("finCases")
    void everyRecordBeforeTheEnd(Below below, String version, PeerEnd end) {
        PausedReceiver server = new PausedReceiver();
        Uploader client = new Uploader();
        IOPump pump = uploadThenEnd(below, version, server, client, end);

        assertTrue(server.paused, "the receiver paused on the first record");
        assertEquals(RECORDS.get(0), server.received.toString(StandardCharsets.US_ASCII), "before the resume");
        assertNull(server.lost, "the end was told while paused");
        assertEquals(-1, server.receivedAtReadEnd, "the peer's close_notify was told while paused");
        assertFalse(pump.serverTransport().isDisconnected(), "the connection closed while paused");

        server.resume();
        pump.flush();

        assertEquals(0, server.callsWhilePaused, "calls while paused");
        assertEquals(UPLOAD, server.received.toString(StandardCharsets.US_ASCII), "every byte, in order");
        assertNotNull(server.lost, "connectionLost after the resume");
        assertEquals(UPLOAD.length(), server.receivedAtLoss, "bytes received before connectionLost");
        if (!end.closeNotify) {
            assertInstanceOf(ConnectionLost.class, server.lost.value(), server.lost.getErrorMessage());
            assertTrue(server.lost.getErrorMessage().contains("without a TLS close_notify"), server.lost.getErrorMessage());
            assertEquals(-1, server.receivedAtReadEnd, "readConnectionLost after a truncation");
            return;
        }
        assertInstanceOf(ConnectionDone.class, server.lost.value(), server.lost.getErrorMessage());
        if (version.equals("TLSv1.3")) {
            // TLS 1.3: the peer's close_notify ends its writing only; the receiver hears it after the
            // last byte and may still answer while the connection is up.
            assertEquals(UPLOAD.length(), server.receivedAtReadEnd, "bytes received before readConnectionLost");
            if (end == PeerEnd.CLOSE_NOTIFY_THEN_FIN) {
                assertEquals(REPLY, client.received.toString(StandardCharsets.US_ASCII), "the reply after the upload");
            }
        } else {
            assertEquals(-1, server.receivedAtReadEnd, "TLS 1.2 closes at the peer's close_notify");
        }
    }
}
