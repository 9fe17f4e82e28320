package dev.torsion.ssh.sftp;

import dev.torsion.ssh.codec.SshProtocolException;
import java.util.Arrays;

/**
 * Splits the SFTP byte stream into packets ({@code uint32 length, byte type, ...},
 * draft-ietf-secsh-filexfer-02 section 3). Pure: bytes in, packets out; a length over the limit
 * fails the reader for good.
 */
public final class SftpPacketReader {
    private final int maxPacket;
    private byte[] buffer = new byte[0];
    private boolean failed;

    /** A reader refusing packets longer than {@code maxPacket}. */
    public SftpPacketReader(int maxPacket) {
        this.maxPacket = maxPacket;
    }

    /** Appends bytes. */
    public void feed(byte[] data) {
        if (!failed) {
            byte[] grown = Arrays.copyOf(buffer, buffer.length + data.length);
            System.arraycopy(data, 0, grown, buffer.length, data.length);
            buffer = grown;
        }
    }

    /** The next packet (type byte first, length stripped), or null when more bytes are needed. */
    public byte[] next() throws SshProtocolException {
        if (failed) {
            throw SshProtocolException.malformed("SFTP stream failed earlier");
        }
        if (buffer.length < 4) {
            return null;
        }
        long length = ((buffer[0] & 0xffL) << 24) | ((buffer[1] & 0xffL) << 16) | ((buffer[2] & 0xffL) << 8)
                | (buffer[3] & 0xffL);
        if (length < 1 || length > maxPacket) {
            failed = true;
            buffer = new byte[0];
            throw SshProtocolException.malformed("SFTP packet length " + length);
        }
        if (buffer.length < 4 + length) {
            return null;
        }
        byte[] packet = Arrays.copyOfRange(buffer, 4, 4 + (int) length);
        buffer = Arrays.copyOfRange(buffer, 4 + (int) length, buffer.length);
        return packet;
    }
}
