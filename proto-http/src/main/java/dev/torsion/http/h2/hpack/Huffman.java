package dev.torsion.http.h2.hpack;

import java.io.ByteArrayOutputStream;

/**
 * The Huffman code of HPACK (RFC 7541 section 5.2 and Appendix B). Decoding refuses what section
 * 5.2 forbids: padding longer than 7 bits, padding that is not the most significant bits of EOS,
 * and the EOS symbol itself.
 */
public final class Huffman {
    private static final int EOS = 256;
    /** The decoding trie: for node n, CHILDREN[2n] and CHILDREN[2n+1]; a negative child is a symbol (-1 - symbol). */
    private static final int[] CHILDREN;

    static {
        int[] children = new int[2 * 512];
        int nodes = 1;
        for (int symbol = 0; symbol <= EOS; symbol++) {
            int code = HpackTables.CODES[symbol];
            int length = HpackTables.LENGTHS[symbol];
            int node = 0;
            for (int bit = length - 1; bit >= 0; bit--) {
                int slot = 2 * node + ((code >>> bit) & 1);
                if (bit == 0) {
                    children[slot] = -1 - symbol;
                } else {
                    if (children[slot] == 0) {
                        children[slot] = nodes++;
                    }
                    node = children[slot];
                }
            }
        }
        CHILDREN = children;
    }

    private Huffman() {
    }

    /** The length in bytes of {@code data} once encoded. */
    public static int encodedLength(byte[] data) {
        long bits = 0;
        for (byte b : data) {
            bits += HpackTables.LENGTHS[b & 0xFF];
        }
        return (int) ((bits + 7) / 8);
    }

    /** Encodes {@code data}, padded with the most significant bits of EOS (all ones). */
    public static void encode(byte[] data, ByteArrayOutputStream out) {
        long current = 0;
        int bits = 0;
        for (byte b : data) {
            int symbol = b & 0xFF;
            current = (current << HpackTables.LENGTHS[symbol]) | HpackTables.CODES[symbol];
            bits += HpackTables.LENGTHS[symbol];
            while (bits >= 8) {
                bits -= 8;
                out.write((int) (current >>> bits));
            }
        }
        if (bits > 0) {
            out.write((int) ((current << (8 - bits)) | (0xFF >>> bits)));
        }
    }

    /** Decodes {@code length} bytes of {@code data} from {@code offset}. */
    public static byte[] decode(byte[] data, int offset, int length) throws HpackException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length * 8 / 5 + 1);
        int node = 0;
        int depth = 0;
        boolean allOnes = true;
        for (int i = offset; i < offset + length; i++) {
            int b = data[i] & 0xFF;
            for (int bit = 7; bit >= 0; bit--) {
                int direction = (b >>> bit) & 1;
                int next = CHILDREN[2 * node + direction];
                depth++;
                allOnes &= direction == 1;
                if (next < 0) {
                    int symbol = -1 - next;
                    if (symbol == EOS) {
                        throw new HpackException("EOS in a Huffman string (RFC 7541 section 5.2)");
                    }
                    out.write(symbol);
                    node = 0;
                    depth = 0;
                    allOnes = true;
                } else if (next == 0) {
                    throw new HpackException("invalid Huffman code");
                } else {
                    node = next;
                }
            }
        }
        if (depth > 7 || !allOnes) {
            throw new HpackException("Huffman padding longer than 7 bits or not EOS (RFC 7541 section 5.2)");
        }
        return out.toByteArray();
    }
}
