package dev.torsion.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.core.util.FileSize;
import dev.torsion.app.logging.LogSetup;
import dev.torsion.app.privileges.PrivilegeDrop;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.TypeConversionException;

/**
 * The options {@code torsion} takes before the plugin's name, as twistd's: how the process runs
 * (foreground or daemon, pid file, log file, identity, event loop, workers, profiling), whatever
 * the server is.
 */
@Command(name = "torsion",
        mixinStandardHelpOptions = true,
        versionProvider = TorsionVersion.class,
        synopsisSubcommandLabel = "PLUGIN [PLUGIN OPTIONS]",
        commandListHeading = "%nPlugins (torsion PLUGIN --help for their options):%n",
        description = "Runs a Torsion server plugin, as Twisted's twistd.")
public final class RunnerOptions {
    /** The pid file a daemon uses when none is named, as twistd's {@code twistd.pid}. */
    static final String DEFAULT_DAEMON_PIDFILE = "torsion.pid";
    /** The log file a daemon uses when none is named, as twistd's {@code twistd.log}. */
    static final String DEFAULT_DAEMON_LOGFILE = "torsion.log";

    @Option(names = {"-n", "--nodaemon"}, description = "Run in the foreground (the default).")
    boolean nodaemon;

    @Option(names = "--daemon", description = "Detach into the background once the server listens.")
    boolean daemon;

    /** Set by the parent in the process it starts for {@code --daemon}; not for users. */
    @Option(names = "--daemon-child", hidden = true)
    boolean daemonChild;

    @Option(names = "--pidfile", paramLabel = "PATH",
            description = "Write the process id here; refuse to start while it names a live process "
                    + "(default for --daemon: " + DEFAULT_DAEMON_PIDFILE + ").")
    Path pidfile;

    @Option(names = {"-l", "--logfile"}, paramLabel = "PATH",
            description = "Log to this file, '-' for stdout (default: stdout; for --daemon: "
                    + DEFAULT_DAEMON_LOGFILE + ").")
    String logfile;

    @Option(names = "--log-max-size", paramLabel = "SIZE", defaultValue = "10MB",
            description = "Roll the log file over when it reaches this size (e.g. 500KB, 10MB; default ${DEFAULT-VALUE}); "
                    + "it also rolls over daily.")
    String logMaxSize;

    @Option(names = "--log-max-total", paramLabel = "SIZE", defaultValue = "1GB",
            description = "Delete the oldest rolled log files when together they exceed this size (default ${DEFAULT-VALUE}).")
    String logMaxTotal;

