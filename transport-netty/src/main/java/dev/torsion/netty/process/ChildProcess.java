package dev.torsion.netty.process;

import com.sun.jna.Platform;
import dev.torsion.defer.Failure;
import dev.torsion.internet.ProcessProtocol;
import dev.torsion.internet.ProcessTransport;
import dev.torsion.internet.PushProducer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child process bound to a {@link ProcessProtocol}: what {@code Reactor.spawnProcess} returns.
 *
 * <p>The child's stdin, stdout and stderr are pipes. One shared poller thread
 * ({@code torsion-process-poller}) waits on the pipes of every child with {@code poll(2)}, so output
 * reaches the protocol as it arrives, and writes to stdin are queued and never block the caller.
 * Every protocol callback runs through the reactor's executor, in this order: {@code makeConnection},
 * then {@code childDataReceived} and {@code childConnectionLost} for each descriptor as it happens,
 * {@code processExited} when the child has exited, and finally {@code processEnded} once the child
 * has exited and all three pipes are closed.
 *
 * <p>The exit reason is {@link dev.torsion.internet.error.ProcessDone} for exit code 0 and
 * {@link dev.torsion.internet.error.ProcessTerminated} with the exit code, or with the signal number
 * when a signal killed the child. The signal comes from the real wait status: children are started
 * with {@code posix_spawn} and reaped with {@code waitpid} here, not through {@link ProcessBuilder},
 * whose reaper reports "killed by signal 15" and "exit code 143" alike. Needs Linux 5.3 or newer
 * (pidfd) and glibc 2.34 or newer.
 *
 * <p>Call its methods on the reactor thread. It is also a {@link PushProducer}: pausing it stops
 * reading the child's output, so a slow protocol makes the child block on its writes.
 */
