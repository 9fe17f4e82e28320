package dev.torsion.netty.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A peer program (Prosody, Dovecot, INN, sshd, ...) running in the foreground for the tests of a
 * class: started once, with its output in a log file, ready when it listens on its ports, stopped
 * by its PID on {@link #close()}. A missing program, or one that exits or does not listen within
 * the start timeout, is a failure that quotes its log, never a skip.
 *
 * <pre>{@code
 * static PeerProcess prosody;
 *
 * @BeforeAll
 * static void start() throws Exception {
 *     prosody = PeerProcess.start(List.of("/usr/bin/prosody", "--config", config.toString()),
 *             temp.resolve("prosody.log"), port);
 * }
 *
 * @AfterAll
 * static void stop() {
 *     prosody.close();
 * }
 * }</pre>
 */
public final class PeerProcess implements AutoCloseable {
    /** How long {@link #start} waits for the program to listen. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration TERMINATE_TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 50;

    private final String program;
    private final Process process;
    private final Path log;

    private PeerProcess(String program, Process process, Path log) {
        this.program = program;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command} (its first element must be an installed program) with stdin from
     * /dev/null and stdout and stderr into {@code log}, and waits until something accepts TCP
     * connections at 127.0.0.1 on each of {@code ports}.
     */
    public static PeerProcess start(List<String> command, Path log, int... ports) throws IOException, InterruptedException {
        Programs.require(command.get(0));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        PeerProcess peer = new PeerProcess(Path.of(command.get(0)).getFileName().toString(), process, log);
        try {
            for (int port : ports) {
                peer.awaitListening(port);
            }
        } catch (AssertionError | IOException | InterruptedException | RuntimeException failed) {
            peer.close();
            throw failed;
        }
        return peer;
    }

    /** Waits until something accepts TCP connections at 127.0.0.1 on {@code port} (another port of the program). */
    public void awaitListening(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), (int) POLL_MILLIS * 20);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new AssertionError(program + " exited with " + process.exitValue() + ": " + log());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(program + " did not listen on " + port + " within " + START_TIMEOUT + ": " + log());
                }
                process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS); // poll while the program starts
            }
        }
    }

    /** Whether the program still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the program has written so far (stdout and stderr). */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops the program with SIGTERM and returns its exit status: what a service manager does, and
     * what a server must survive cleanly. Fails (after killing it) if it has not ended within 60
     * seconds.
     */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(TERMINATE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(program + " did not stop on SIGTERM within " + TERMINATE_TIMEOUT + ": " + log());
        }
        return process.exitValue();
    }

    /** Stops the program: SIGTERM, then SIGKILL if it has not ended within 10 seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
