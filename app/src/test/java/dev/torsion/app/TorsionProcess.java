package dev.torsion.app;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * The real {@code torsion} command started as a separate JVM, the way the launcher starts it
 * (same main class, the module's runtime class path), with its output captured in files. Waits
 * poll with a deadline; nothing sleeps a fixed time.
 */
final class TorsionProcess implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(20);

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private TorsionProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** The class path the launcher would use: the app's classes and its runtime dependencies. */
    static String classPath() throws IOException {
        String classes = requiredProperty("torsion.app.classes");
        String dependencies = Files.readString(Path.of(requiredProperty("torsion.app.classpath"))).trim();
        return classes + (dependencies.isEmpty() ? "" : File.pathSeparator + dependencies);
    }

    /** {@link #classPath()} with the test classes, whose test-only plugins (wedge, blast) it adds. */
    static String classPathWithTestPlugins() throws Exception {
        Path testClasses = Path.of(WedgePlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return classPath() + File.pathSeparator + testClasses;
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set (run the tests with Maven)");
        }
        return value;
    }

    /** The command line that runs {@code torsion ARGS} with {@code classPath}, after {@code prefix} (e.g. setpriv). */
    static List<String> command(List<String> prefix, String classPath, List<String> args) {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(classPath);
        command.add(Torsion.class.getName());
        command.addAll(args);
        return command;
    }

    /** Starts {@code torsion ARGS} in {@code directory}, its output going to files there. */
    static TorsionProcess start(Path directory, String... args) throws IOException {
        return start(directory, List.of(), classPath(), args);
    }

    /** Starts {@code PREFIX... java -cp CLASSPATH ... torsion ARGS} in {@code directory}. */
    static TorsionProcess start(Path directory, List<String> prefix, String classPath, String... args) throws IOException {
        Path out = Files.createTempFile(directory, "stdout", ".txt");
        Path err = Files.createTempFile(directory, "stderr", ".txt");
        Process process = new ProcessBuilder(command(prefix, classPath, Arrays.asList(args)))
                .directory(directory.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        return new TorsionProcess(process, out, err);
    }

    /** The JVM process. */
    Process process() {
        return process;
    }

    /** Everything it wrote to stdout so far. */
    String stdout() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    /** Everything it wrote to stderr so far. */
    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /** Waits until stdout has a line matching {@code regex}; fails with the output otherwise. */
    void awaitOutput(String regex) throws Exception {
        Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE);
        awaitCondition("a line matching " + regex, () -> pattern.matcher(readQuietly(stdout)).find());
    }

    /** Waits until {@code condition} holds, failing after {@link #START_TIMEOUT} or when the process died. */
    void awaitCondition(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError("torsion exited (" + process.exitValue() + ") before " + what + "\n" + transcript());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "\n" + transcript());
            }
            process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Starts a thread that writes to {@code socket} without ever reading and waits until the
     * connection is backed up: more sent than the kernel buffers hold, or the server stopped taking
     * more (backpressure). The thread ends when the server cuts the connection.
     */
    void floodUntilBackedUp(Socket socket) throws Exception {
        AtomicLong written = new AtomicLong();
        Thread writer = new Thread(() -> floodQuietly(socket, written), "flood");
        writer.setDaemon(true);
        writer.start();
        long[] last = {-1, System.nanoTime()};
        awaitCondition("the connection to back up", () -> {
            long now = written.get();
            if (now != last[0]) {
                last[0] = now;
                last[1] = System.nanoTime();
            }
            return now >= 16L << 20 || now > 0 && System.nanoTime() - last[1] > TimeUnit.SECONDS.toNanos(1);
        });
    }

    private static void floodQuietly(Socket socket, AtomicLong written) {
        byte[] chunk = new byte[64 * 1024];
        try {
            OutputStream out = socket.getOutputStream();
            while (true) {
                out.write(chunk);
                written.addAndGet(chunk.length);
            }
        } catch (IOException cutOff) {
            // The server cut the connection: expected.
        }
    }

    /** Waits for the process to exit and returns its status. */
    int awaitExit() throws Exception {
        if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("torsion did not exit\n" + transcript());
        }
        return process.exitValue();
    }

    /** Sends SIGTERM (what {@link Process#destroy()} does on Linux). */
    void terminate() {
        process.destroy();
    }

    /** Stdout and stderr, for failure messages. */
    String transcript() {
        return "--- stdout ---\n" + readQuietly(stdout) + "--- stderr ---\n" + readQuietly(stderr);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    // ---------------------------------------------------------------- network helpers

    /** Whether something accepts connections on 127.0.0.1:{@code port}. */
    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Sends {@code message} to an echo server on {@code port} and returns what comes back. */
    static byte[] echoRoundTrip(int port, byte[] message) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(message);
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            return in.readAllBytes();
        }
    }

    /** Sends a signal ({@code TERM}, {@code INT}, ...) to any process by id, with kill(1). */
    static void signal(long pid, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + name + " " + pid + " failed");
        }
    }

    /** Waits until the process {@code pid} has gone. */
    static void awaitGone(long pid) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("process " + pid + " did not exit");
            }
            ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().orTimeout(POLL.toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(timeout -> handle).join());
        }
    }
}
