package dev.torsion.http.server;

import dev.torsion.http.parse.ParserLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of an HTTP server connection: parser limits, body limits, and the timeouts that
 * shed slow, idle or unreading clients. Every limit the server holds is here, none in a constant.
 * Immutable; the {@code with...} methods return copies; the constructor refuses negative durations
 * and zero or negative limits with an {@link IllegalArgumentException} naming the field.
 *
 * @param parserLimits request line, header section and header count limits
 * @param maxBodySize the default request body limit in bytes (a resource may set its own); beyond it: 413
 * @param headerTimeout how long a client may take to send a whole request head once it started one (408)
 * @param idleTimeout how long a new connection may wait before its first request (408), a kept-alive one
 *                    between requests (closed quietly), and a request body between two reads (408)
 * @param bodyTimeout the whole-body deadline's start: a request body must be complete within this
 *                    time of its head, extended by one second for every {@code minBodyRate} bytes
 *                    received (Apache's mod_reqtimeout {@code body=20,MinRate=500}); beyond it: 408
 * @param minBodyRate the bytes per second a body must keep up on average to earn more time
 * @param closeTimeout how long a closing connection may take to hand its last bytes to a client that
 *                     no longer reads before it is aborted (Twisted's {@code HTTPChannel.abortTimeout})
 * @param lingerTimeout how long a closing connection reads and drops what the client still sends
 * @param maxPipelinedBytes how many bytes of later requests are buffered while one is answered before reading pauses
 * @param maxDrainBytes the most of an unwanted streamed body read and dropped to keep the connection alive
 * @param maxBufferedBodyBytes how much of a streamed body is buffered before its receiver is given, before reading pauses
 * @param maxQueryFields the most fields parsed out of a query string (beyond: 400)
 * @param showTracebacks whether error pages show the stack trace of a failed render (never by default)
 * @param serverName the value of the Server header, or null to send none
 */
public record ServerConfig(ParserLimits parserLimits, long maxBodySize, Duration headerTimeout, Duration idleTimeout,
        Duration bodyTimeout, long minBodyRate, Duration closeTimeout, Duration lingerTimeout, int maxPipelinedBytes,
        long maxDrainBytes, int maxBufferedBodyBytes, int maxQueryFields, boolean showTracebacks, String serverName) {
    /**
     * 8 KiB / 64 KiB / 100 fields, 10 MiB bodies, 30 s for a head, 60 s idle, bodies within 20 s plus
     * 1 s per 500 bytes, 15 s to close, 5 s lingering, 64 KiB pipelined, 256 KiB drained or
     * buffered, 1,000 query fields, no tracebacks, {@code Server: Torsion}.
     */
    public static final ServerConfig DEFAULT = new ServerConfig(ParserLimits.DEFAULT, 10L * 1024 * 1024,
            Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(20), 500, Duration.ofSeconds(15),
            Duration.ofSeconds(5), 64 * 1024, 256 * 1024, 256 * 1024, 1000, false, "Torsion");

    /** Checks every value (see the class comment). */
    public ServerConfig {
        Objects.requireNonNull(parserLimits, "parserLimits");
        positive("maxBodySize", maxBodySize);
        positive("headerTimeout", headerTimeout);
        positive("idleTimeout", idleTimeout);
        positive("bodyTimeout", bodyTimeout);
        positive("minBodyRate", minBodyRate);
        positive("closeTimeout", closeTimeout);
        notNegative("lingerTimeout", lingerTimeout);
        positive("maxPipelinedBytes", maxPipelinedBytes);
        if (maxDrainBytes < 0) {
            throw new IllegalArgumentException("maxDrainBytes must not be negative: " + maxDrainBytes);
        }
        positive("maxBufferedBodyBytes", maxBufferedBodyBytes);
        positive("maxQueryFields", maxQueryFields);
    }

    private static void positive(String field, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive: " + value);
        }
    }

    private static void positive(String field, Duration value) {
        notNegative(field, value);
        if (value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive: " + value);
        }
    }

    private static void notNegative(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative: " + value);
        }
    }

    /** A copy with other parser limits. */
    public ServerConfig withParserLimits(ParserLimits limits) {
        return new ServerConfig(limits, maxBodySize, headerTimeout, idleTimeout, bodyTimeout, minBodyRate, closeTimeout,
                lingerTimeout, maxPipelinedBytes, maxDrainBytes, maxBufferedBodyBytes, maxQueryFields, showTracebacks, serverName);
    }

    /** A copy with another default body limit. */
    public ServerConfig withMaxBodySize(long bytes) {
        return new ServerConfig(parserLimits, bytes, headerTimeout, idleTimeout, bodyTimeout, minBodyRate, closeTimeout,
                lingerTimeout, maxPipelinedBytes, maxDrainBytes, maxBufferedBodyBytes, maxQueryFields, showTracebacks, serverName);
    }

    /** A copy with another header timeout. */
    public ServerConfig withHeaderTimeout(Duration timeout) {
        return new ServerConfig(parserLimits, maxBodySize, timeout, idleTimeout, bodyTimeout, minBodyRate, closeTimeout,
                lingerTimeout, maxPipelinedBytes, maxDrainBytes, maxBufferedBodyBytes, maxQueryFields, showTracebacks, serverName);
    }

    /** A copy with another idle timeout. */
    public ServerConfig withIdleTimeout(Duration timeout) {
        return new ServerConfig(parserLimits, maxBodySize, headerTimeout, timeout, bodyTimeout, minBodyRate, closeTimeout,
                lingerTimeout, maxPipelinedBytes, maxDrainBytes, maxBufferedBodyBytes, maxQueryFields, showTracebacks, serverName);
    }

    /** A copy with another whole-body deadline: {@code timeout} plus one second per {@code bytesPerSecond} received. */
    public ServerConfig withBodyDeadline(Duration timeout, long bytesPerSecond) {
        return new ServerConfig(parserLimits, maxBodySize, headerTimeout, idleTimeout, timeout, bytesPerSecond, closeTimeout,
                lingerTimeout, maxPipelinedBytes, maxDrainBytes, maxBufferedBodyBytes, maxQueryFields, showTracebacks, serverName);
    }

    /** A copy with another close deadline. */
    public ServerConfig withCloseTimeout(Duration timeout) {
        return new ServerConfig(parserLimits, maxBodySize, headerTimeout, idleTimeout, bodyTimeout, minBodyRate, timeout,
                lingerTimeout, maxPipelinedBytes, maxDrainBytes, maxBufferedBodyBytes, maxQueryFields, showTracebacks, serverName);
    }

    /** A copy with another lingering time. */
    public ServerConfig withLingerTimeout(Duration timeout) {
        return new ServerConfig(parserLimits, maxBodySize, headerTimeout, idleTimeout, bodyTimeout, minBodyRate, closeTimeout,
                timeout, maxPipelinedBytes, maxDrainBytes, maxBufferedBodyBytes, maxQueryFields, showTracebacks, serverName);
    }

    /** A copy with another pipelining buffer limit. */
    public ServerConfig withMaxPipelinedBytes(int bytes) {
        return new ServerConfig(parserLimits, maxBodySize, headerTimeout, idleTimeout, bodyTimeout, minBodyRate, closeTimeout,
                lingerTimeout, bytes, maxDrainBytes, maxBufferedBodyBytes, maxQueryFields, showTracebacks, serverName);
    }

    /** A copy with another limit on the unwanted body read to keep a connection. */
    public ServerConfig withMaxDrainBytes(long bytes) {
        return new ServerConfig(parserLimits, maxBodySize, headerTimeout, idleTimeout, bodyTimeout, minBodyRate, closeTimeout,
                lingerTimeout, maxPipelinedBytes, bytes, maxBufferedBodyBytes, maxQueryFields, showTracebacks, serverName);
    }

    /** A copy with another limit on a streamed body buffered before its receiver is given. */
    public ServerConfig withMaxBufferedBodyBytes(int bytes) {
        return new ServerConfig(parserLimits, maxBodySize, headerTimeout, idleTimeout, bodyTimeout, minBodyRate, closeTimeout,
                lingerTimeout, maxPipelinedBytes, maxDrainBytes, bytes, maxQueryFields, showTracebacks, serverName);
    }

    /** A copy with another query field limit. */
    public ServerConfig withMaxQueryFields(int count) {
        return new ServerConfig(parserLimits, maxBodySize, headerTimeout, idleTimeout, bodyTimeout, minBodyRate, closeTimeout,
                lingerTimeout, maxPipelinedBytes, maxDrainBytes, maxBufferedBodyBytes, count, showTracebacks, serverName);
    }

    /** A copy that shows (or hides) stack traces on error pages. */
    public ServerConfig withShowTracebacks(boolean show) {
        return new ServerConfig(parserLimits, maxBodySize, headerTimeout, idleTimeout, bodyTimeout, minBodyRate, closeTimeout,
                lingerTimeout, maxPipelinedBytes, maxDrainBytes, maxBufferedBodyBytes, maxQueryFields, show, serverName);
    }

    /** A copy with another Server header (null: none). */
    public ServerConfig withServerName(String name) {
        return new ServerConfig(parserLimits, maxBodySize, headerTimeout, idleTimeout, bodyTimeout, minBodyRate, closeTimeout,
                lingerTimeout, maxPipelinedBytes, maxDrainBytes, maxBufferedBodyBytes, maxQueryFields, showTracebacks, name);
    }
}
