package dev.torsion.ssh.cipher;

import java.util.Arrays;

/** The clear packets before the first NEWKEYS (RFC 4253 section 6: cipher and MAC "none"). */
public final class NoneCipher implements PacketCipher {
    /** The one instance: it has no state. */
    public static final NoneCipher INSTANCE = new NoneCipher();

    private NoneCipher() {
    }

    @Override
    public int blockSize() {
        return 8;
    }

    @Override
    public int lengthFieldBytes() {
        return 4;
    }

    @Override
    public boolean lengthIsAligned() {
        return true;
    }

    @Override
    public int macLength() {
        return 0;
    }

    @Override
    public long packetLength(long sequence, byte[] first) {
        return Bytes.uint32(first, 0);
    }

    @Override
    public byte[] open(long sequence, byte[] wire) {
        return Arrays.copyOfRange(wire, 4, wire.length);
    }

    @Override
    public byte[] seal(long sequence, byte[] packet) {
        return packet;
    }
}
