package dev.torsion.dns.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a message's octets, remembering where each name suffix was written so that later names
 * point to it (RFC 1035 section 4.1.4). Not thread-safe; one per message.
 */
public final class WireWriter {
    /** Pointers hold 14-bit offsets (RFC 1035 section 4.1.4). */
    private static final int MAX_POINTER = 0x3fff;

    private byte[] buffer;
    private int position;
    // Keyed by the exact octets, so compression never changes a name's case (RFC 4343 section 4.1).
    private final Map<String, Integer> suffixes = new HashMap<>();

    /** A writer with room for {@code capacity} octets to begin with. */
    public WireWriter(int capacity) {
        buffer = new byte[Math.max(capacity, 16)];
    }

    /** The next offset written. */
    public int position() {
        return position;
    }

    /** Goes back to {@code newPosition}, forgetting the names written after it (to undo a record that did not fit). */
    public void truncate(int newPosition) {
        position = newPosition;
        suffixes.values().removeIf(offset -> offset >= newPosition);
    }

    private void ensure(int more) {
        if (position + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + more));
        }
    }

    /** Writes an 8-bit value. */
    public void u8(int value) {
        ensure(1);
        buffer[position++] = (byte) value;
    }

    /** Writes a 16-bit value, network order. */
    public void u16(int value) {
        ensure(2);
        buffer[position++] = (byte) (value >>> 8);
        buffer[position++] = (byte) value;
    }

    /** Writes a 32-bit value, network order. */
    public void u32(long value) {
        ensure(4);
        buffer[position++] = (byte) (value >>> 24);
        buffer[position++] = (byte) (value >>> 16);
        buffer[position++] = (byte) (value >>> 8);
        buffer[position++] = (byte) value;
    }

    /** Writes octets as they are. */
    public void bytes(byte[] octets) {
        ensure(octets.length);
        System.arraycopy(octets, 0, buffer, position, octets.length);
        position += octets.length;
    }

    /** Overwrites a 16-bit value at {@code offset} (RDLENGTH once the RDATA is written). */
    public void u16At(int offset, int value) {
        buffer[offset] = (byte) (value >>> 8);
        buffer[offset + 1] = (byte) value;
    }

    /** Writes a name, compressed against the names written before when {@code compress} (RFC 1035 section 4.1.4). */
    public void name(Name name, boolean compress) {
        byte[] wire = name.toWire();
        int offset = 0;
        while (wire[offset] != 0) {
            // The suffix from here, as exact octets (the key never folds case).
            String suffix = new String(wire, offset, wire.length - offset, StandardCharsets.ISO_8859_1);
            if (compress) {
                Integer at = suffixes.get(suffix);
                if (at != null) {
                    u16(0xc000 | at);
                    return;
                }
            }
            if (position <= MAX_POINTER) {
                suffixes.putIfAbsent(suffix, position);
            }
            int length = wire[offset] + 1;
            ensure(length);
            System.arraycopy(wire, offset, buffer, position, length);
            position += length;
            offset += length;
        }
        u8(0);
    }

    /** The octets written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, position);
    }
}
