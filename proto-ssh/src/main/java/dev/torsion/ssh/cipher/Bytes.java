package dev.torsion.ssh.cipher;

/** Big-endian integers in byte arrays, for the packet layer. */
final class Bytes {
    private Bytes() {
    }

    static long uint32(byte[] data, int offset) {
        return ((data[offset] & 0xffL) << 24) | ((data[offset + 1] & 0xffL) << 16)
                | ((data[offset + 2] & 0xffL) << 8) | (data[offset + 3] & 0xffL);
    }

    static void putUint32(byte[] data, int offset, long value) {
        data[offset] = (byte) (value >>> 24);
        data[offset + 1] = (byte) (value >>> 16);
        data[offset + 2] = (byte) (value >>> 8);
        data[offset + 3] = (byte) value;
    }

    static byte[] uint64(long value) {
        byte[] out = new byte[8];
        putUint32(out, 0, value >>> 32);
        putUint32(out, 4, value);
        return out;
    }
}
