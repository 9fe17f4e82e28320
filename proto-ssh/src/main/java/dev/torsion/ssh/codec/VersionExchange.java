package dev.torsion.ssh.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the peer's identification line {@code SSH-protoversion-softwareversion SP comments CR LF}
 * (RFC 4253 section 4.2), pushing bytes in until it is complete. Pure: no I/O.
 *
 * <p>A line is at most {@code maxLineLength} bytes with its CR LF (255 by the RFC); a bare LF is
 * taken as the end too, as OpenSSH does. Only a server may send other lines first (section 4.2),
 * so a reader for a client's line takes none, and a reader for a server's takes at most
 * {@code maxOtherLines}. Versions 2.0 and 1.99 (section 5.1) are accepted.
 */
public final class VersionExchange {
    /** Where the reader stands. */
    public enum State {
        /** Reading lines. */
        READING,
        /** The identification line was read. */
        DONE,
        /** The peer sent something that is not SSH-2; the reader takes nothing more. */
        FAILED
    }

    private final int maxLineLength;
    private final int maxOtherLines;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private State state = State.READING;
    private int otherLines;
    private String version;
    private byte[] rest = new byte[0];

    /**
     * A reader of one identification line.
     *
     * @param maxOtherLines lines allowed before it (0 for a client's identification)
     */
    public VersionExchange(int maxLineLength, int maxOtherLines) {
        this.maxLineLength = maxLineLength;
        this.maxOtherLines = maxOtherLines;
    }

    /** The state. */
    public State state() {
        return state;
    }

    /** The peer's identification without CR LF (it goes into the exchange hash), once DONE. */
    public String version() {
        return version;
    }

    /** Bytes after the identification line (the first packets), once DONE. */
    public byte[] rest() {
        return rest;
    }

    /** Feeds bytes; true once the line is complete. */
    public boolean feed(byte[] data) throws SshProtocolException {
        if (state != State.READING) {
            return state == State.DONE;
        }
        for (int i = 0; i < data.length; i++) {
            byte b = data[i];
            if (b == '\n') {
                if (lineDone()) {
                    rest = Arrays.copyOfRange(data, i + 1, data.length);
                    return true;
                }
                continue;
            }
            line.write(b);
            if (line.size() + 1 > maxLineLength) {
                fail("identification line longer than " + maxLineLength + " bytes");
            }
        }
        return false;
    }

    private boolean lineDone() throws SshProtocolException {
        byte[] bytes = line.toByteArray();
        line.reset();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        String text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("SSH-")) {
            if (++otherLines > maxOtherLines) {
                fail(maxOtherLines == 0 ? "not an SSH identification line" : "too many lines before the identification");
            }
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                fail("control or non-ASCII character in the identification line");
            }
        }
        if (!text.startsWith("SSH-2.0-") && !text.startsWith("SSH-1.99-")) {
            state = State.FAILED;
            throw new SshProtocolException(DisconnectReason.PROTOCOL_VERSION_NOT_SUPPORTED,
                    "protocol version not supported");
        }
        version = text;
        state = State.DONE;
        return true;
    }

    private void fail(String message) throws SshProtocolException {
        state = State.FAILED;
        throw SshProtocolException.malformed(message);
    }
}
