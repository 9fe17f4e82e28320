package dev.torsion.ssh.codec;

import dev.torsion.ssh.cipher.NoneCipher;
import dev.torsion.ssh.cipher.PacketCipher;
import java.security.SecureRandom;
import java.util.Random;

/**
 * Frames payloads as binary packets (RFC 4253 section 6): random padding of 4 or more bytes to
 * the block size (at least 8), a packet of at least 16 bytes, then the cipher seals it.
 */
public final class PacketEncoder {
    private final Random padding;
    private final byte[] randomBlock = new byte[4096];
    private int randomLeft;
    private PacketCipher cipher = NoneCipher.INSTANCE;
    /** The array {@link #frame} lends, and the cipher it was lent under. */
    private byte[] scratch = new byte[0];
    private PacketCipher scratchCipher;
    private long sequence;
    private long bytesOut;

    /** An encoder with random padding from a {@link SecureRandom}. */
    public PacketEncoder() {
        this(new SecureRandom());
    }

    /** An encoder drawing padding bytes from {@code padding} (tests pass a seeded one). */
    public PacketEncoder(Random padding) {
        this.padding = padding;
    }

    /** The sequence number of the next packet. */
    public long sequence() {
        return sequence;
    }

    /** Strict key exchange: the sequence number starts again at 0 after NEWKEYS. */
    public void resetSequence() {
        sequence = 0;
    }

    /** Bytes sent since the last {@link #resetBytes()}. */
    public long bytes() {
        return bytesOut;
    }

    /** Starts counting bytes again. */
    public void resetBytes() {
        bytesOut = 0;
    }

    /** Uses {@code next} from the next packet on (after sending SSH_MSG_NEWKEYS). */
    public void setCipher(PacketCipher next) {
        this.cipher = next;
    }

    /** Where the payload starts in an array from {@link #frame(int)}: after the length and padding_length. */
    public static final int PAYLOAD_OFFSET = 5;

    /**
     * The wire bytes of one packet carrying {@code payload}: one array of exactly the packet's
     * size, the payload copied in once and sealed where it lies.
     */
    public byte[] encode(byte[] payload) {
        byte[] wire = new byte[wireLength(payload.length)];
        System.arraycopy(payload, 0, wire, PAYLOAD_OFFSET, payload.length);
        seal(wire, payload.length);
        return wire;
    }

    /**
     * The array to build one packet of {@code payloadLength} bytes in under the current cipher:
     * the caller writes the payload from {@link #PAYLOAD_OFFSET} on, then {@link #seal seals} it
     * and sends the first {@link #wireLength} bytes. The sender's path for channel data: the array
     * is this encoder's own, reused for every packet (a new one per packet cost as much as the
     * encryption in allocation and zeroing), so its bytes must be copied out (or written to a
     * transport that copies them) before the next call.
     */
    public byte[] frame(int payloadLength) {
        int size = wireLength(payloadLength);
        if (scratch.length < size) {
            scratch = new byte[size];
        }
        scratchCipher = cipher;
        return scratch;
    }

    /**
     * Whether {@code wire} is this encoder's array from {@link #frame}, framed under the current
     * cipher (a key exchange may have changed it since) and large enough for {@code payloadLength}.
     */
    public boolean fits(byte[] wire, int payloadLength) {
        return wire == scratch && scratchCipher == cipher && wire.length >= wireLength(payloadLength);
    }

    /** The bytes on the wire of a packet of {@code payloadLength} under the current cipher, MAC included. */
    public int wireLength(int payloadLength) {
        return 4 + packetLength(payloadLength) + cipher.macLength();
    }

    /**
     * Fills in the length, padding_length and padding of the packet whose payload lies in
     * {@code wire} from {@link #PAYLOAD_OFFSET} on, and seals it in place. Returns its length on
     * the wire (the array may be longer).
     */
    public int seal(byte[] wire, int payloadLength) {
        int packetLength = packetLength(payloadLength);
        int pad = packetLength - 1 - payloadLength;
        wire[0] = (byte) (packetLength >>> 24);
        wire[1] = (byte) (packetLength >>> 16);
        wire[2] = (byte) (packetLength >>> 8);
        wire[3] = (byte) packetLength;
        wire[4] = (byte) pad;
        fillPadding(wire, PAYLOAD_OFFSET + payloadLength, pad);
        cipher.sealInPlace(sequence, wire, 4 + packetLength);
        sequence = (sequence + 1) & 0xffffffffL;
        int length = 4 + packetLength + cipher.macLength();
        bytesOut += length;
        return length;
    }

    /** RFC 4253 section 6: padding of at least 4 bytes to the block size, a packet of at least 16 bytes. */
    private int packetLength(int payloadLength) {
        int block = Math.max(8, cipher.blockSize());
        int aligned = 1 + payloadLength + (cipher.lengthIsAligned() ? 4 : 0);
        int pad = block - (aligned % block);
        if (pad < 4) {
            pad += block;
        }
        while (4 + 1 + payloadLength + pad < 16) {
            pad += block;
        }
        return 1 + payloadLength + pad;
    }

    /**
     * Random padding (RFC 4253 section 6: "arbitrary-length padding... random bytes") taken from a
     * block drawn at once: one call to the generator per 4 KiB of padding rather than per packet.
     */
    private void fillPadding(byte[] wire, int offset, int length) {
        if (randomLeft < length) {
            padding.nextBytes(randomBlock);
            randomLeft = randomBlock.length;
        }
        System.arraycopy(randomBlock, randomBlock.length - randomLeft, wire, offset, length);
        randomLeft -= length;
    }
}
