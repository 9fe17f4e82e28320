package dev.torsion.ssh.codec;

import dev.torsion.ssh.cipher.NoneCipher;
import dev.torsion.ssh.cipher.PacketCipher;
import java.util.Arrays;

/**
 * A push decoder of the binary packet protocol (RFC 4253 section 6): bytes go in with
 * {@link #feed}, payloads come out one at a time from {@link #next()}, so that the caller can
 * switch keys after NEWKEYS before the next packet is opened. Pure: no I/O.
 *
 * <p>Checks: the length within the limit and aligned to the block size (section 6), the padding at
 * least 4 bytes and leaving a non-empty payload (section 6), the MAC (section 6.4). Any failure
 * throws {@link SshProtocolException} and leaves the decoder {@link PacketState#FAILED}.
 */
public final class PacketDecoder {
    private final int maxPacketLength;
    private PacketCipher cipher = NoneCipher.INSTANCE;
    private PacketState state = PacketState.READ_LENGTH;
    private byte[] buffer = new byte[1024];
    private int start;
    private int end;
    private long sequence;
    private long packetLength;
    private byte[] lengthBytes;
    private long bytesIn;

    /** A decoder refusing packets longer than {@code maxPacketLength}. */
    public PacketDecoder(int maxPacketLength) {
        this.maxPacketLength = maxPacketLength;
    }

    /** The state. */
    public PacketState state() {
        return state;
    }

    /** The sequence number of the next packet (uint32, wrapping; RFC 4253 section 6.4). */
    public long sequence() {
        return sequence;
    }

    /** Bytes of packets decoded since the last {@link #resetBytes()}, for rekeying. */
    public long bytes() {
        return bytesIn;
    }

    /** Starts counting bytes again (after a key exchange). */
    public void resetBytes() {
        bytesIn = 0;
    }

    /** Strict key exchange: the sequence number starts again at 0 after NEWKEYS. */
    public void resetSequence() {
        sequence = 0;
    }

    /** Uses {@code next} from the next packet on (after SSH_MSG_NEWKEYS, RFC 4253 section 7.3). */
    public void setCipher(PacketCipher next) {
        this.cipher = next;
    }

    /** Bytes received but not yet decoded. */
    public int buffered() {
        return end - start;
    }

    /** Appends received bytes. */
    public void feed(byte[] data) {
        if (state == PacketState.FAILED) {
            return;
        }
        if (end + data.length > buffer.length) {
            int live = end - start;
            byte[] grown = live + data.length > buffer.length
                    ? new byte[Math.max(buffer.length * 2, live + data.length)] : buffer;
            System.arraycopy(buffer, start, grown, 0, live);
            buffer = grown;
            start = 0;
            end = live;
        }
        System.arraycopy(data, 0, buffer, end, data.length);
        end += data.length;
    }

    /** The next payload, or null when more bytes are needed. */
    public byte[] next() throws SshProtocolException {
        try {
            return decode();
        } catch (SshProtocolException e) {
            state = PacketState.FAILED;
            buffer = new byte[0];
            start = 0;
            end = 0;
            throw e;
        }
    }

    private byte[] decode() throws SshProtocolException {
        if (state == PacketState.FAILED) {
            throw SshProtocolException.malformed("decoder failed earlier");
        }
        if (state == PacketState.READ_LENGTH) {
            int first = cipher.lengthFieldBytes();
            if (buffered() < first) {
                return null;
            }
            lengthBytes = Arrays.copyOfRange(buffer, start, start + first);
            packetLength = cipher.packetLength(sequence, lengthBytes);
            checkLength(packetLength);
            state = PacketState.READ_PACKET;
        }
        int total = 4 + (int) packetLength + cipher.macLength();
        if (buffered() < total) {
            return null;
        }
        // Opened where it lies in the buffer: the payload is then the one copy made of it.
        int plain = cipher.openInPlace(sequence, buffer, start, total);
        byte[] payload = payload(buffer, plain, (int) packetLength);
        start += total;
        if (start == end) {
            start = 0;
            end = 0;
        }
        sequence = (sequence + 1) & 0xffffffffL;
        bytesIn += total;
        state = PacketState.READ_LENGTH;
        return payload;
    }

    /** RFC 4253 section 6: length limit, and alignment of the packet to the cipher's block size. */
    private void checkLength(long length) throws SshProtocolException {
        if (length > maxPacketLength) {
            throw SshProtocolException.malformed("packet length " + length + " over the limit " + maxPacketLength);
        }
        if (length < 5) {
            throw SshProtocolException.malformed("packet length " + length + " too short");
        }
        long aligned = cipher.lengthIsAligned() ? length + 4 : length;
        if (aligned % cipher.blockSize() != 0) {
            throw SshProtocolException.malformed("packet length " + length + " not a multiple of the block size");
        }
    }

    /** RFC 4253 section 6: padding of at least 4 bytes, and a payload of at least the message number. */
    private static byte[] payload(byte[] plain, int offset, int length) throws SshProtocolException {
        int padding = plain[offset] & 0xff;
        if (padding < 4) {
            throw SshProtocolException.malformed("padding of " + padding + " bytes, under 4");
        }
        int payloadLength = length - 1 - padding;
        if (payloadLength < 1) {
            throw SshProtocolException.malformed("padding leaves no payload");
        }
        return Arrays.copyOfRange(plain, offset + 1, offset + 1 + payloadLength);
    }
}
