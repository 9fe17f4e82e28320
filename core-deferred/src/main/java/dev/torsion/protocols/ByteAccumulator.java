package dev.torsion.protocols;

import java.util.Arrays;

/**
 * The growable byte buffer behind the framing protocols: bytes are appended at the end and taken
 * from the front without copying the rest each time (the front is compacted only when the buffer
 * has to grow), so that a stream cut into many small pieces costs linear time.
 */
final class ByteAccumulator {
    private byte[] bytes = new byte[256];
    private int start;
    private int end;

    /** Appends {@code data[offset, offset + length)}. */
    void append(byte[] data, int offset, int length) {
        ensureRoom(length);
        System.arraycopy(data, offset, bytes, end, length);
        end += length;
    }

    /** Appends all of {@code data}. */
    void append(byte[] data) {
        append(data, 0, data.length);
    }

    private void ensureRoom(int length) {
        if (bytes.length - end >= length) {
            return;
        }
        int size = size();
        if (size + length <= bytes.length / 2) {
            // Plenty of room once the consumed front is dropped: slide instead of growing.
            System.arraycopy(bytes, start, bytes, 0, size);
        } else {
            int capacity = bytes.length;
            while (capacity - size < length) {
                capacity = Math.multiplyExact(capacity, 2);
            }
            byte[] grown = new byte[capacity];
            System.arraycopy(bytes, start, grown, 0, size);
            bytes = grown;
        }
        start = 0;
        end = size;
    }

    /** How many bytes are buffered. */
    int size() {
        return end - start;
    }

    /** Whether nothing is buffered. */
    boolean isEmpty() {
        return end == start;
    }

    /** The byte at {@code index} from the front. */
    byte get(int index) {
        return bytes[start + index];
    }

    /** The index (from the front) of the first {@code needle} at or after {@code from}, or -1. */
    int indexOf(byte[] needle, int from) {
        int last = end - needle.length;
        outer:
        for (int i = start + Math.max(0, from); i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i - start;
        }
        return -1;
    }

    /** Removes and returns the first {@code count} bytes. */
    byte[] take(int count) {
        if (count > size()) {
            throw new IllegalArgumentException("only " + size() + " bytes buffered, " + count + " asked");
        }
        byte[] taken = Arrays.copyOfRange(bytes, start, start + count);
        skip(count);
        return taken;
    }

    /** Drops the first {@code count} bytes. */
    void skip(int count) {
        start += count;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    /** Removes and returns everything. */
    byte[] takeAll() {
        return take(size());
    }

    /** Drops everything, shrinking a buffer that grew large. */
    void clear() {
        start = 0;
        end = 0;
        if (bytes.length > 64 * 1024) {
            bytes = new byte[256];
        }
    }
}
