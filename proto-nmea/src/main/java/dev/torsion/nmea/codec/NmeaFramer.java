package dev.torsion.nmea.codec;

import dev.torsion.nmea.NmeaLimits;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts a byte stream into lines: NMEA 0183 ends each sentence with CR LF (section 5.3), but many
 * receivers and most log files end lines with a bare LF, so LF ends a line and one CR before it
 * is dropped. Empty lines are skipped. A push decoder with no I/O: feed it any split of the
 * stream, it reports the same lines.
 */
public final class NmeaFramer {

    /** Receives what the framer cuts. */
    public interface Sink {
        /** A complete line, without its line end, decoded as ISO-8859-1 (one char per byte). */
        void lineReceived(String line);

        /**
         * A complete line, without its line end, in {@code line[from, to)}: the framer's buffer,
         * reused once this returns. By default made into a string for {@link #lineReceived(String)};
         * a sink that decodes bytes ({@code SentenceDecoder.decode(byte[], int, int)}) skips that.
         */
        default void lineReceived(byte[] line, int from, int to) {
            lineReceived(new String(line, from, to - from, StandardCharsets.ISO_8859_1));
        }

        /** A line of {@code length} bytes passed {@link NmeaLimits#maxLineLength()} and was dropped. */
        void lineTooLong(long length);
    }

    private final NmeaLimits limits;
    private final Sink sink;
    private byte[] buffer = new byte[128];
    private int size;
    private long discarded;
    private FramerState state = FramerState.READING;

    /** A framer applying {@code limits} and reporting to {@code sink}. */
    public NmeaFramer(NmeaLimits limits, Sink sink) {
        this.limits = limits;
        this.sink = sink;
    }

    /** The framer's state. */
    public FramerState state() {
        return state;
    }

    /** Feeds bytes of the stream. */
    public void feed(byte[] data) {
        for (byte b : data) {
            if (state == FramerState.READING) {
                read(b);
            } else {
                discard(b);
            }
        }
    }

    private void read(byte b) {
        if (b == '\n') {
            endLine();
            return;
        }
        if (size == limits.maxLineLength()) {
            startDiscarding();
            return;
        }
        if (size == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, limits.maxLineLength()));
        }
        buffer[size++] = b;
    }

    private void endLine() {
        int length = size > 0 && buffer[size - 1] == '\r' ? size - 1 : size;
        size = 0;
        if (length > 0) {
            sink.lineReceived(buffer, 0, length);
        }
    }

    private void startDiscarding() {
        discarded = size + 1L;
        size = 0;
        state = FramerState.DISCARDING;
    }

    private void discard(byte b) {
        if (b == '\n') {
            state = FramerState.READING;
            sink.lineTooLong(discarded);
            discarded = 0;
        } else {
            discarded++;
        }
    }
}