    @Option(names = "--log-max-days", paramLabel = "DAYS", defaultValue = "30",
            description = "Keep rolled log files this many days (default ${DEFAULT-VALUE}).")
    int logMaxDays;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "INFO",
            description = "TRACE, DEBUG, INFO, WARN or ERROR (default ${DEFAULT-VALUE}).")
    String logLevel;

    @Option(names = {"-u", "--uid"}, paramLabel = "USER",
            description = "Switch to this user (name or number) once the ports are open; needs root.")
    String uid;

    @Option(names = {"-g", "--gid"}, paramLabel = "GROUP",
            description = "Switch to this group (name or number) once the ports are open (default with --uid: the user's group).")
    String gid;

    @Option(names = "--umask", paramLabel = "MASK", description = "Set the file mode creation mask, in octal (e.g. 022).")
    String umask;

    @Option(names = "--chroot", paramLabel = "DIR",
            description = "Change the root directory to DIR once the ports are open, before switching user; needs root.")
    Path chroot;

    @Option(names = {"-r", "--reactor"}, paramLabel = "KIND",
            description = "The event loop: epoll, kqueue, io_uring or nio (default: the best this system has).")
    String reactor;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
            description = "Run N reactors, each on its own thread, sharing the listening ports (SO_REUSEPORT; default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--shutdown-grace", paramLabel = "DURATION", defaultValue = "15s", scope = ScopeType.INHERIT,
            converter = DurationConverter.class,
            description = "On SIGTERM or SIGINT, stop accepting, let open connections finish for this long (e.g. 15s, 500ms), "
                    + "then cut those left and log each; a reactor still busy " + SHUTDOWN_MARGIN_SECONDS
                    + " s later is halted (exit status 1). Default: ${DEFAULT-VALUE}.")
    Duration shutdownGrace = Duration.ofSeconds(15);

    @Option(names = "--close-timeout", paramLabel = "DURATION", defaultValue = "15s", scope = ScopeType.INHERIT,
            converter = DurationConverter.class,
            description = "How long a closing connection may wait for its client to take the output still pending "
                    + "before it is aborted and logged (0 turns it off). Default: ${DEFAULT-VALUE}.")
    Duration closeTimeout = Duration.ofSeconds(15);

    @Option(names = "--send-timeout", paramLabel = "DURATION", defaultValue = "60s", scope = ScopeType.INHERIT,
            converter = DurationConverter.class,
            description = "How long output may stay pending with no byte taken by the client before the connection "
                    + "is aborted and logged (0 turns it off; a slow but steady reader is never cut). Default: ${DEFAULT-VALUE}.")
    Duration sendTimeout = Duration.ofSeconds(60);

    @Option(names = "--profile", paramLabel = "FILE",
            description = "Record a Java Flight Recorder profile and write it to FILE at exit.")
    Path profile;

    /** How long after the grace the watchdog halts a process whose reactors did not stop. */
    static final int SHUTDOWN_MARGIN_SECONDS = 5;

    /** Whether this process should go to the background (it is the parent of a daemon). */
    boolean shouldDetach() {
        return daemon && !daemonChild;
    }

    /** Checks the options that picocli cannot check alone; throws {@link IllegalArgumentException}. */
    void validate() {
        if (daemon && nodaemon) {
            throw new IllegalArgumentException("--daemon and --nodaemon contradict each other");
        }
        if (workers < 1 || workers > 1024) {
            throw new IllegalArgumentException("--workers must be between 1 and 1024, not " + workers);
        }
        if (shutdownGrace.isNegative() || shutdownGrace.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("--shutdown-grace must be between 0 s and 1 h");
        }
        if (closeTimeout.compareTo(Duration.ofHours(1)) > 0 || sendTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("--close-timeout and --send-timeout must be at most 1 h (0 turns one off)");
        }
        if (logMaxDays < 1) {
            throw new IllegalArgumentException("--log-max-days must be at least 1");
        }
        logSetup();
        privilegeDrop();
    }

    /** The pid file to use, or {@code null} for none. */
    Path effectivePidfile() {
        if (pidfile != null) {
            return pidfile;
        }
        return daemon ? Path.of(DEFAULT_DAEMON_PIDFILE) : null;
    }

    /** The logging configuration these options ask for. */
    LogSetup logSetup() {
        String target = logfile != null ? logfile : daemon ? DEFAULT_DAEMON_LOGFILE : LogSetup.STDOUT;
        FileSize size = new FileSize(parseSize("--log-max-size", logMaxSize));
        FileSize total = new FileSize(parseSize("--log-max-total", logMaxTotal));
        if (total.getSize() < size.getSize()) {
            throw new IllegalArgumentException("--log-max-total " + logMaxTotal + " is smaller than --log-max-size " + logMaxSize);
        }
        Level level = Level.toLevel(logLevel, null);
        if (level == null) {
            throw new IllegalArgumentException("--log-level " + logLevel + ": not one of TRACE, DEBUG, INFO, WARN, ERROR");
        }
        return new LogSetup(target, size, logMaxDays, total, level);
    }

    /** Reads a size as {@link SizeConverter} does (refusing one past a long, which logback's FileSize wraps). */
    private static long parseSize(String option, String value) {
        try {
            return SizeConverter.parse(value);
        } catch (TypeConversionException e) {
            throw new IllegalArgumentException(option + " " + e.getMessage());
        }
    }

    /** The identity change these options ask for. */
    PrivilegeDrop privilegeDrop() {
        Integer mask = umask == null ? null : PrivilegeDrop.parseUmask(umask);
        return new PrivilegeDrop(uid, gid, mask, chroot);
    }
}
