package dev.torsion.ssh.sftp;

import dev.torsion.ssh.codec.SshProtocolException;
import java.util.Arrays;

/**
 * Splits the SFTP byte stream into packets ({@code uint32 length, byte type, ...},
 * draft-ietf-secsh-filexfer-02 section 3). Pure: bytes in, packets out; a length of zero or over
 * the limit fails the reader for good. It buffers at most one packet beyond what was fed whole,
 * and compacts instead of copying at every call, so 256 KiB writes fed in 32 KiB pieces cost
 * one copy each.
 */
public final class SftpPacketReader {
    private final int maxPacket;
    private byte[] buffer = new byte[16 * 1024];
    private int start;
    private int end;
    private boolean failed;

    /** A reader refusing packets longer than {@code maxPacket}. */
    public SftpPacketReader(int maxPacket) {
        this.maxPacket = maxPacket;
    }

    /** Appends bytes. */
    public void feed(byte[] data) {
        if (failed || data.length == 0) {
            return;
        }
        if (end + data.length > buffer.length) {
            int held = end - start;
            byte[] target = held + data.length > buffer.length
                    ? new byte[Math.max(held + data.length, buffer.length * 2)] : buffer;
            System.arraycopy(buffer, start, target, 0, held);
            buffer = target;
            start = 0;
            end = held;
        }
        System.arraycopy(data, 0, buffer, end, data.length);
        end += data.length;
    }

    /** True once a bad length was seen. */
    public boolean failed() {
        return failed;
    }

    /** The next packet (type byte first, length stripped), or null when more bytes are needed. */
    public byte[] next() throws SshProtocolException {
        if (failed) {
            throw SshProtocolException.malformed("SFTP stream failed earlier");
        }
        if (end - start < 4) {
            return null;
        }
        long length = ((buffer[start] & 0xffL) << 24) | ((buffer[start + 1] & 0xffL) << 16)
                | ((buffer[start + 2] & 0xffL) << 8) | (buffer[start + 3] & 0xffL);
        if (length < 1 || length > maxPacket) {
            failed = true;
            buffer = new byte[0];
            start = 0;
            end = 0;
            throw SshProtocolException.malformed("SFTP packet length " + length);
        }
        if (end - start < 4 + length) {
            return null;
        }
        byte[] packet = Arrays.copyOfRange(buffer, start + 4, start + 4 + (int) length);
        start += 4 + (int) length;
        if (start == end) {
            start = 0;
            end = 0;
            if (buffer.length > 1024 * 1024) {
                // A burst of large packets is over: give the memory back.
                buffer = new byte[16 * 1024];
            }
        }
        return packet;
    }
}
