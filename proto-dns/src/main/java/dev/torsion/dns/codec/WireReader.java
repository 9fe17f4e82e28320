package dev.torsion.dns.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a message's octets with every bound checked: reads past the end, names past 255 octets,
 * labels of the reserved 01 and 10 kinds, and compression pointers that do not point strictly
 * backwards (which refuses loops and forward pointers alike) fail with {@link DnsFormatException}.
 */
public final class WireReader {
    private final byte[] data;
    private final int end;
    private int position;
    private final int id;
    private final int flags;

    /** A reader over {@code data}; {@code id} and {@code flags} go into its errors. */
    public WireReader(byte[] data, int id, int flags) {
        this.data = data;
        this.end = data.length;
        this.id = id;
        this.flags = flags;
    }

    /** The next offset read. */
    public int position() {
        return position;
    }

    /** Moves to {@code offset}. */
    public void seek(int offset) {
        position = offset;
    }

    /** Octets left. */
    public int remaining() {
        return end - position;
    }

    /** A format error carrying this message's header. */
    public DnsFormatException error(String message) {
        return new DnsFormatException(message, id, flags);
    }

    private void need(int count) throws DnsFormatException {
        if (count > end - position) {
            throw error("truncated: needs " + count + " octets at offset " + position + ", has " + (end - position));
        }
    }

    /** Reads an 8-bit value. */
    public int u8() throws DnsFormatException {
        need(1);
        return data[position++] & 0xff;
    }

    /** Reads a 16-bit value. */
    public int u16() throws DnsFormatException {
        need(2);
        int v = ((data[position] & 0xff) << 8) | (data[position + 1] & 0xff);
        position += 2;
        return v;
    }

    /** Reads a 32-bit value, unsigned. */
    public long u32() throws DnsFormatException {
        need(4);
        long v = ((long) (data[position] & 0xff) << 24) | ((data[position + 1] & 0xff) << 16)
                | ((data[position + 2] & 0xff) << 8) | (data[position + 3] & 0xff);
        position += 4;
        return v;
    }

    /** Reads {@code count} octets. */
    public byte[] bytes(int count) throws DnsFormatException {
        need(count);
        byte[] out = Arrays.copyOfRange(data, position, position + count);
        position += count;
        return out;
    }

    /**
     * Reads a possibly compressed name (RFC 1035 section 4.1.4). Each pointer must point before
     * the start of the labels that led to it, so a chain always moves backwards and ends.
     */
    public Name name() throws DnsFormatException {
        List<byte[]> labels = new ArrayList<>();
        int wire = 1;
        int cursor = position;
        int lowest = position;
        int resume = -1;
        while (true) {
            if (cursor >= end) {
                throw error("truncated name at offset " + cursor);
            }
            int length = data[cursor] & 0xff;
            if (length == 0) {
                cursor++;
                break;
            }
            int kind = length & 0xc0;
            if (kind == 0xc0) {
                if (cursor + 1 >= end) {
                    throw error("truncated compression pointer at offset " + cursor);
                }
                int target = ((length & 0x3f) << 8) | (data[cursor + 1] & 0xff);
                if (target >= lowest) {
                    throw error("compression pointer at offset " + cursor + " to " + target + " does not point backwards");
                }
                if (resume < 0) {
                    resume = cursor + 2;
                }
                lowest = target;
                cursor = target;
                continue;
            }
            if (kind != 0) {
                // RFC 6891 section 5 retired the 01 extended label type; 10 is reserved.
                throw error("label type " + Integer.toBinaryString(kind >> 6) + " at offset " + cursor);
            }
            wire += length + 1;
            if (wire > Name.MAX_WIRE) {
                throw error("name longer than 255 octets at offset " + position);
            }
            if (cursor + 1 + length > end) {
                throw error("truncated label at offset " + cursor);
            }
            labels.add(Arrays.copyOfRange(data, cursor + 1, cursor + 1 + length));
            cursor += 1 + length;
        }
        position = resume >= 0 ? resume : cursor;
        return Name.of(labels);
    }
}
