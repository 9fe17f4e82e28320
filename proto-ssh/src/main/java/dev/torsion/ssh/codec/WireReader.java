package dev.torsion.ssh.codec;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the SSH data types of RFC 4251 section 5 from one message. Every read checks what is left,
 * so a lying length gives {@link SshProtocolException} (SSH_DISCONNECT_PROTOCOL_ERROR), never an
 * exception of Java's own or an allocation the message cannot back.
 */
public final class WireReader {
    /** The longest name-list element read; RFC 4251 section 6 caps algorithm names at 64 characters. */
    public static final int MAX_NAME_LENGTH = 64;

    private final byte[] data;
    private int position;
    private final int end;

    /** A reader over all of {@code data}. */
    public WireReader(byte[] data) {
        this(data, 0, data.length);
    }

    /** A reader over {@code length} bytes of {@code data} from {@code offset}. */
    public WireReader(byte[] data, int offset, int length) {
        this.data = data;
        this.position = offset;
        this.end = offset + length;
    }

    /** Bytes not read yet. */
    public int remaining() {
        return end - position;
    }

    private void need(int count, String what) throws SshProtocolException {
        if (count < 0 || count > remaining()) {
            throw SshProtocolException.malformed("truncated " + what);
        }
    }

    /** {@code byte} (RFC 4251 section 5). */
    public int readByte() throws SshProtocolException {
        need(1, "byte");
        return data[position++] & 0xff;
    }

    /** {@code boolean}: any non-zero byte is true (RFC 4251 section 5). */
    public boolean readBoolean() throws SshProtocolException {
        return readByte() != 0;
    }

    /** {@code uint32} as a non-negative long. */
    public long readUint32() throws SshProtocolException {
        need(4, "uint32");
        long value = ((data[position] & 0xffL) << 24) | ((data[position + 1] & 0xffL) << 16)
                | ((data[position + 2] & 0xffL) << 8) | (data[position + 3] & 0xffL);
        position += 4;
        return value;
    }

    /** {@code uint32} that must fit an int (lengths, channel numbers below 2^31). */
    public int readInt() throws SshProtocolException {
        long value = readUint32();
        if (value > Integer.MAX_VALUE) {
            throw SshProtocolException.malformed("uint32 out of range: " + value);
        }
        return (int) value;
    }

    /** {@code uint64} (as a signed long: callers compare unsigned where it matters). */
    public long readUint64() throws SshProtocolException {
        long high = readUint32();
        long low = readUint32();
        return (high << 32) | low;
    }

    /** {@code string}: a uint32 length and that many bytes. */
    public byte[] readString() throws SshProtocolException {
        long length = readUint32();
        if (length > remaining()) {
            throw SshProtocolException.malformed("string length " + length + " beyond the message");
        }
        byte[] value = Arrays.copyOfRange(data, position, position + (int) length);
        position += (int) length;
        return value;
    }

    /** {@code string} as UTF-8 text (RFC 4251 section 5: ISO-10646 UTF-8 where text is meant). */
    public String readUtf8() throws SshProtocolException {
        return new String(readString(), StandardCharsets.UTF_8);
    }

    /** {@code string} that must be US-ASCII without controls (names, RFC 4251 section 6). */
    public String readAscii() throws SshProtocolException {
        byte[] bytes = readString();
        for (byte b : bytes) {
            if (b < 0x20 || b == 0x7f) {
                throw SshProtocolException.malformed("non-ASCII or control byte in a name");
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /**
     * {@code mpint}: two's complement, big-endian, with no needless leading 0x00 or 0xff
     * (RFC 4251 section 5); such a leading byte is refused.
     */
    public BigInteger readMpint() throws SshProtocolException {
        byte[] bytes = readString();
        if (bytes.length == 0) {
            return BigInteger.ZERO;
        }
        if (bytes.length > 1 && ((bytes[0] == 0 && bytes[1] >= 0) || (bytes[0] == (byte) 0xff && bytes[1] < 0))) {
            throw SshProtocolException.malformed("mpint with a needless leading byte");
        }
        return new BigInteger(bytes);
    }

    /**
     * {@code name-list}: comma-separated names, each non-empty, US-ASCII without commas or
     * controls, at most {@link #MAX_NAME_LENGTH} characters (RFC 4251 sections 5 and 6).
     */
    public List<String> readNameList() throws SshProtocolException {
        String text = readAscii();
        List<String> names = new ArrayList<>();
        if (text.isEmpty()) {
            return names;
        }
        for (String name : text.split(",", -1)) {
            if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
                throw SshProtocolException.malformed("bad name in a name-list");
            }
            names.add(name);
        }
        return names;
    }

    /** The unread rest of the message. */
    public byte[] readRest() {
        byte[] rest = Arrays.copyOfRange(data, position, end);
        position = end;
        return rest;
    }

    /** Fails unless the whole message has been read. */
    public void expectEnd() throws SshProtocolException {
        if (remaining() != 0) {
            throw SshProtocolException.malformed(remaining() + " bytes after the end of the message");
        }
    }
}
