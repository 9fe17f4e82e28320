package dev.torsion.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.netty.testing.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real {@code torsion} process serving, stopping, detaching, logging and profiling. */
class RunnerProcessTest {
    private static final String STARTED = "torsion echo started: pid \\d+";

    @TempDir
    Path directory;

    @Test
    void echoServesAndSigtermStopsCleanlyRemovingThePidFile() throws Exception {
        int port = FreePorts.tcp();
        Path pidFile = directory.resolve("echo.pid");
        try (TorsionProcess torsion = TorsionProcess.start(directory,
                "--pidfile", pidFile.toString(), "echo", "--listen", "tcp:" + port + ":interface=127.0.0.1")) {
            torsion.awaitOutput(STARTED);
            assertEquals(torsion.process().pid() + "\n", Files.readString(pidFile));

            byte[] message = "hello, torsion\r\n\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
            assertArrayEquals(message, TorsionProcess.echoRoundTrip(port, message));

            torsion.terminate();
            assertEquals(0, torsion.awaitExit(), torsion.transcript());
            String log = torsion.stdout();
            assertTrue(log.contains("received SIGTERM, shutting down"), log);
            assertTrue(log.matches("(?s).*\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}.*torsion echo stopped\\R.*"), log);
            assertFalse(log.contains("ERROR"), log);
            assertFalse(Files.exists(pidFile), "the pid file is left behind");
            assertFalse(TorsionProcess.accepts(port));
        }
    }

    @Test
    void echoServesOnAUnixSocketEndpoint() throws Exception {
        Path socket = directory.resolve("echo.sock");
        try (TorsionProcess torsion = TorsionProcess.start(directory, "echo", "--listen", "unix:" + socket)) {
            torsion.awaitOutput(STARTED);
            try (SocketChannel channel = SocketChannel.open(
                    UnixDomainSocketAddress.of(socket))) {
                channel.write(ByteBuffer.wrap("over a UNIX socket".getBytes(StandardCharsets.US_ASCII)));
                channel.shutdownOutput();
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                ByteBuffer buffer = ByteBuffer.allocate(1024);
                while (channel.read(buffer.clear()) != -1) {
                    received.write(buffer.array(), 0, buffer.position());
                }
                assertEquals("over a UNIX socket", received.toString(StandardCharsets.US_ASCII));
            }
            torsion.terminate();
            assertEquals(0, torsion.awaitExit(), torsion.transcript());
        }
    }

    @Test
    void aBadEndpointIsAUsageError() throws Exception {
        try (TorsionProcess torsion = TorsionProcess.start(directory, "echo", "--listen", "tcp:notaport")) {
            assertEquals(2, torsion.awaitExit(), torsion.transcript());
            assertTrue(torsion.stderr().startsWith("torsion: echo: "), torsion.transcript());
            assertTrue(torsion.stderr().contains("notaport"), torsion.transcript());
        }
    }

    @Test
    void sigintStopsCleanlyToo() throws Exception {
        int port = FreePorts.tcp();
        try (TorsionProcess torsion = TorsionProcess.start(directory, "echo", "--listen", "tcp:" + port)) {
            torsion.awaitOutput(STARTED);
            TorsionProcess.signal(torsion.process().pid(), "INT");
            assertEquals(0, torsion.awaitExit(), torsion.transcript());
            assertTrue(torsion.stdout().contains("received SIGINT, shutting down"), torsion.transcript());
        }
    }

