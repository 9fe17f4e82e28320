package dev.torsion.app.daemon;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * {@code --daemon}: a JVM cannot fork, so it starts itself again (same java, same JVM options,
 * same class path, same arguments plus a marker) in a new session with {@code setsid}, with stdin,
 * stdout and stderr on {@code /dev/null}. The parent waits until the child has written its pid
 * file (which it does once its ports are open) and then exits 0, or reports the child's failure.
 */
public final class Daemonizer {
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Path ALT_SETSID = Path.of("/bin/setsid");

    private final String mainClass;
    private final String childMarker;
    private final Duration startTimeout;

    /**
     * Prepares to start {@code mainClass} as a daemon; {@code childMarker} is the option that tells
     * the child it is the daemon; the parent gives up after {@code startTimeout}.
     */
    public Daemonizer(String mainClass, String childMarker, Duration startTimeout) {
        this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
        this.childMarker = Objects.requireNonNull(childMarker, "childMarker");
        this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
    }

    /** The outcome of starting the daemon. */
    public record Outcome(boolean started, long pid, String message) {
    }

    /**
     * Starts the child with {@code args} and waits until it has written {@code pidFile}. The pid
     * file must not exist or must be stale (the caller checked).
     */
    public Outcome start(List<String> args, PidFile pidFile) throws IOException, InterruptedException {
        List<String> command = command(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Process child = builder.start();
        long deadline = System.nanoTime() + startTimeout.toNanos();
        boolean forked = false;
        while (System.nanoTime() < deadline) {
            OptionalLong written = readQuietly(pidFile);
            if (written.isPresent() && (written.getAsLong() == child.pid()
                    || forked && PidFile.isAlive(written.getAsLong()))) {
                return new Outcome(true, written.getAsLong(), "started");
            }
            // Waiting on the child's exit doubles as the polling interval for the pid file.
            if (!forked && child.waitFor(25, TimeUnit.MILLISECONDS)) {
                if (child.exitValue() != 0) {
                    return new Outcome(false, -1, "the daemon exited with status " + child.exitValue()
                            + " before it was ready; see its log file");
                }
                // setsid forks when it leads its process group: the grandchild is the daemon.
                forked = true;
            } else if (forked) {
                Thread.sleep(25);
            }
        }
        child.destroy();
        return new Outcome(false, -1, "the daemon did not write " + pidFile.path() + " within "
                + startTimeout.toSeconds() + " s; stopped it; see its log file");
    }

    /** {@code setsid java [JVM options] -cp CLASSPATH MAIN MARKER ARGS...} */
    List<String> command(List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(setsid().toString());
        command.add(javaExecutable());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // A debugger agent listening on a fixed port would clash with the parent's.
            if (!option.startsWith("-agentlib:jdwp")) {
                command.add(option);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.add(childMarker);
        command.addAll(args);
        return command;
    }

    private static Path setsid() throws IOException {
        if (Files.isExecutable(SETSID)) {
            return SETSID;
        }
        if (Files.isExecutable(ALT_SETSID)) {
            return ALT_SETSID;
        }
        throw new IOException("--daemon needs the setsid program (Debian package util-linux)");
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static OptionalLong readQuietly(PidFile pidFile) {
        try {
            return pidFile.read();
        } catch (IOException | IllegalStateException e) {
            // Half-written or unreadable for a moment: look again on the next turn.
            return OptionalLong.empty();
        }
    }
}
