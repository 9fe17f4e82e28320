package dev.torsion.cred.ssh;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Writes the SSH data types of RFC 4251 section 5 ({@code uint32}, {@code string}, {@code mpint}). */
public final class SshWireWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Appends a {@code uint32}. */
    public SshWireWriter writeUint32(long value) {
        out.write((int) (value >>> 24));
        out.write((int) (value >>> 16));
        out.write((int) (value >>> 8));
        out.write((int) value);
        return this;
    }

    /** Appends a {@code string} of bytes. */
    public SshWireWriter writeString(byte[] value) {
        writeUint32(value.length);
        out.writeBytes(value);
        return this;
    }

    /** Appends a {@code string} of US-ASCII text. */
    public SshWireWriter writeString(String value) {
        return writeString(value.getBytes(StandardCharsets.US_ASCII));
    }

    /** Appends an {@code mpint}. */
    public SshWireWriter writeMpint(BigInteger value) {
        return writeString(value.signum() == 0 ? new byte[0] : value.toByteArray());
    }

    /** The bytes written so far. */
    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
