package dev.torsion.app;

import dev.torsion.app.daemon.Daemonizer;
import dev.torsion.app.daemon.PidFile;
import dev.torsion.app.daemon.ReopenSignal;
import dev.torsion.app.daemon.StopSignals;
import dev.torsion.app.logging.LogSetup;
import dev.torsion.app.privileges.PrivilegeDrop;
import dev.torsion.app.privileges.PrivilegeException;
import dev.torsion.app.profile.FlightRecording;
import dev.torsion.app.reactor.Reactors;
import dev.torsion.internet.Reactor;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one plugin as twistd runs an application: go to the background if asked, set up logging,
 * check the pid file, build the services on each reactor, open the ports, write the pid file,
 * drop privileges, start the services, serve until a stop signal, then stop everything in reverse
 * and clean up.
 */
final class Runner {
    private static final Logger log = LoggerFactory.getLogger(Runner.class);
    /** How long a {@code --daemon} parent waits for its child to listen. */
    private static final Duration DAEMON_START_TIMEOUT = Duration.ofSeconds(60);

    private final RunnerOptions options;
    private final RunnerPlugin plugin;
    private final List<String> args;
    private final PrintStream err;

    Runner(RunnerOptions options, RunnerPlugin plugin, List<String> args, PrintStream err) {
        this.options = options;
        this.plugin = plugin;
        this.args = args;
        this.err = err;
    }

    int run() {
        PidFile pidFile = options.effectivePidfile() == null ? null : new PidFile(options.effectivePidfile());
        PrivilegeDrop privileges = options.privilegeDrop();
        try {
            privileges.check();
            if (pidFile != null) {
                pidFile.checkNotRunning();
            }
        } catch (PrivilegeException | IllegalStateException | IOException e) {
            err.println("torsion: " + e.getMessage());
            return Torsion.FAILED;
        }
        if (options.shouldDetach()) {
            return detach(pidFile);
        }
        try {
            options.logSetup().apply();
        } catch (IllegalArgumentException e) {
            err.println("torsion: " + e.getMessage());
            return Torsion.FAILED;
        }
        try {
            return serve(pidFile, privileges);
        } finally {
            LogSetup.shutdown();
        }
    }

    /** The parent's part of {@code --daemon}: start the child and wait until it listens. */
    private int detach(PidFile pidFile) {
        Daemonizer daemonizer = new Daemonizer(Torsion.class.getName(), "--daemon-child", DAEMON_START_TIMEOUT);
        try {
            Daemonizer.Outcome outcome = daemonizer.start(args, pidFile);
            if (!outcome.started()) {
                err.println("torsion: " + outcome.message());
                return Torsion.FAILED;
            }
            return Torsion.OK;
        } catch (IOException e) {
            err.println("torsion: cannot start the daemon: " + e.getMessage());
            return Torsion.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Torsion.FAILED;
        }
    }

