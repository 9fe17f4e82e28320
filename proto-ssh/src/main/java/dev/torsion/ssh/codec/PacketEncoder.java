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
     * The wire bytes of one packet carrying {@code payload}: one array, the payload copied in once
     * and sealed where it lies.
     */
    public byte[] encode(byte[] payload) {
        byte[] wire = frame(payload.length);
        System.arraycopy(payload, 0, wire, PAYLOAD_OFFSET, payload.length);
        return seal(wire, payload.length);
    }

    /**
     * An array for one packet of {@code payloadLength} bytes under the current cipher: the caller
     * writes the payload from {@link #PAYLOAD_OFFSET} on, then {@link #seal seals} it. The sender's
     * path for channel data: the data is copied once, into the packet, and encrypted there.
     */
    public byte[] frame(int payloadLength) {
        return new byte[4 + packetLength(payloadLength) + cipher.macLength()];
    }

    /** Whether {@code wire} is the size {@link #frame} gives for {@code payloadLength} under the current cipher. */
    public boolean fits(byte[] wire, int payloadLength) {
        return wire.length == 4 + packetLength(payloadLength) + cipher.macLength();
    }

    /** Fills in the length, padding_length and padding of a {@link #frame} and seals it in place. */
    public byte[] seal(byte[] wire, int payloadLength) {
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
        bytesOut += wire.length;
        return wire;
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
