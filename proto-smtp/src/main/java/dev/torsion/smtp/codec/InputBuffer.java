package dev.torsion.smtp.codec;

import dev.torsion.protocols.DotStuffedDecoder;
import java.util.Arrays;

/**
 * The bytes a session has received and not yet consumed. Command lines, message data and BDAT
 * chunks are all taken from the front; whatever follows a STARTTLS is dropped with {@link #clear()}.
 */
public final class InputBuffer {
    private byte[] bytes = new byte[1024];
    private int start;
    private int end;

    /** Appends {@code data} at the end. */
    public void append(byte[] data) {
        if (end + data.length > bytes.length) {
            compactFor(data.length);
        }
        System.arraycopy(data, 0, bytes, end, data.length);
        end += data.length;
    }

    private void compactFor(int more) {
        int size = size();
        int needed = size + more;
        byte[] target = needed > bytes.length ? new byte[Math.max(needed, bytes.length * 2)] : bytes;
        System.arraycopy(bytes, start, target, 0, size);
        bytes = target;
        start = 0;
        end = size;
    }

    /** How many bytes are buffered. */
    public int size() {
        return end - start;
    }

    /** Whether nothing is buffered. */
    public boolean isEmpty() {
        return start == end;
    }

    /** The byte at {@code index} from the front. */
    public byte get(int index) {
        return bytes[start + index];
    }

    /** The index of the first {@code b} at or after {@code from}, or -1. */
    public int indexOf(byte b, int from) {
        for (int i = start + from; i < end; i++) {
            if (bytes[i] == b) {
                return i - start;
            }
        }
        return -1;
    }

    /** Removes and returns the first {@code count} bytes. */
    public byte[] take(int count) {
        byte[] out = Arrays.copyOfRange(bytes, start, start + count);
        skip(count);
        return out;
    }

    /** Drops the first {@code count} bytes. */
    public void skip(int count) {
        if (count > size()) {
            throw new IllegalArgumentException("skipping past the end");
        }
        start += count;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    /** Feeds the buffered octets to {@code decoder} and drops those it consumed; returns its state. */
    public DotStuffedDecoder.State feed(DotStuffedDecoder decoder) {
        skip(decoder.feed(array(), offset(), size()));
        return decoder.state();
    }

    /** Drops everything. */
    public void clear() {
        start = 0;
        end = 0;
    }

    /** The backing array, for decoders that read in place from {@link #offset()} for {@link #size()} bytes. */
    byte[] array() {
        return bytes;
    }

    /** Where the buffered bytes start in {@link #array()}. */
    int offset() {
        return start;
    }
}