public final class ChildProcess implements ProcessTransport, PushProducer {
    private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);

    private final Executor reactor;
    private final ProcessProtocol protocol;
    private final String executable;
    private final ChildPipes pipes;
    private final long initialPid;

    // Reactor-thread state.
    private final boolean[] fdOpen = {true, true, true};
    private boolean stdinClosing;
    private Failure exitReason;
    private boolean ended;

    private ChildProcess(Executor reactor, ProcessProtocol protocol, String executable, PosixSpawner.Spawned spawned) {
        this.reactor = reactor;
        this.protocol = protocol;
        this.executable = executable;
        this.initialPid = spawned.pid();
        this.pipes = new ChildPipes(spawned, new ReactorEvents(), ProcessPoller.instance()::wakeup);
    }

    /**
     * Starts {@code executable} and binds {@code protocol} to it.
     *
     * @param reactorThread runs every protocol callback, in order (the reactor's {@code callFromThread})
     * @param protocol hears the child's output and its end
     * @param executable the program: a bare name is looked up on PATH (the given environment's PATH
     *     when it sets one, else this JVM's), a name with a slash is used as it is
     * @param args the arguments after the program name (argv[1] onwards)
     * @param env the child's whole environment, or null to inherit this JVM's
     * @param path the child's working directory, or null for this JVM's
     * @return the running child
     * @throws ProcessSpawnException when the program cannot be started (not found, not executable,
     *     missing directory, system limits), before any callback
     */
    public static ChildProcess spawn(Executor reactorThread, ProcessProtocol protocol, String executable,
            List<String> args, Map<String, String> env, Path path) {
        Objects.requireNonNull(reactorThread, "reactorThread");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(executable, "executable");
        if (!Platform.isLinux()) {
            throw new ProcessSpawnException(executable, 0,
                    "spawning processes needs Linux (posix_spawn, pidfd); this is " + System.getProperty("os.name"));
        }
        List<String> arguments = List.copyOf(args == null ? List.of() : args);
        checkNoNul(executable, "executable");
        arguments.forEach(arg -> checkNoNul(arg, "argument"));
        if (env != null) {
            env.forEach((name, value) -> {
                checkNoNul(name, "environment name");
                checkNoNul(value, "environment value");
                if (name.isEmpty() || name.indexOf('=') >= 0) {
                    throw new IllegalArgumentException("Invalid environment variable name: \"" + name + "\"");
                }
            });
        }
        PosixSpawner.Spawned spawned = PosixSpawner.spawn(executable, arguments, env, path);
        ChildProcess child = new ChildProcess(reactorThread, protocol, executable, spawned);
        log.debug("Spawned {} {} as pid {}", executable, arguments, spawned.pid());
        child.deliver(() -> protocol.makeConnection(child));
        ProcessPoller.instance().register(child.pipes);
        return child;
    }

    private static void checkNoNul(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("A null " + what + " cannot be passed to a process");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("A process " + what + " cannot contain a NUL character");
        }
    }

    @Override
    public long pid() {
        return pipes.pid();
    }

    @Override
    public void write(byte[] data) {
        writeToChild(0, data);
    }

    /** Queues {@code data} for the child's stdin; do not change the array afterwards. */
    @Override
    public void writeToChild(int fd, byte[] data) {
        if (fd != 0) {
            throw new IllegalArgumentException("Only the child's stdin (fd 0) is writable, not fd " + fd);
        }
        Objects.requireNonNull(data, "data");
        if (stdinClosing || !fdOpen[0]) {
            log.debug("Dropping {} bytes written to process {} after its stdin was closed", data.length, initialPid);
            return;
        }
        if (data.length > 0) {
            pipes.write(data);
        }
    }

    @Override
    public void closeChildFD(int fd) {
        if (fd < 0 || fd > 2) {
            throw new IllegalArgumentException("The child has descriptors 0, 1 and 2, not " + fd);
        }
        if (fd == 0) {
            stdinClosing = true;
        }
        pipes.requestClose(fd);
    }

    @Override
    public void loseConnection() {
        for (int fd = 0; fd <= 2; fd++) {
            closeChildFD(fd);
        }
    }

    /**
     * Sends a signal by name ({@code "TERM"}, {@code "KILL"}, {@code "INT"}, {@code "HUP"},
     * {@code "SIGUSR1"}, ...) or number.
     *
     * @throws dev.torsion.internet.error.ProcessExitedAlready when the child has exited
     * @throws IllegalArgumentException for an unknown signal name
     */
    @Override
    public void signalProcess(String signal) {
        pipes.sendSignal(Signals.number(signal));
    }

    /** Stops reading the child's stdout and stderr until {@link #resumeProducing()}. */
    @Override
    public void pauseProducing() {
        pipes.setPaused(true);
    }

    /** Reads the child's output again. */
    @Override
    public void resumeProducing() {
        pipes.setPaused(false);
    }

    /** Closes all three pipes, as {@link #loseConnection()}. */
    @Override
    public void stopProducing() {
        loseConnection();
    }

    @Override
    public String toString() {
        return "ChildProcess[" + executable + ", pid " + initialPid + "]";
    }

    private void deliver(Runnable callback) {
        try {
            reactor.execute(() -> {
                try {
                    callback.run();
                } catch (RuntimeException e) {
                    log.error("Process protocol of {} failed in a callback", this, e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("Reactor refused an event of {}: it has stopped", this);
        }
    }

    private void maybeEnded() {
        if (!ended && exitReason != null && !fdOpen[0] && !fdOpen[1] && !fdOpen[2]) {
            ended = true;
            protocol.processEnded(exitReason);
        }
    }

    /** Hands the poller's events to the reactor thread. */
    private final class ReactorEvents implements ChildEvents {
        @Override
        public void dataReceived(int fd, byte[] data) {
            deliver(() -> {
                try {
                    protocol.childDataReceived(fd, data);
                } finally {
                    pipes.delivered(data.length);
                }
            });
        }

        @Override
        public void fdClosed(int fd) {
            deliver(() -> {
                fdOpen[fd] = false;
                try {
                    protocol.childConnectionLost(fd);
                } finally {
                    maybeEnded();
                }
            });
        }

        @Override
        public void exited(Failure reason) {
            deliver(() -> {
                exitReason = reason;
                try {
                    protocol.processExited(reason);
                } finally {
                    maybeEnded();
                }
            });
        }
    }
}
