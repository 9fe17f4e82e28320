package dev.torsion.http.server;

import dev.torsion.http.parse.ParserLimits;
import java.time.Duration;

/**
 * The settings of an HTTP server connection: parser limits, the default body limit, and the
 * timeouts that shed slow or idle clients. Immutable; the {@code with...} methods return copies.
 *
 * @param parserLimits request line, header section and header count limits
 * @param maxBodySize the default request body limit in bytes (a resource may set its own); beyond it: 413
 * @param headerTimeout how long a client may take to send a whole request head once it started one (408)
 * @param idleTimeout how long a new connection may wait before its first request (408), a kept-alive one
 *                    between requests (closed quietly), and a request body between two reads (408)
 * @param maxPipelinedBytes how many bytes of later requests are buffered while one is answered before reading pauses
 * @param showTracebacks whether error pages show the stack trace of a failed render (never by default)
 * @param serverName the value of the Server header, or null to send none
 */
public record ServerConfig(ParserLimits parserLimits, long maxBodySize, Duration headerTimeout, Duration idleTimeout,
        int maxPipelinedBytes, boolean showTracebacks, String serverName) {
    /** 8 KiB / 64 KiB / 100 fields, 10 MiB bodies, 30 s for a head, 60 s idle, 64 KiB pipelined, no tracebacks. */
    public static final ServerConfig DEFAULT = new ServerConfig(ParserLimits.DEFAULT, 10L * 1024 * 1024,
            Duration.ofSeconds(30), Duration.ofSeconds(60), 64 * 1024, false, "Torsion");

    /** A copy with other parser limits. */
    public ServerConfig withParserLimits(ParserLimits limits) {
        return new ServerConfig(limits, maxBodySize, headerTimeout, idleTimeout, maxPipelinedBytes, showTracebacks, serverName);
    }

    /** A copy with another default body limit. */
    public ServerConfig withMaxBodySize(long bytes) {
        return new ServerConfig(parserLimits, bytes, headerTimeout, idleTimeout, maxPipelinedBytes, showTracebacks, serverName);
    }

    /** A copy with another header timeout. */
    public ServerConfig withHeaderTimeout(Duration timeout) {
        return new ServerConfig(parserLimits, maxBodySize, timeout, idleTimeout, maxPipelinedBytes, showTracebacks, serverName);
    }

    /** A copy with another idle timeout. */
    public ServerConfig withIdleTimeout(Duration timeout) {
        return new ServerConfig(parserLimits, maxBodySize, headerTimeout, timeout, maxPipelinedBytes, showTracebacks, serverName);
    }

    /** A copy that shows (or hides) stack traces on error pages. */
    public ServerConfig withShowTracebacks(boolean show) {
        return new ServerConfig(parserLimits, maxBodySize, headerTimeout, idleTimeout, maxPipelinedBytes, show, serverName);
    }

    /** A copy with another Server header (null: none). */
    public ServerConfig withServerName(String name) {
        return new ServerConfig(parserLimits, maxBodySize, headerTimeout, idleTimeout, maxPipelinedBytes, showTracebacks, name);
    }
}
