package dev.torsion.ssh.codec;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Writes the SSH data types of RFC 4251 section 5 into a growing buffer. */
public final class WireWriter {
    private byte[] buffer;
    private int size;

    /** An empty writer. */
    public WireWriter() {
        this(64);
    }

    /** An empty writer with room for {@code capacity} bytes. */
    public WireWriter(int capacity) {
        buffer = new byte[Math.max(16, capacity)];
    }

    /** A writer whose first byte is the message number {@code type}. */
    public static WireWriter message(int type) {
        return new WireWriter().writeByte(type);
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }

    /** {@code byte}. */
    public WireWriter writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    /** {@code boolean}: 1 or 0. */
    public WireWriter writeBoolean(boolean value) {
        return writeByte(value ? 1 : 0);
    }

    /** {@code uint32} (the low 32 bits of {@code value}). */
    public WireWriter writeUint32(long value) {
        ensure(4);
        buffer[size++] = (byte) (value >>> 24);
        buffer[size++] = (byte) (value >>> 16);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    /** {@code uint64}. */
    public WireWriter writeUint64(long value) {
        writeUint32(value >>> 32);
        return writeUint32(value);
    }

    /** Raw bytes, no length. */
    public WireWriter writeRaw(byte[] bytes) {
        return writeRaw(bytes, 0, bytes.length);
    }

    /** Raw bytes from a slice, no length. */
    public WireWriter writeRaw(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
        return this;
    }

    /** {@code string} of bytes. */
    public WireWriter writeString(byte[] value) {
        writeUint32(value.length);
        return writeRaw(value);
    }

    /** {@code string} of UTF-8 text. */
    public WireWriter writeString(String value) {
        return writeString(value.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code mpint}: minimal two's complement, zero as the empty string. */
    public WireWriter writeMpint(BigInteger value) {
        if (value.signum() == 0) {
            return writeUint32(0);
        }
        return writeString(value.toByteArray());
    }

    /** {@code mpint} of an unsigned big-endian magnitude (as the X25519 shared secret of RFC 8731). */
    public WireWriter writeMpintUnsigned(byte[] magnitude) {
        return writeMpint(new BigInteger(1, magnitude));
    }

    /** {@code name-list}. */
    public WireWriter writeNameList(List<String> names) {
        return writeString(String.join(",", names));
    }

    /** Bytes written so far. */
    public int size() {
        return size;
    }

    /**
     * What was written: the buffer itself when it is exactly full (a writer made with the right
     * capacity, as for each packet of channel data: no copy), else a copy. A later write never
     * changes the array returned, as a full buffer grows into a new one.
     */
    public byte[] toByteArray() {
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }
}