    private int serve(PidFile pidFile, PrivilegeDrop privileges) {
        long pid = ProcessHandle.current().pid();
        log.info("{} (Java {}) starting up: {}", new TorsionVersion().getVersion()[0],
                Runtime.version(), plugin.name());
        List<Reactor> reactors = new ArrayList<>();
        try {
            for (int i = 0; i < options.workers; i++) {
                reactors.add(Reactors.create(options.reactor, options.workers > 1));
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            reactors.forEach(Runner::release);
            log.error("--reactor: {}", e.getMessage());
            err.println("torsion: --reactor: " + e.getMessage());
            return e instanceof IllegalArgumentException ? Torsion.USAGE : Torsion.FAILED;
        }
        FlightRecording profile = null;
        List<Worker> workers = new ArrayList<>();
        int status = Torsion.OK;
        try {
            if (options.profile != null) {
                profile = FlightRecording.start(options.profile);
            }
            boolean deadlinesApplied = true;
            for (int i = 0; i < reactors.size(); i++) {
                Reactors.allowShutdownGrace(reactors.get(i), options.shutdownGrace);
                deadlinesApplied &= Reactors.applyConnectionDeadlines(reactors.get(i), options.closeTimeout, options.sendTimeout);
                workers.add(new Worker(i, reactors.get(i), plugin, options.shutdownGrace));
            }
            log.info("on SIGTERM, open connections get {} to finish (--shutdown-grace)",
                    DurationConverter.format(options.shutdownGrace));
            logConnectionDeadlines(deadlinesApplied);
            ShutdownWatchdog watchdog = new ShutdownWatchdog(workers,
                    options.shutdownGrace.plusSeconds(RunnerOptions.SHUTDOWN_MARGIN_SECONDS), () -> halt(pidFile, pid));
            StopSignals.install(signal -> {
                watchdog.start();
                workers.forEach(Worker::stop);
            });
            ReopenSignal.install(() -> workers.forEach(Worker::reopenLogs));
            workers.forEach(Worker::start);
            status = startServices(workers, pidFile, pid, privileges);
            for (Worker worker : workers) {
                worker.join();
            }
            if (workers.stream().anyMatch(Worker::crashed)) {
                status = Torsion.FAILED;
            }
        } catch (StartupFailure e) {
            startFailure(e.getMessage(), e);
            status = Torsion.FAILED;
        } catch (IllegalArgumentException e) {
            log.error("torsion {}: {}", plugin.name(), e.getMessage());
            err.println("torsion: " + plugin.name() + ": " + e.getMessage());
            status = Torsion.USAGE;
        } catch (Exception e) {
            startFailure(rootMessage(e), e);
            status = Torsion.FAILED;
        } finally {
            workers.forEach(Worker::stop);
            workers.forEach(Worker::joinQuietly);
            reactors.forEach(Runner::release);
            removePidFile(pidFile, pid);
            closeProfile(profile);
        }
        log.info("torsion {} stopped{}", plugin.name(), status == Torsion.OK ? "" : " (exit status " + status + ")");
        return status;
    }

    /** Says which deadlines connections get, or that this reactor cannot apply them. */
    private void logConnectionDeadlines(boolean applied) {
        if (!applied) {
            log.warn("this reactor cannot apply --close-timeout and --send-timeout: connections keep its own deadlines");
            return;
        }
        log.info("connection deadlines: send timeout {} (--send-timeout), close timeout {} (--close-timeout)",
                describe(options.sendTimeout), describe(options.closeTimeout));
    }

    private static String describe(Duration timeout) {
        return timeout.isZero() ? "off" : DurationConverter.format(timeout);
    }

    /**
     * A start-up failure: one line on stderr naming the option and the reason, the same line in
     * the log, and the stack trace only at DEBUG (a port in use is not a bug to debug).
     */
    private void startFailure(String message, Throwable error) {
        err.println("torsion: " + plugin.name() + ": " + message);
        log.error("torsion {}: {}", plugin.name(), message);
        log.debug("torsion {} could not start", plugin.name(), error);
    }

    /** The watchdog's end: the reactors did not stop in time; clean what can be cleaned and halt. */
    private void halt(PidFile pidFile, long pid) {
        err.println("torsion: " + plugin.name() + ": the reactors did not stop within --shutdown-grace "
                + DurationConverter.format(options.shutdownGrace) + " plus " + RunnerOptions.SHUTDOWN_MARGIN_SECONDS
                + " s: halted (see the log)");
        removePidFile(pidFile, pid);
        LogSetup.shutdown();
        Runtime.getRuntime().halt(Torsion.FAILED);
    }

    /** Frees a reactor's threads when it holds any (one that never ran still has its loop thread). */
    private static void release(Reactor reactor) {
        if (reactor instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.debug("closing the reactor: {}", e.toString());
            }
        }
    }

