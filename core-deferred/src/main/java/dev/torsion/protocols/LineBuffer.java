package dev.torsion.protocols;

import java.util.Objects;

/**
 * The line framing that {@link LineReceiver} and {@link LineOnlyReceiver} share: the bytes received
 * but not yet delivered, the delimiter, the line length limit, and the search for the next line.
 * The limit is checked so that the verdict does not depend on how the stream was cut into packets:
 * a line is too long once it has {@code maxLength + 1} bytes, or once {@code maxLength + delimiter
 * length} bytes arrived without a delimiter. Each receiver decides what to do with a line.
 */
final class LineBuffer {
    /** What {@link #next()} found. */
    enum Next {
        /** A complete line is ready for {@link #takeLine()}. */
        LINE,
        /** No complete line yet. */
        NONE,
        /** The line is over the limit; the caller takes the buffer with {@link #takeAll()}. */
        TOO_LONG
    }

    private final ByteAccumulator buffer = new ByteAccumulator();
    private byte[] delimiter;
    private int maxLength;
    /** How far the current buffer has been searched for the delimiter, so it is not searched twice. */
    private int searchedUpTo;
    /** Where the line found by {@link #next()} ends. */
    private int lineEnd = -1;

    LineBuffer(byte[] delimiter, int maxLength) {
        this.delimiter = delimiter.clone();
        this.maxLength = maxLength;
    }

    void append(byte[] data) {
        buffer.append(data);
    }

    boolean isEmpty() {
        return buffer.isEmpty();
    }

    /** Looks for the next line, judging its length. */
    Next next() {
        int at = buffer.indexOf(delimiter, searchedUpTo);
        if (at < 0) {
            searchedUpTo = Math.max(0, buffer.size() - delimiter.length + 1);
            return buffer.size() >= maxLength + delimiter.length ? Next.TOO_LONG : Next.NONE;
        }
        if (at > maxLength) {
            return Next.TOO_LONG;
        }
        lineEnd = at;
        return Next.LINE;
    }

    /** Removes the line {@link #next()} found, and its delimiter; returns the line. */
    byte[] takeLine() {
        byte[] line = buffer.take(lineEnd);
        buffer.skip(delimiter.length);
        searchedUpTo = 0;
        lineEnd = -1;
        return line;
    }

    /** Forgets how far the buffer was searched (after a change of mode), so it is searched again. */
    void restartSearch() {
        searchedUpTo = 0;
    }

    /** Removes and returns every byte not yet delivered. */
    byte[] takeAll() {
        searchedUpTo = 0;
        lineEnd = -1;
        return buffer.takeAll();
    }

    /** {@code line} followed by the delimiter, ready to write. */
    byte[] frame(byte[] line) {
        byte[] framed = new byte[line.length + delimiter.length];
        System.arraycopy(line, 0, framed, 0, line.length);
        System.arraycopy(delimiter, 0, framed, line.length, delimiter.length);
        return framed;
    }

    byte[] delimiter() {
        return delimiter.clone();
    }

    /** Changes the delimiter (at least one byte). */
    void setDelimiter(byte[] newDelimiter) {
        Objects.requireNonNull(newDelimiter, "delimiter");
        if (newDelimiter.length == 0) {
            throw new IllegalArgumentException("the line delimiter cannot be empty");
        }
        delimiter = newDelimiter.clone();
        searchedUpTo = 0;
    }

    int maxLength() {
        return maxLength;
    }

    /** Changes the longest line accepted (at least 1). */
    void setMaxLength(int newMaxLength) {
        if (newMaxLength < 1) {
            throw new IllegalArgumentException("max line length must be positive: " + newMaxLength);
        }
        maxLength = newMaxLength;
    }
}
