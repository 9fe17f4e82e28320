package dev.torsion.ssh.transport;

import java.math.BigInteger;

/**
 * Blowfish's state with the expensive key schedule of bcrypt ("eksblowfish", Provos and Mazières,
 * 1999), as OpenBSD's {@code blf.c} has it: what {@link BcryptPbkdf} needs and BouncyCastle's
 * Blowfish does not expose. The initial P-array and S-boxes are the fractional hexadecimal digits
 * of pi (Schneier's definition of Blowfish), computed once here rather than copied as 1042 literals.
 */
final class Blowfish {
    private static final int ROUNDS = 16;
    private static final int[] PI_WORDS = piWords(18 + 4 * 256);

    private final int[] p = new int[18];
    private final int[][] s = new int[4][256];

    /** The initial state: P and S filled from pi. */
    Blowfish() {
        System.arraycopy(PI_WORDS, 0, p, 0, 18);
        for (int box = 0; box < 4; box++) {
            System.arraycopy(PI_WORDS, 18 + box * 256, s[box], 0, 256);
        }
    }

    /**
     * The first {@code count} 32-bit words of pi's fractional part: pi by Machin's formula
     * (16 atan(1/5) - 4 atan(1/239)) in fixed point with 64 guard bits.
     */
    static int[] piWords(int count) {
        int bits = count * 32 + 64;
        BigInteger one = BigInteger.ONE.shiftLeft(bits);
        BigInteger pi = arctanInverse(5, one).shiftLeft(4).subtract(arctanInverse(239, one).shiftLeft(2));
        BigInteger fraction = pi.subtract(BigInteger.valueOf(3).shiftLeft(bits)).shiftRight(64);
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            words[i] = fraction.shiftRight((count - 1 - i) * 32).intValue();
        }
        return words;
    }

    /** atan(1/x) scaled by {@code one}: the alternating series of 1/((2k+1) x^(2k+1)). */
    private static BigInteger arctanInverse(int x, BigInteger one) {
        BigInteger xSquared = BigInteger.valueOf((long) x * x);
        BigInteger power = one.divide(BigInteger.valueOf(x));
        BigInteger sum = power;
        for (int k = 1; power.signum() != 0; k++) {
            power = power.divide(xSquared);
            BigInteger term = power.divide(BigInteger.valueOf(2L * k + 1));
            sum = (k & 1) == 1 ? sum.subtract(term) : sum.add(term);
        }
        return sum;
    }

    private int f(int x) {
        return ((s[0][x >>> 24] + s[1][(x >>> 16) & 0xff]) ^ s[2][(x >>> 8) & 0xff]) + s[3][x & 0xff];
    }

    /** Enciphers the 64-bit block {@code block[offset], block[offset + 1]} in place. */
    void encipher(int[] block, int offset) {
        int left = block[offset];
        int right = block[offset + 1];
        left ^= p[0];
        for (int i = 1; i <= ROUNDS; i += 2) {
            right ^= f(left) ^ p[i];
            left ^= f(right) ^ p[i + 1];
        }
        block[offset] = right ^ p[ROUNDS + 1];
        block[offset + 1] = left;
    }

    /** The next big-endian 32-bit word of {@code data}, cycling; {@code position[0]} moves on. */
    static int streamToWord(byte[] data, int[] position) {
        int word = 0;
        for (int i = 0; i < 4; i++) {
            word = (word << 8) | (data[position[0]] & 0xff);
            position[0] = (position[0] + 1) % data.length;
        }
        return word;
    }

    /** Blowfish_expandstate: P mixed with the key, then P and S re-made by enciphering with {@code data} mixed in. */
    void expandState(byte[] data, byte[] key) {
        mixKey(key);
        int[] position = {0};
        int[] block = new int[2];
        for (int i = 0; i < 18; i += 2) {
            block[0] ^= streamToWord(data, position);
            block[1] ^= streamToWord(data, position);
            encipher(block, 0);
            p[i] = block[0];
            p[i + 1] = block[1];
        }
        for (int[] box : s) {
            for (int k = 0; k < 256; k += 2) {
                block[0] ^= streamToWord(data, position);
                block[1] ^= streamToWord(data, position);
                encipher(block, 0);
                box[k] = block[0];
                box[k + 1] = block[1];
            }
        }
    }

    /** Blowfish_expand0state: as {@link #expandState} without the data (Blowfish's own key schedule). */
    void expandZeroState(byte[] key) {
        mixKey(key);
        int[] block = new int[2];
        for (int i = 0; i < 18; i += 2) {
            encipher(block, 0);
            p[i] = block[0];
            p[i + 1] = block[1];
        }
        for (int[] box : s) {
            for (int k = 0; k < 256; k += 2) {
                encipher(block, 0);
                box[k] = block[0];
                box[k + 1] = block[1];
            }
        }
    }

    private void mixKey(byte[] key) {
        int[] position = {0};
        for (int i = 0; i < 18; i++) {
            p[i] ^= streamToWord(key, position);
        }
    }
}