    /**
     * Opens the ports on every reactor, then writes the pid file, drops privileges and starts the
     * services. Returns the exit status so far; on failure the reactors are being stopped.
     */
    private int startServices(List<Worker> workers, PidFile pidFile, long pid, PrivilegeDrop privileges)
            throws IOException, InterruptedException {
        if (!await(workers, Worker::privilegedStart, "open its ports")) {
            return Torsion.FAILED;
        }
        if (pidFile != null) {
            noteStalePidFile(pidFile);
            pidFile.write(pid);
        }
        if (options.chroot != null) {
            openClassPath();
        }
        try {
            if (options.profile != null) {
                // The recording is written at exit, by then as the new user: create its file now.
                Path profileFile = options.profile.toAbsolutePath();
                if (!Files.exists(profileFile)) {
                    Files.createFile(profileFile);
                }
                privileges.handOver(profileFile);
            }
            privileges.apply();
        } catch (PrivilegeException e) {
            log.error("{}", e.getMessage());
            workers.forEach(Worker::stop);
            return Torsion.FAILED;
        }

        if (!await(workers, Worker::startServices, "start")) {
            return Torsion.FAILED;
        }
        log.info("torsion {} started: pid {}, reactor {}, {} worker{}", plugin.name(), pid,
                workers.get(0).reactorKind(), workers.size(), workers.size() == 1 ? "" : "s");
        return Torsion.OK;
    }

    /** One step of starting, as a future per worker. */
    @FunctionalInterface
    private interface StartStep {
        CompletableFuture<Void> begin(Worker worker);
    }

    /**
     * Runs {@code step} on every worker and waits until all are done, or one failed, or a reactor
     * stopped (a signal came while starting). Returns whether all succeeded.
     */
    private boolean await(List<Worker> workers, StartStep step, String what) throws InterruptedException {
        List<CompletableFuture<Void>> steps = new ArrayList<>();
        for (Worker worker : workers) {
            steps.add(step.begin(worker));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new));
        CompletableFuture<Object> anyEnded = CompletableFuture.anyOf(
                workers.stream().map(Worker::ended).toArray(CompletableFuture[]::new));
        try {
            CompletableFuture.anyOf(all, anyEnded).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String message = cause instanceof StartupFailure ? cause.getMessage() : "could not " + what + ": " + rootMessage(cause);
            startFailure(message, cause);
            workers.forEach(Worker::stop);
            return false;
        }
        if (!all.isDone()) {
            log.info("torsion {} stopped before it could {}", plugin.name(), what);
            workers.forEach(Worker::stop);
            return false;
        }
        return true;
    }

    /**
     * Opens every jar on the class path now: after {@code --chroot} their paths no longer exist,
     * but jars the class loader holds open keep serving classes. (Class directories cannot be
     * held open: under {@code --chroot} run from jars, as the launcher's distribution does.)
     */
    private static void openClassPath() throws IOException {
        Enumeration<URL> manifests = ClassLoader.getSystemClassLoader().getResources("META-INF/MANIFEST.MF");
        while (manifests.hasMoreElements()) {
            manifests.nextElement();
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message != null ? message : cause.getClass().getSimpleName();
    }

    /** A pid file left by a process that is gone is replaced, as twistd does, with a log line. */
    private static void noteStalePidFile(PidFile pidFile) {
        try {
            OptionalLong previous = pidFile.read();
            if (previous.isPresent()) {
                log.info("replacing the stale pid file {} (process {} is gone)", pidFile.path(), previous.getAsLong());
            }
        } catch (IOException | IllegalStateException e) {
            log.info("replacing the unreadable pid file {}: {}", pidFile.path(), e.getMessage());
        }
    }

    private static void removePidFile(PidFile pidFile, long pid) {
        if (pidFile == null) {
            return;
        }
        try {
            pidFile.removeIfOwnedBy(pid);
        } catch (IOException e) {
            // After --uid or --chroot the file may no longer be ours to remove, as with twistd.
            log.warn("cannot remove the pid file {}: {}", pidFile.path(), e.toString());
        }
    }

    private static void closeProfile(FlightRecording profile) {
        if (profile == null) {
            return;
        }
        try {
            profile.close();
        } catch (IOException | RuntimeException e) {
            log.warn("cannot write the profile: {}", e.toString());
        }
    }
}
