package dev.torsion.nmea.position;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.SocketType;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.nmea.NmeaLimits;
import dev.torsion.nmea.ais.AisMessage;
import dev.torsion.nmea.ais.AisReceiver;
import dev.torsion.nmea.codec.Rejection;
import dev.torsion.nmea.support.Recorder;
import dev.torsion.nmea.support.TestData;
import dev.torsion.testing.StringTransport;
import dev.torsion.testing.TestClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readers other than the plain stream: gpsd's port, UDP datagrams, log files. */
class ReadersTest {

    private static final String CYCLE = "$GPRMC,142216,A,3348.452,N,11821.143,W,000.0,353.6,081002,013.8,E*66\r\n"
            + "$GPGGA,142216,3348.452,N,11821.143,W,1,05,1.8,38.4,M,-32.4,M,,*4B\r\n"
            + "$GPRMC,142218,A,3348.451,N,11821.144,W,010.0,353.6,081002,013.8,E*6D\r\n";

    private static final IPv4Address FROM = new IPv4Address(SocketType.UDP, "127.0.0.1", 5000);

    @Test
    void gpsdSessionSendsTheWatchSkipsJsonAndReadsSentences() {
        Recorder recorder = new Recorder();
        TestClock clock = new TestClock();
        NmeaClientFactory factory = NmeaClientFactory.gpsd(clock, recorder, NmeaLimits.DEFAULTS);
        Deferred<Void> watching = factory.whenWatching();
        GpsdNmeaProtocol protocol = (GpsdNmeaProtocol) factory.buildProtocol(FROM);
        assertEquals(GpsdSessionState.CONNECTING, protocol.state());
        StringTransport transport = new StringTransport();
        protocol.makeConnection(transport);
        assertArrayEquals("?WATCH={\"enable\":true,\"nmea\":true}\n".getBytes(StandardCharsets.US_ASCII),
                transport.value());
        assertEquals(GpsdSessionState.WATCH_SENT, protocol.state());
        protocol.dataReceived(("{\"class\":\"VERSION\",\"release\":\"3.22\",\"proto_major\":3}\r\n"
                + "{\"class\":\"DEVICES\",\"devices\":[]}\r\n").getBytes(StandardCharsets.US_ASCII));
        assertEquals(false, watching.isCalled());
        protocol.dataReceived("{\"class\":\"WATCH\",\"enable\":true,\"nmea\":true}\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(true, watching.isCalled());
        assertEquals(GpsdSessionState.WATCHING, protocol.state());
        protocol.dataReceived(CYCLE.getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of("Rmc", "Gga", "Rmc"), recorder.events, "JSON is not NMEA: no rejection");
        assertEquals(1, recorder.fixes.size());
        protocol.connectionLost(Failure.of(new ConnectionDone("gpsd went away")));
        assertEquals(GpsdSessionState.CLOSED, protocol.state());
        assertEquals(2, recorder.fixes.size(), "the loss ends the open cycle");
    }

    @Test
    void theReconnectingFactoryRetriesAndSharesItsProcessor() {
        Recorder recorder = new Recorder();
        TestClock clock = new TestClock();
        NmeaClientFactory factory = NmeaClientFactory.plain(clock, recorder, NmeaLimits.DEFAULTS);
        NmeaProtocol first = (NmeaProtocol) factory.buildProtocol(FROM);
        first.makeConnection(new StringTransport());
        // the first fragment of a two-sentence message arrives before the connection drops...
        first.dataReceived("!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        first.connectionLost(Failure.of(new ConnectionDone("lost")));
        NmeaProtocol second = (NmeaProtocol) factory.buildProtocol(FROM);
        second.makeConnection(new StringTransport());
        // ...and the second after the reconnection: the shared processor completes it
        second.dataReceived("!AIVDM,2,2,1,A,88888888880,2*25\r\n".getBytes(StandardCharsets.US_ASCII));
        var ship = assertInstanceOf(AisMessage.StaticAndVoyageData.class, recorder.aisMessages.get(0));
        assertEquals("EVER DIADEM", ship.name());
        assertEquals(Duration.ofSeconds(1), factory.currentDelay(), "connected: the delay was reset");
    }

    @Test
    void datagramsHoldOneSentenceOrSeveral() {
        Recorder recorder = new Recorder();
        NmeaDatagramProtocol protocol = new NmeaDatagramProtocol(recorder, NmeaLimits.DEFAULTS, new TestClock());
        String[] lines = CYCLE.split("\r\n");
        // one without its line end, then two in one datagram with bare LF
        protocol.datagramReceived(lines[0].getBytes(StandardCharsets.US_ASCII), FROM);
        protocol.datagramReceived((lines[1] + "\n" + lines[2] + "\n").getBytes(StandardCharsets.US_ASCII), FROM);
        // AIS fragments in separate datagrams
        protocol.datagramReceived("!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C\r\n"
                .getBytes(StandardCharsets.US_ASCII), FROM);
        protocol.datagramReceived("!AIVDM,2,2,1,A,88888888880,2*25".getBytes(StandardCharsets.US_ASCII), FROM);
        // a line past the limit, and an empty datagram
        protocol.datagramReceived(("$GPTXT," + "x".repeat(2000)).getBytes(StandardCharsets.US_ASCII), FROM);
        protocol.datagramReceived(new byte[0], FROM);
        protocol.stopProtocol();
        assertEquals(List.of("Rmc", "Gga", "Rmc", "Vdm", "Vdm", "StaticAndVoyageData", "LINE_TOO_LONG"),
                recorder.events);
        assertEquals(2, recorder.fixes.size());
        assertEquals(38.4, recorder.fixes.get(0).altitude());
    }

    @Test
    void anAisOnlyReceiverGetsMessagesAndDrops() throws Exception {
        List<AisMessage> messages = new ArrayList<>();
        List<Rejection.Reason> drops = new ArrayList<>();
        PositioningReceiver receiver = PositioningReceiver.ofAis(new AisReceiver() {
            @Override
            public void aisMessageReceived(AisMessage message) {
                messages.add(message);
            }

            @Override
            public void aisRejected(Rejection rejection) {
                drops.add(rejection.reason());
            }
        });
        Path log = TestData.nmea().resolve("logs/ais-raw-messages.log");
        NmeaLogReplay replay = new NmeaLogReplay(new TestClock(), log, receiver, NmeaLimits.DEFAULTS, Duration.ZERO);
        replay.start();
        assertEquals(109, messages.size(), "108 that gpsd prints and one message 24 part A");
        assertEquals(List.of(), drops);
    }

    @Test
    void aLogReplayedAtOnceGivesWhatTheStreamGives() throws Exception {
        Path log = TestData.nmea().resolve("logs/garmin38.log");
        Recorder direct = Recorder.replay(Files.readAllBytes(log), NmeaLimits.DEFAULTS);
        Recorder replayed = new Recorder();
        NmeaLogReplay replay = new NmeaLogReplay(new TestClock(), log, replayed, NmeaLimits.DEFAULTS, Duration.ZERO);
        List<Integer> lines = new ArrayList<>();
        replay.start().addCallback(count -> lines.add(count));
        assertEquals(ReceiverState.CLOSED, replay.state());
        long expected = Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream()
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
        assertEquals(List.of((int) expected), lines);
        assertEquals(direct.fixes, replayed.fixes);
        assertEquals(direct.messages, replayed.messages);
    }

    @Test
    void aPacedReplaySendsOneLinePerInterval(@TempDir Path dir) throws IOException {
        Path log = Files.writeString(dir.resolve("three.log"), "# a header\n" + CYCLE.replace("\r\n", "\n").stripTrailing());
        Recorder recorder = new Recorder();
        TestClock clock = new TestClock();
        NmeaLogReplay replay = new NmeaLogReplay(clock, log, recorder, NmeaLimits.DEFAULTS, Duration.ofMillis(200));
        List<Integer> done = new ArrayList<>();
        replay.start().addCallback(count -> done.add(count));
        assertEquals(List.of("Rmc"), recorder.events);
        clock.advance(Duration.ofMillis(199));
        assertEquals(1, recorder.events.size());
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of("Rmc", "Gga"), recorder.events);
        clock.advance(Duration.ofMillis(200));
        assertEquals(3, recorder.events.size(), "the last line has no LF and still counts");
        assertEquals(List.of(), done);
        clock.advance(Duration.ofMillis(200));
        assertEquals(List.of(3), done);
        assertEquals(2, recorder.fixes.size());
        assertTrue(clock.getDelayedCalls().isEmpty());
    }

    @Test
    void aPacedReplayStopsEarly(@TempDir Path dir) throws IOException {
        Path log = Files.writeString(dir.resolve("cycle.log"), CYCLE);
        Recorder recorder = new Recorder();
        TestClock clock = new TestClock();
        NmeaLogReplay replay = new NmeaLogReplay(clock, log, recorder, NmeaLimits.DEFAULTS, Duration.ofSeconds(1));
        List<Integer> done = new ArrayList<>();
        replay.start().addCallback(count -> done.add(count));
        replay.stop();
        assertEquals(List.of(1), done);
        assertEquals(1, recorder.fixes.size(), "the open cycle is flushed");
        clock.advance(Duration.ofSeconds(5));
        assertEquals(1, recorder.events.size());
    }

    @Test
    void aMissingLogFails(@TempDir Path dir) {
        NmeaLogReplay replay = new NmeaLogReplay(new TestClock(), dir.resolve("none.log"), new Recorder(),
                NmeaLimits.DEFAULTS, Duration.ZERO);
        List<Throwable> errors = new ArrayList<>();
        replay.start().addErrback(failure -> {
            errors.add(failure.value());
            return null;
        });
        assertInstanceOf(NoSuchFileException.class, errors.get(0));
    }
}
