package dev.torsion.nmea.position;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.torsion.nmea.NmeaLimits;
import dev.torsion.nmea.codec.FramerState;
import dev.torsion.nmea.codec.NmeaFramer;
import dev.torsion.nmea.support.Recorder;
import dev.torsion.nmea.support.TestData;
import dev.torsion.testing.StringTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The protocol over a memory transport: cycles into fixes, splits, limits, its lifecycle. */
class NmeaProtocolTest {

    private static final String CYCLE = String.join("\r\n",
            "$GPRMC,142216,A,3348.452,N,11821.143,W,000.0,353.6,081002,013.8,E*66",
            "$GPGGA,142216,3348.452,N,11821.143,W,1,05,1.8,38.4,M,-32.4,M,,*4B",
            "$GPGSA,A,3,03,,11,14,,,25,31,,,,,3.3,1.8,2.8*32",
            "$GPGSV,2,1,08,03,23,224,38,09,06,037,00,11,17,314,41,14,75,015,44*72",
            "$GPGSV,2,2,08,15,18,138,00,18,20,079,00,25,27,172,46,31,27,263,38*7C",
            "$PGRME,19.2,M,28.7,M,34.6,M*18",
            "$GPGLL,3348.452,N,11821.143,W,142216,A*38",
            "$GPRMC,142218,A,3348.451,N,11821.144,W,010.0,353.6,081002,013.8,E*6D", "");

    @Test
    void aCycleOfSentencesBecomesOneFix() {
        Recorder recorder = Recorder.replay(CYCLE.getBytes(StandardCharsets.US_ASCII), NmeaLimits.DEFAULTS);
        assertEquals(2, recorder.fixes.size());
        Fix fix = recorder.fixes.get(0);
        assertEquals(Instant.parse("2002-10-08T14:22:16Z"), fix.time());
        assertEquals(33.807533333, fix.latitude(), 1e-9);
        assertEquals(-118.352383333, fix.longitude(), 1e-9);
        assertEquals(38.4, fix.altitude());
        assertEquals(0.0, fix.speed());
        assertEquals(353.6, fix.track());
        assertEquals(FixMode.THREE_D, fix.mode());
        assertEquals(1, fix.quality());
        assertEquals(List.of(3, 11, 14, 25, 31), fix.satellitesUsed());
        assertEquals(8, fix.satellitesInView().size());
        assertEquals(3.3, fix.pdop());
        assertEquals(1.8, fix.hdop());
        assertEquals(2.8, fix.vdop());
        Fix next = recorder.fixes.get(1);
        assertEquals(LocalTime.of(14, 22, 18), next.timeOfDay());
        assertEquals(10 * 1852.0 / 3600, next.speed(), 1e-12);
        assertNull(next.altitude(), "altitude does not carry over to a cycle without GGA");
    }

    @Test
    void everySplitInTwoGivesTheSameFixes() {
        byte[] bytes = CYCLE.getBytes(StandardCharsets.US_ASCII);
        String whole = Recorder.replay(bytes, NmeaLimits.DEFAULTS).summary();
        for (int cut = 0; cut <= bytes.length; cut++) {
            assertEquals(whole, Recorder.replay(bytes, NmeaLimits.DEFAULTS, cut).summary(), "cut at " + cut);
        }
        assertEquals(whole, Recorder.replayByteByByte(bytes, NmeaLimits.DEFAULTS).summary());
    }

    @Test
    void aRealLogGivesTheSameResultWholeAndByteByByte() throws IOException {
        for (String name : List.of("garmin38.log", "tcp-torture.log", "firefly-II.log", "hp58534a.log")) {
            byte[] bytes = Files.readAllBytes(TestData.nmea().resolve("logs").resolve(name));
            assertEquals(Recorder.replay(bytes, NmeaLimits.DEFAULTS).summary(),
                    Recorder.replayByteByByte(bytes, NmeaLimits.DEFAULTS).summary(), name);
        }
    }

