package dev.torsion.cred.ssh;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the SSH data types of RFC 4251 section 5 ({@code uint32}, {@code string}, {@code mpint})
 * from a byte array, failing with {@link SshFormatException} on anything truncated or malformed.
 */
public final class SshWireReader {
    private final byte[] data;
    private int position;

    /** A reader over {@code data} (not copied). */
    public SshWireReader(byte[] data) {
        this.data = data;
    }

    /** A {@code uint32}, as a non-negative long. */
    public long readUint32() throws SshFormatException {
        need(4);
        long value = ((data[position] & 0xffL) << 24) | ((data[position + 1] & 0xffL) << 16)
                | ((data[position + 2] & 0xffL) << 8) | (data[position + 3] & 0xffL);
        position += 4;
        return value;
    }

    /** A {@code string}: its length, then that many bytes. */
    public byte[] readString() throws SshFormatException {
        long length = readUint32();
        if (length > data.length - position) {
            throw new SshFormatException("string length " + length + " exceeds the remaining " + remaining() + " bytes");
        }
        byte[] value = Arrays.copyOfRange(data, position, position + (int) length);
        position += (int) length;
        return value;
    }

    /** A {@code string} holding US-ASCII text, such as an algorithm name. */
    public String readAsciiString() throws SshFormatException {
        byte[] bytes = readString();
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                throw new SshFormatException("name contains a byte that is not printable ASCII");
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** An {@code mpint}: two's complement, big-endian, without needless leading bytes. */
    public BigInteger readMpint() throws SshFormatException {
        byte[] bytes = readString();
        if (bytes.length == 0) {
            return BigInteger.ZERO;
        }
        if (bytes.length > 1 && ((bytes[0] == 0 && bytes[1] >= 0) || (bytes[0] == -1 && bytes[1] < 0))) {
            throw new SshFormatException("mpint has a needless leading byte");
        }
        return new BigInteger(bytes);
    }

    /** How many bytes are left. */
    public int remaining() {
        return data.length - position;
    }

    /** Fails unless every byte was read: trailing bytes mean the data is not what it claims. */
    public void ensureFullyRead() throws SshFormatException {
        if (remaining() != 0) {
            throw new SshFormatException(remaining() + " unexpected trailing bytes");
        }
    }

    private void need(int count) throws SshFormatException {
        if (remaining() < count) {
            throw new SshFormatException("truncated: needed " + count + " bytes, " + remaining() + " left");
        }
    }
}
