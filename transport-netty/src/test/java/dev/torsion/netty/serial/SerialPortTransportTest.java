package dev.torsion.netty.serial;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.netty.stdio.PipeAddress;
import dev.torsion.netty.stdio.RecordingProtocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serial ports over a pseudo-terminal pair made by socat (Debian package {@code socat}); these
 * run under {@code -Pinterop}, where a missing socat fails them.
 */
class SerialPortTransportTest {
    private ExecutorService reactor;
    private Thread reactorThread;
    private Process socat;
    private String[] ptys;

    @BeforeEach
    void startReactor() throws Exception {
        reactor = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-reactor"));
        reactorThread = reactor.submit(Thread::currentThread).get();
    }

    @AfterEach
    void stop() throws Exception {
        if (socat != null) {
            socat.destroyForcibly();
            socat.waitFor(10, TimeUnit.SECONDS);
        }
        reactor.shutdown();
        assertTrue(reactor.awaitTermination(10, TimeUnit.SECONDS));
    }

    /** Starts socat and waits (on its own log, not a clock) until both ptys exist and it copies. */
    private void startSocat() throws Exception {
        socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0")
                .redirectErrorStream(true).start();
        BufferedReader log = new BufferedReader(new InputStreamReader(socat.getInputStream(), UTF_8));
        List<String> found = new ArrayList<>();
        CompletableFuture<Void> ready = CompletableFuture.runAsync(() -> {
            try {
                String line;
                while ((line = log.readLine()) != null) {
                    int at = line.indexOf("PTY is ");
                    if (at >= 0) {
                        found.add(line.substring(at + "PTY is ".length()).trim());
                    }
                    if (line.contains("starting data transfer loop")) {
                        return;
                    }
                }
                throw new IllegalStateException("socat ended before its ptys were ready");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        ready.get(30, TimeUnit.SECONDS);
        assertEquals(2, found.size(), found.toString());
        ptys = found.toArray(String[]::new);
    }

    private SerialPortTransport open(RecordingProtocol protocol, String path, SerialSettings settings) throws Exception {
        return reactor.submit(() -> SerialPortTransport.open(reactor, protocol, path, settings)).get(30, TimeUnit.SECONDS);
    }

    @Test
    @EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
    void bytesFlowBothWaysBetweenTwoPortsOfASocatPtyPair() throws Exception {
        startSocat();
        RecordingProtocol a = new RecordingProtocol(reactorThread);
        RecordingProtocol b = new RecordingProtocol(reactorThread);
        SerialPortTransport portA = open(a, ptys[0], SerialSettings.of(115200));
        SerialPortTransport portB = open(b, ptys[1], SerialSettings.of(115200));
        a.made.get(30, TimeUnit.SECONDS);
        b.made.get(30, TimeUnit.SECONDS);
        assertEquals(new PipeAddress(ptys[0]), portA.getHost());

        reactor.submit(() -> portA.write("hello over serial".getBytes(UTF_8))).get();
        assertEquals("hello over serial", new String(b.receivedAtLeast(17).get(30, TimeUnit.SECONDS), UTF_8));
        reactor.submit(() -> portB.write("and back".getBytes(UTF_8))).get();
        assertEquals("and back", new String(a.receivedAtLeast(8).get(30, TimeUnit.SECONDS), UTF_8));

        // Every byte value, XON/XOFF and line endings included, arrives untouched and in order.
        byte[] data = new byte[256 * 1024];
        new Random(5).nextBytes(data);
        reactor.submit(() -> {
            for (int offset = 0; offset < data.length; offset += 4096) {
                portA.write(Arrays.copyOfRange(data, offset, offset + 4096));
            }
        }).get();
        byte[] got = b.receivedAtLeast(17 + data.length).get(60, TimeUnit.SECONDS);
        assertArrayEquals(data, Arrays.copyOfRange(got, 17, got.length));

        reactor.submit(portA::loseConnection).get();
        assertInstanceOf(ConnectionDone.class, a.lost.get(30, TimeUnit.SECONDS).value());
        assertFalse(portA.isOpen());
        reactor.submit(portB::loseConnection).get();
        assertInstanceOf(ConnectionDone.class, b.lost.get(30, TimeUnit.SECONDS).value());
        assertEquals(List.of(), a.wrongThread);
        assertEquals(List.of(), b.wrongThread);
    }

    @Test
    @EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
    void speedAndFramingReachTheDevice() throws Exception {
        startSocat();
        RecordingProtocol a = new RecordingProtocol(reactorThread);
        SerialPortTransport port = open(a, ptys[0],
                new SerialSettings(19200, 7, Parity.EVEN, StopBits.TWO, FlowControl.NONE));
        a.made.get(30, TimeUnit.SECONDS);
        String settings = stty(ptys[0]);
        assertTrue(settings.contains("speed 19200 baud"), settings);
        assertTrue(settings.contains(" cstopb "), settings);
        // Parity checking of input is on. (Linux's pty driver forces cs8 and -parenb on every pty,
        // drivers/tty/pty.c pty_set_termios, so the character size and parity bit cannot show here.)
        assertTrue(settings.contains(" inpck "), settings);

        RecordingProtocol b = new RecordingProtocol(reactorThread);
        SerialPortTransport plain = open(b, ptys[1], SerialSettings.DEFAULT);
        b.made.get(30, TimeUnit.SECONDS);
        String plainSettings = stty(ptys[1]);
        assertTrue(plainSettings.contains("speed 9600 baud"), plainSettings);
        assertTrue(plainSettings.contains(" -cstopb "), plainSettings);
        assertTrue(plainSettings.contains(" -inpck "), plainSettings);
        reactor.submit(plain::loseConnection).get();
        assertEquals(19200, port.settings().baudRate());
        reactor.submit(port::loseConnection).get();
        a.lost.get(30, TimeUnit.SECONDS);
    }

    private static String stty(String device) throws Exception {
        Process stty = new ProcessBuilder("stty", "-F", device, "-a").redirectErrorStream(true).start();
        String settings = new String(stty.getInputStream().readAllBytes(), UTF_8);
        assertTrue(stty.waitFor(30, TimeUnit.SECONDS));
        return settings.replace('\n', ' ');
    }

    @Test
    @EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
    void aPortOpenedThroughASymlinkWorks(@TempDir Path dir) throws Exception {
        startSocat();
        Path link = Files.createSymbolicLink(dir.resolve("my-device"), Path.of(ptys[0]));
        RecordingProtocol a = new RecordingProtocol(reactorThread);
        RecordingProtocol b = new RecordingProtocol(reactorThread);
        SerialPortTransport portA = open(a, link.toString(), SerialSettings.DEFAULT);
        open(b, ptys[1], SerialSettings.DEFAULT);
        reactor.submit(() -> portA.write("via link".getBytes(UTF_8))).get();
        assertEquals("via link", new String(b.receivedAtLeast(8).get(30, TimeUnit.SECONDS), UTF_8));
    }

    @Test
    @EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
    void theOtherEndGoingAwayLosesTheConnection() throws Exception {
        startSocat();
        RecordingProtocol a = new RecordingProtocol(reactorThread);
        SerialPortTransport port = open(a, ptys[0], SerialSettings.DEFAULT);
        a.made.get(30, TimeUnit.SECONDS);
        socat.destroy();
        Failure reason = a.lost.get(30, TimeUnit.SECONDS);
        assertInstanceOf(ConnectionLost.class, reason.value());
        assertFalse(port.isOpen());
    }

    @Test
    void aMissingDeviceGivesAClearError() {
        RecordingProtocol a = new RecordingProtocol(reactorThread);
        SerialPortException error = assertThrows(SerialPortException.class,
                () -> SerialPortTransport.open(reactor, a, "/dev/no-such-tty-torsion", SerialSettings.DEFAULT));
        assertEquals("/dev/no-such-tty-torsion", error.portPath());
        assertTrue(error.getMessage().contains("/dev/no-such-tty-torsion"), error.getMessage());
        assertFalse(a.made.isDone());
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> SerialSettings.of(0));
        assertThrows(IllegalArgumentException.class,
                () -> new SerialSettings(9600, 9, Parity.NONE, StopBits.ONE, FlowControl.NONE));
        assertEquals("9600 8N1 flow NONE", SerialSettings.DEFAULT.toString());
        assertEquals("19200 7E2 flow RTS_CTS",
                new SerialSettings(19200, 7, Parity.EVEN, StopBits.TWO, FlowControl.RTS_CTS).toString());
    }
}