    @Test
    void theLengthToleranceIsConfigurable() {
        // 83 characters (no checksum): one past NMEA 0183's 82
        byte[] over = ("$GPTXT,01,01,02," + "x".repeat(67) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] exact = ("$GPTXT,01,01,02," + "x".repeat(66) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        assertEquals(List.of("TOO_LONG"), Recorder.replay(over, new NmeaLimits(82, 0, 1024)).events);
        assertEquals(List.of("Txt"), Recorder.replay(over, new NmeaLimits(82, 1, 1024)).events);
        assertEquals(List.of("Txt"), Recorder.replay(exact, new NmeaLimits(82, 0, 1024)).events);
    }

    @Test
    void aLineWithoutEndIsDroppedUnbufferedAtTheLineLimit() {
        List<String> lines = new ArrayList<>();
        List<Long> tooLong = new ArrayList<>();
        NmeaFramer framer = new NmeaFramer(new NmeaLimits(82, 0, 100), new NmeaFramer.Sink() {
            @Override
            public void lineReceived(String line) {
                lines.add(line);
            }

            @Override
            public void lineTooLong(long length) {
                tooLong.add(length);
            }
        });
        byte[] noise = new byte[1_000_000];
        Arrays.fill(noise, (byte) 'A');
        framer.feed(noise);
        assertEquals(FramerState.DISCARDING, framer.state());
        framer.feed("\n$GPHDT,274.07,T*03\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(FramerState.READING, framer.state());
        assertEquals(List.of(1_000_000L), tooLong);
        assertEquals(List.of("$GPHDT,274.07,T*03"), lines);
    }

    @Test
    void theLifecycleFlushesTheLastCycleOnceAndIgnoresLateData() {
        Recorder recorder = new Recorder();
        NmeaProtocol protocol = new NmeaProtocol(recorder);
        assertEquals(ReceiverState.IDLE, protocol.state());
        StringTransport transport = new StringTransport();
        protocol.makeConnection(transport);
        assertEquals(ReceiverState.RECEIVING, protocol.state());
        protocol.dataReceived("$GPGLL,3348.452,N,11821.142,W,142214,A*3B\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0, recorder.fixes.size(), "the cycle is open until another time or the end");
        protocol.connectionLost(null);
        assertEquals(ReceiverState.CLOSED, protocol.state());
        assertEquals(1, recorder.fixes.size());
        assertNull(recorder.fixes.get(0).time(), "no date was ever received");
        protocol.dataReceived("$GPGLL,3348.452,N,11821.142,W,142215,A*3A\r\n".getBytes(StandardCharsets.US_ASCII));
        protocol.connectionLost(null);
        assertEquals(1, recorder.fixes.size());
        assertEquals(0, transport.value().length, "a listener never writes");
    }

    @Test
    void garminAltitudeFillsACycleWithoutGgaAltitudeOnly() {
        String log = "$GPRMC,142216,A,3348.452,N,11821.143,W,000.0,353.6,081002,013.8,E*66\r\n"
                + "$PGRMZ,125,f,3*1D\r\n"
                + "$GPGGA,142218,3348.452,N,11821.143,W,1,05,1.8,38.4,M,-32.4,M,,*45\r\n"
                + "$PGRMZ,125,f,3*1D\r\n";
        List<Fix> fixes = Recorder.replay(log.getBytes(StandardCharsets.US_ASCII), NmeaLimits.DEFAULTS).fixes;
        assertEquals(125 * 0.3048, fixes.get(0).altitude(), 1e-9);
        assertEquals(FixMode.THREE_D, fixes.get(0).mode());
        assertEquals(38.4, fixes.get(1).altitude(), "GGA's altitude is kept");
    }

    @Test
    void aMidnightRolloverDatesEachCycleWithItsOwnRmc() {
        String log = "$GPRMC,235959,A,3348.452,N,11821.143,W,0,0,081002,,*07\r\n"
                + "$GPRMC,000000,A,3348.452,N,11821.143,W,0,0,091002,,*07\r\n";
        List<Fix> fixes = Recorder.replay(log.getBytes(StandardCharsets.US_ASCII), NmeaLimits.DEFAULTS).fixes;
        assertEquals(Instant.parse("2002-10-08T23:59:59Z"), fixes.get(0).time());
        assertEquals(Instant.parse("2002-10-09T00:00:00Z"), fixes.get(1).time());
    }
}
