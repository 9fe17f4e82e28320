package dev.torsion.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback from the runner's options instead of a {@code logback.xml}: one appender on
 * the root logger that writes timestamped lines to stdout ({@code -}) or to a file that rolls over
 * daily and whenever it reaches a size limit, as twistd's {@code --logfile}.
 *
 * <p>Rolled files are named {@code PATH.yyyy-MM-dd.N}; at most {@code maxHistory} days of them
 * are kept, and at most {@code totalSizeCap} bytes of them: beyond it the oldest are deleted, so
 * a flood of log lines cannot fill the disk.
 */
public final class LogSetup {
    /** The line format: ISO-8601 time with offset, thread, level, logger, message. */
    public static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} [%thread] %-5level %logger{36} - %msg%n";
    /** The value of {@code --logfile} that means standard output. */
    public static final String STDOUT = "-";

    private final String target;
    private final FileSize maxFileSize;
    private final int maxHistory;
    private final FileSize totalSizeCap;
    private final Level level;

    /**
     * Describes the logging wanted: {@code target} is a path or {@link #STDOUT}; {@code maxFileSize}
     * is how big a file grows before it rolls over; {@code maxHistory} how many days of rolled files
     * stay; {@code totalSizeCap} how many bytes of them at most (the oldest go first).
     */
    public LogSetup(String target, FileSize maxFileSize, int maxHistory, FileSize totalSizeCap, Level level) {
        this.target = Objects.requireNonNull(target, "target");
        this.maxFileSize = Objects.requireNonNull(maxFileSize, "maxFileSize");
        if (maxHistory < 1) {
            throw new IllegalArgumentException("the number of days of logs to keep must be at least 1, not " + maxHistory);
        }
        this.maxHistory = maxHistory;
        this.totalSizeCap = Objects.requireNonNull(totalSizeCap, "totalSizeCap");
        this.level = Objects.requireNonNull(level, "level");
    }

    /** Replaces whatever Logback configured by itself with this configuration. */
    public void apply() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        OutputStreamAppender<ILoggingEvent> appender = STDOUT.equals(target)
                ? consoleAppender(context)
                : fileAppender(context);
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        root.addAppender(appender);
        // Netty is chatty at DEBUG about its native transports; keep it at INFO unless asked for TRACE.
        if (level.isGreaterOrEqual(Level.DEBUG) && level != Level.TRACE) {
            context.getLogger("io.netty").setLevel(Level.INFO);
        }
    }

    /** Flushes and closes the appenders; call once at exit. */
    public static void shutdown() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }

    private ConsoleAppender<ILoggingEvent> consoleAppender(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("stdout");
        appender.setEncoder(encoder(context));
        appender.start();
        return appender;
    }

    private RollingFileAppender<ILoggingEvent> fileAppender(LoggerContext context) {
        String file = Path.of(target).toAbsolutePath().toString();
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("logfile");
        appender.setFile(file);
        appender.setAppend(true);
        appender.setEncoder(encoder(context));

        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(file + ".%d{yyyy-MM-dd}.%i");
        policy.setMaxFileSize(maxFileSize);
        policy.setMaxHistory(maxHistory);
        policy.setTotalSizeCap(totalSizeCap);
        policy.start();
        appender.setRollingPolicy(policy);
        appender.setTriggeringPolicy(policy);
        appender.start();
        if (!appender.isStarted()) {
            throw new IllegalArgumentException("cannot write the log file " + file);
        }
        return appender;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        return encoder;
    }
}
