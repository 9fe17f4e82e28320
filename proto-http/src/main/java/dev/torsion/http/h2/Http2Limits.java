package dev.torsion.http.h2;

import java.time.Duration;
import java.util.Objects;

/**
 * Every HTTP/2 server limit, with its default and the answer it earns (RFC 9113; the defences
 * against the 2019 and 2023 floods).
 *
 * @param maxConcurrentStreams SETTINGS_MAX_CONCURRENT_STREAMS (default 100): a stream over it is
 *        refused with RST_STREAM REFUSED_STREAM (section 5.1.2)
 * @param initialWindowSize SETTINGS_INITIAL_WINDOW_SIZE, each stream's receive window (default
 *        256 KiB): a stream sending past it is reset with FLOW_CONTROL_ERROR; the connection's
 *        window is this times the stream limit's first 16 (section 6.9)
 * @param maxFrameSize SETTINGS_MAX_FRAME_SIZE (default 16384): a larger frame is a connection
 *        error FRAME_SIZE_ERROR (section 4.2)
 * @param headerTableSize SETTINGS_HEADER_TABLE_SIZE, the HPACK table the client may fill (default 4096)
 * @param maxHeaderListSize SETTINGS_MAX_HEADER_LIST_SIZE (default 16 KiB): a larger decoded header
 *        list is answered 431 on its stream (a header-list bomb costs the limit, not its expansion)
 * @param maxHeaderBlockSize the most octets one header block may take across HEADERS and its
 *        CONTINUATION frames (default 64 KiB): more is a connection error ENHANCE_YOUR_CALM (the
 *        2024 CONTINUATION flood)
 * @param maxResetsPerWindow how many streams a client may reset before their answer within
 *        {@code floodWindow} (default 200): more is GOAWAY ENHANCE_YOUR_CALM (rapid reset, CVE-2023-44487)
 * @param maxControlFramesPerWindow how many PING, SETTINGS, PRIORITY, WINDOW_UPDATE, empty DATA
 *        and unknown frames a client may send within {@code floodWindow} (default 10,000): more
 *        is GOAWAY ENHANCE_YOUR_CALM (the 2019 ping, settings and empty-frame floods)
 * @param floodWindow the window the flood counts run over (default 10 s)
 * @param settingsTimeout how long the client may take to acknowledge this side's SETTINGS
 *        (default 10 s): then GOAWAY SETTINGS_TIMEOUT (section 6.5.3)
 * @param prefaceTimeout how long a new connection may take to send the preface (default 10 s): then closed
 * @param idleTimeout how long a connection may sit with no stream open (default 60 s): then GOAWAY NO_ERROR
 * @param shutdownGrace how long the streams in flight at a GOAWAY may take to finish (default 30 s):
 *        then the connection is closed
 * @param maxBufferedOutput the response bytes a stream may hold while the client's window is shut
 *        (default 256 KiB): above it the response's producer is paused (zero-window stalls cost no more)
 */
public record Http2Limits(int maxConcurrentStreams, int initialWindowSize, int maxFrameSize, int headerTableSize,
        int maxHeaderListSize, int maxHeaderBlockSize, int maxResetsPerWindow, int maxControlFramesPerWindow,
        Duration floodWindow, Duration settingsTimeout, Duration prefaceTimeout, Duration idleTimeout,
        Duration shutdownGrace, int maxBufferedOutput) {
    /** The defaults. */
    public static final Http2Limits DEFAULT = new Http2Limits(100, 256 * 1024, 16384, 4096, 16 * 1024, 64 * 1024, 200,
            10_000, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(60),
            Duration.ofSeconds(30), 256 * 1024);

    /** Checks every field. */
    public Http2Limits {
        positive("maxConcurrentStreams", maxConcurrentStreams);
        positive("initialWindowSize", initialWindowSize);
        if (maxFrameSize < 16384 || maxFrameSize > (1 << 24) - 1) {
            throw new IllegalArgumentException("maxFrameSize must be 16384 to 2^24-1: " + maxFrameSize);
        }
        if (headerTableSize < 0) {
            throw new IllegalArgumentException("headerTableSize must not be negative: " + headerTableSize);
        }
        positive("maxHeaderListSize", maxHeaderListSize);
        positive("maxHeaderBlockSize", maxHeaderBlockSize);
        positive("maxResetsPerWindow", maxResetsPerWindow);
        positive("maxControlFramesPerWindow", maxControlFramesPerWindow);
        positive("maxBufferedOutput", maxBufferedOutput);
        for (Duration d : new Duration[] {floodWindow, settingsTimeout, prefaceTimeout, idleTimeout, shutdownGrace}) {
            Objects.requireNonNull(d, "durations");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive: " + d);
            }
        }
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    /** These limits with another stream limit. */
    public Http2Limits withMaxConcurrentStreams(int streams) {
        return new Http2Limits(streams, initialWindowSize, maxFrameSize, headerTableSize, maxHeaderListSize, maxHeaderBlockSize,
                maxResetsPerWindow, maxControlFramesPerWindow, floodWindow, settingsTimeout, prefaceTimeout, idleTimeout,
                shutdownGrace, maxBufferedOutput);
    }

    /** These limits with other flood thresholds. */
    public Http2Limits withFloodLimits(int resets, int controlFrames) {
        return new Http2Limits(maxConcurrentStreams, initialWindowSize, maxFrameSize, headerTableSize, maxHeaderListSize,
                maxHeaderBlockSize, resets, controlFrames, floodWindow, settingsTimeout, prefaceTimeout, idleTimeout,
                shutdownGrace, maxBufferedOutput);
    }
}
