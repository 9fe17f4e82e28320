package dev.torsion.nmea.position;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.nmea.NmeaLimits;
import dev.torsion.nmea.support.Recorder;
import dev.torsion.nmea.support.TestData;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The TCP and UDP readers over real loopback sockets on the live reactor. */
class NmeaOverSocketsTest {

    private static LiveReactor live;

    @BeforeAll
    static void start() throws Exception {
        live = new LiveReactor();
    }

    @AfterAll
    static void stop() throws Exception {
        live.close();
    }

    @Test
    void theTcpReaderReconnectsAndLosesNothingBetweenCycles() throws Exception {
        String log = Files.readString(TestData.nmea().resolve("logs/garmin38.log"), StandardCharsets.ISO_8859_1);
        Recorder direct = Recorder.replay(log.getBytes(StandardCharsets.ISO_8859_1), NmeaLimits.DEFAULTS);
        // cut before an RMC, where a new cycle starts: the first connection's loss ends the same
        // cycle the RMC would have ended
        int cut = log.indexOf("$GPRMC", log.length() / 2);
        Recorder recorder = new Recorder();
        NmeaClientFactory factory = NmeaClientFactory.plain(live.reactor, recorder, NmeaLimits.DEFAULTS);
        try (ServerSocket server = new ServerSocket(0, 2, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                serve(server, log.substring(0, cut));
                serve(server, log.substring(cut));
            });
            live.call(() -> {
                factory.setInitialDelay(Duration.ofMillis(50));
                return live.reactor.connectTCP("127.0.0.1", server.getLocalPort(), factory);
            });
            served.get(30, TimeUnit.SECONDS);
            waitFor(() -> call(() -> recorder.fixes.size()) >= direct.fixes.size());
            live.call(() -> {
                factory.stopTrying();
                return null;
            });
        }
        assertEquals(direct.fixes, call(() -> List.copyOf(recorder.fixes)));
        assertEquals(direct.messages, call(() -> List.copyOf(recorder.messages)));
    }

    @Test
    void theUdpReaderTakesDatagramsOfOneOrSeveralSentences() throws Exception {
        Recorder recorder = new Recorder();
        ListeningPort port = live.call(() -> live.reactor.listenUDP(0,
                new NmeaDatagramProtocol(recorder, NmeaLimits.DEFAULTS, live.reactor), "127.0.0.1", 2048));
        int udpPort = ((IPv4Address) port.getHost()).port();
        String[] datagrams = {
            "$GPRMC,142216,A,3348.452,N,11821.143,W,000.0,353.6,081002,013.8,E*66",
            "$GPGGA,142216,3348.452,N,11821.143,W,1,05,1.8,38.4,M,-32.4,M,,*4B\r\n"
                    + "$GPRMC,142218,A,3348.451,N,11821.144,W,010.0,353.6,081002,013.8,E*6D\r\n",
            "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\r\n"};
        try (DatagramSocket socket = new DatagramSocket()) {
            for (String datagram : datagrams) {
                byte[] bytes = datagram.getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), udpPort));
            }
        }
        waitFor(() -> call(() -> recorder.events.size()) >= 5);
        assertEquals(List.of("Rmc", "Gga", "Rmc", "Vdm", "PositionReport"), call(() -> List.copyOf(recorder.events)));
        assertEquals(1, call(() -> recorder.fixes.size()));
        live.await(port::stopListening);
        assertEquals(2, call(() -> recorder.fixes.size()), "closing the socket ends the open cycle");
    }

    private static void serve(ServerSocket server, String text) {
        try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T call(Callable<T> work) throws Exception {
        return live.call(work);
    }

    private static void waitFor(ThrowingCondition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.test() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(condition.test(), "condition not met within 30 s");
    }

    /** A condition that may throw, as {@link LiveReactor#call} does. */
    private interface ThrowingCondition {
        boolean test() throws Exception;
    }
}