    @Test
    void aPidFileNamingALiveProcessRefusesTheStart() throws Exception {
        Path pidFile = directory.resolve("taken.pid");
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
        try (TorsionProcess torsion = TorsionProcess.start(directory,
                "--pidfile", pidFile.toString(), "echo", "--listen", "tcp:0")) {
            assertEquals(1, torsion.awaitExit(), torsion.transcript());
            assertTrue(torsion.stderr().startsWith("torsion: another server is running with process id "
                    + ProcessHandle.current().pid()), torsion.transcript());
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(pidFile));
        }
    }

    @Test
    void aStalePidFileIsReplaced() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path pidFile = directory.resolve("stale.pid");
        Files.writeString(pidFile, gone.pid() + "\n");
        int port = FreePorts.tcp();
        try (TorsionProcess torsion = TorsionProcess.start(directory, "--pidfile", pidFile.toString(),
                "echo", "--listen", "tcp:" + port + ":interface=127.0.0.1")) {
            torsion.awaitOutput(STARTED);
            assertEquals(torsion.process().pid() + "\n", Files.readString(pidFile));
            assertTrue(torsion.stdout().contains("replacing the stale pid file " + pidFile + " (process " + gone.pid()
                    + " is gone)"), torsion.transcript());
            torsion.terminate();
            assertEquals(0, torsion.awaitExit(), torsion.transcript());
            assertFalse(Files.exists(pidFile));
        }
    }

    @Test
    void aPortInUseFailsWithStatus1AndALogLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                TorsionProcess torsion = TorsionProcess.start(directory,
                        "echo", "--listen", "tcp:" + taken.getLocalPort() + ":interface=127.0.0.1")) {
            assertEquals(1, torsion.awaitExit(), torsion.transcript());
            // One line on stderr naming the option and the reason; the log says it once, without a stack trace.
            assertEquals("torsion: echo: --listen tcp:" + taken.getLocalPort() + ":interface=127.0.0.1: Address already in use\n",
                    torsion.stderr(), torsion.transcript());
            assertTrue(torsion.stdout().contains("ERROR " + Runner.class.getName() + " - torsion echo: --listen tcp:"), torsion.transcript());
            assertTrue(!torsion.stdout().contains("\tat "), "a stack trace above DEBUG:\n" + torsion.transcript());
        }
    }

    @Test
    void daemonDetachesAndThePidFilesProcessServes() throws Exception {
        int port = FreePorts.tcp();
        Path pidFile = directory.resolve("daemon.pid");
        Path logFile = directory.resolve("daemon.log");
        long daemonPid;
        try (TorsionProcess parent = TorsionProcess.start(directory, "--daemon", "--pidfile", pidFile.toString(),
                "--logfile", logFile.toString(), "echo", "--listen", "tcp:" + port + ":interface=127.0.0.1")) {
            assertEquals(0, parent.awaitExit(), parent.transcript());
            daemonPid = Long.parseLong(Files.readString(pidFile).trim());
            assertNotEquals(parent.process().pid(), daemonPid);
        }
        try {
            assertTrue(ProcessHandle.of(daemonPid).map(ProcessHandle::isAlive).orElse(false), "the daemon is not running");
            // A new session: the daemon leads it, with no controlling terminal of ours.
            String[] stat = Files.readString(Path.of("/proc", Long.toString(daemonPid), "stat")).split("\\) ")[1].split(" ");
            assertEquals(Long.toString(daemonPid), stat[3], "session id");
            byte[] message = "from the daemon".getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(message, TorsionProcess.echoRoundTrip(port, message));
            assertTrue(Files.readString(logFile).contains("torsion echo started: pid " + daemonPid), Files.readString(logFile));
        } finally {
            TorsionProcess.signal(daemonPid, "TERM");
            TorsionProcess.awaitGone(daemonPid);
        }
        assertFalse(Files.exists(pidFile), "the pid file is left behind");
        assertTrue(Files.readString(logFile).contains("torsion echo stopped"), Files.readString(logFile));
    }

    @Test
    void aDaemonThatCannotListenMakesTheParentFail() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                TorsionProcess parent = TorsionProcess.start(directory, "--daemon",
                        "--pidfile", directory.resolve("d.pid").toString(), "--logfile", directory.resolve("d.log").toString(),
                        "echo", "--listen", "tcp:" + taken.getLocalPort() + ":interface=127.0.0.1")) {
            assertEquals(1, parent.awaitExit(), parent.transcript());
            assertTrue(parent.stderr().startsWith("torsion: the daemon exited with status 1 before it was ready"),
                    parent.transcript());
            assertFalse(Files.exists(directory.resolve("d.pid")));
        }
    }

    @Test
    void theLogFileRollsOverAtItsSizeLimit() throws Exception {
        int port = FreePorts.tcp();
        Path logFile = directory.resolve("torsion.log");
        try (TorsionProcess torsion = TorsionProcess.start(directory, "--logfile", logFile.toString(),
                "--log-max-size", "1KB", "--log-level", "DEBUG", "echo", "--listen", "tcp:" + port + ":interface=127.0.0.1")) {
            torsion.awaitCondition("the log file to say it started", () -> contains(logFile, "torsion echo started"));
            byte[] message = {42};
            // Each connection logs two DEBUG lines; keep connecting until two files have been rolled.
            torsion.awaitCondition("two rolled log files", () -> {
                try {
                    TorsionProcess.echoRoundTrip(port, message);
                    return rolledFiles(logFile).size() >= 2;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            torsion.terminate();
            assertEquals(0, torsion.awaitExit(), torsion.transcript());
        }
        List<Path> rolled = rolledFiles(logFile);
        for (Path file : rolled) {
            String name = file.getFileName().toString();
            assertTrue(name.matches("torsion\\.log\\.\\d{4}-\\d\\d-\\d\\d\\.\\d+"), name);
            assertTrue(Files.size(file) < 4096, name + " is " + Files.size(file) + " bytes");
            assertTrue(Files.readString(file).matches("(?s)\\d{4}-\\d\\d-\\d\\dT.*"), name);
        }
        assertTrue(Files.readString(logFile).contains("torsion echo stopped"));
    }

    @Test
    void theRolledLogFilesAreDeletedOldestFirstBeyondTheirTotalCap() throws Exception {
        int port = FreePorts.tcp();
        Path logFile = directory.resolve("torsion.log");
        try (TorsionProcess torsion = TorsionProcess.start(directory, "--logfile", logFile.toString(),
                "--log-max-size", "1KB", "--log-max-total", "4KB", "--log-level", "DEBUG",
                "echo", "--listen", "tcp:" + port + ":interface=127.0.0.1")) {
            torsion.awaitCondition("the log file to say it started", () -> contains(logFile, "torsion echo started"));
            byte[] message = {42};
            // Keep logging until a dozen files have been rolled: then the first ones must be gone.
            torsion.awaitCondition("a twelfth rolled log file and the oldest deleted", () -> {
                try {
                    TorsionProcess.echoRoundTrip(port, message);
                    List<Path> rolled = rolledFiles(logFile);
                    return rolled.stream().anyMatch(f -> rollIndex(f) >= 12) && rolled.stream().noneMatch(f -> rollIndex(f) == 0);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            long total = 0;
            for (Path file : rolledFiles(logFile)) {
                total += Files.size(file);
            }
            // The cap, plus at most one file rolled since the last clean-up.
            assertTrue(total <= 4096 + 4096, "rolled files take " + total + " bytes: " + rolledFiles(logFile));
            torsion.terminate();
            assertEquals(0, torsion.awaitExit(), torsion.transcript());
        }
    }

    private static int rollIndex(Path rolled) {
        String name = rolled.getFileName().toString();
        return Integer.parseInt(name.substring(name.lastIndexOf('.') + 1));
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.exists(file) && Files.readString(file).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Path> rolledFiles(Path logFile) throws IOException {
        try (Stream<Path> files = Files.list(logFile.getParent())) {
            return files.filter(f -> f.getFileName().toString().startsWith(logFile.getFileName() + ".")).sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "epoll"})
    void eachReactorServes(String kind) throws Exception {
        int port = FreePorts.tcp();
        try (TorsionProcess torsion = TorsionProcess.start(directory, "--reactor", kind,
                "echo", "--listen", "tcp:" + port + ":interface=127.0.0.1")) {
            torsion.awaitOutput(STARTED + ", reactor " + kind + ",");
            byte[] message = ("over " + kind).getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(message, TorsionProcess.echoRoundTrip(port, message));
            torsion.terminate();
            assertEquals(0, torsion.awaitExit(), torsion.transcript());
        }
    }

    @Test
    void severalWorkersShareTheListeningPort() throws Exception {
        int port = FreePorts.tcp();
        try (TorsionProcess torsion = TorsionProcess.start(directory, "--workers", "3", "--log-level", "DEBUG",
                "echo", "--listen", "tcp:" + port + ":interface=127.0.0.1")) {
            torsion.awaitOutput(STARTED + ", reactor \\w+, 3 workers");
            for (int i = 0; i < 30; i++) {
                byte[] message = ("connection " + i).getBytes(StandardCharsets.US_ASCII);
                assertArrayEquals(message, TorsionProcess.echoRoundTrip(port, message));
            }
            torsion.terminate();
            assertEquals(0, torsion.awaitExit(), torsion.transcript());
            String log = torsion.stdout();
            assertEquals(3, log.lines().filter(line -> line.contains("ListeningService - listening on ")).count(), log);
            // The kernel spread the connections: more than one reactor thread served some.
            long servingThreads = log.lines().filter(line -> line.contains("echo connection from"))
                    .map(line -> line.substring(line.indexOf('[') + 1, line.indexOf(']')))
                    .distinct().count();
            assertTrue(servingThreads >= 2, log);
        }
    }

    @Test
    void profileWritesAFlightRecordingAtExit() throws Exception {
        int port = FreePorts.tcp();
        Path recording = directory.resolve("echo.jfr");
        try (TorsionProcess torsion = TorsionProcess.start(directory, "--profile", recording.toString(),
                "echo", "--listen", "tcp:" + port + ":interface=127.0.0.1")) {
            torsion.awaitOutput(STARTED);
            TorsionProcess.echoRoundTrip(port, new byte[] {1, 2, 3});
            torsion.terminate();
            assertEquals(0, torsion.awaitExit(), torsion.transcript());
            assertTrue(torsion.stdout().contains("profile written to " + recording), torsion.transcript());
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
        assertTrue(events.stream().anyMatch(e -> e.getEventType().getName().equals("jdk.JVMInformation")),
                "no JVM information in the recording");
    }
}
