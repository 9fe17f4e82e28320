package dev.torsion.nmea.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The scan of a sentence's body eight bytes at a time (SWAR: SIMD within a register): every byte
 * checked printable ASCII (NMEA 0183 section 6.1) and every {@code ,} found, with one branch a
 * word and one a separator rather than three a byte. Measured here (CPU time, the whole decode
 * of gpsd's logs): about 70 ns a sentence, as the former loop over a string's characters; the
 * same loop over bytes took about 87. The masks are exact, byte by byte: no carry crosses from
 * one byte into the next, because every byte is first kept below 0x80.
 */
final class Separators {

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGH = 0x8080_8080_8080_8080L;
    private static final long LOW7 = 0x7f7f_7f7f_7f7f_7f7fL;

    /** The room {@code find} needs in its offsets past one per byte scanned: the blind writes. */
    static final int SLACK = 4;

    private Separators() {
    }

    /**
     * Records in {@code offsets} where each {@code ,} of {@code line[from, to)} is and in
     * {@code offsets[offsets.length - 1]} the XOR of those bytes; returns how many commas, or
     * {@code -1 - i} when {@code line[i]} is the first byte that is not printable ASCII.
     * {@code offsets} has room for {@link #SLACK} more than the bytes.
     */
    static int find(byte[] line, int from, int to, int[] offsets) {
        int count = 0;
        long words = 0;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(line, i);
            words ^= word;
            if (unprintable(word) != 0) {
                return firstUnprintable(line, i, to);
            }
            count = record(zeroBytes(word ^ (',' * ONES)), i, offsets, count);
        }
        if (i < to && to - Long.BYTES >= from) {
            // the last few bytes as the end of the word before 'to': those scanned already are
            // masked out (read as spaces, which are printable and not commas, and not XORed)
            int last = to - Long.BYTES;
            long fresh = -1L << ((i - last) << 3);
            long word = (long) LONGS.get(line, last);
            long tail = (word & fresh) | (' ' * ONES & ~fresh);
            if (unprintable(tail) != 0) {
                return firstUnprintable(line, i, to);
            }
            words ^= word & fresh;
            count = record(zeroBytes(tail ^ (',' * ONES)), last, offsets, count);
            i = to;
        }
        int sum = fold(words);
        for (; i < to; i++) {
            int c = line[i];
            if (!isPrintable(c)) {
                return -1 - i;
            }
            if (c == ',') {
                offsets[count++] = i;
            }
            sum ^= c;
        }
        offsets[offsets.length - 1] = sum;
        return count;
    }

    /**
     * Records the commas of one word (the high bit of each comma byte in {@code commas}, the
     * word at {@code at}) from {@code offsets[count]} on; returns the new count. The first four
     * are written whether there are that many or not (past the count they are overwritten or
     * ignored, within {@link #SLACK}), so that the usual word, with up to four commas, takes no
     * branch whose outcome varies with the number of commas; a rare fifth takes the loop.
     */
    private static int record(long commas, int at, int[] offsets, int count) {
        int found = Long.bitCount(commas);
        offsets[count] = at + (Long.numberOfTrailingZeros(commas) >>> 3);
        commas &= commas - 1;
        offsets[count + 1] = at + (Long.numberOfTrailingZeros(commas) >>> 3);
        commas &= commas - 1;
        offsets[count + 2] = at + (Long.numberOfTrailingZeros(commas) >>> 3);
        commas &= commas - 1;
        offsets[count + 3] = at + (Long.numberOfTrailingZeros(commas) >>> 3);
        commas &= commas - 1;
        for (int next = count + 4; commas != 0; commas &= commas - 1) {
            offsets[next++] = at + (Long.numberOfTrailingZeros(commas) >>> 3);
        }
        return count + found;
    }

    /** Where the last {@code *} of {@code line[from, to)} is, or -1. */
    static int lastStar(byte[] line, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (line[i] == '*') {
                return i;
            }
        }
        return -1;
    }

    /** The XOR of the bytes {@code line[from, to)}, a few (the checksum after a {@code *}). */
    static int xor(byte[] line, int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i++) {
            sum ^= line[i];
        }
        return sum & 0xff;
    }

    /** The XOR of the eight bytes of {@code words}. */
    private static int fold(long words) {
        words ^= words >>> 32;
        words ^= words >>> 16;
        words ^= words >>> 8;
        return (int) words & 0xff;
    }

    /** The high bit of each byte of {@code word} that is not 0x20 to 0x7E. */
    private static long unprintable(long word) {
        long low = word & LOW7;
        long del = (low + ONES) & HIGH;              // 0x7F (and 0xFF)
        long control = ~(low + (0x60 * ONES)) & HIGH; // below 0x20 (and 0x80 to 0x9F)
        return (word & HIGH) | del | control;
    }

    /** The high bit of each zero byte of {@code word}, whose bytes are all below 0x80. */
    private static long zeroBytes(long word) {
        return ~(word + LOW7) & HIGH;
    }

    private static int firstUnprintable(byte[] line, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isPrintable(line[i])) {
                return -1 - i;
            }
        }
        throw new AssertionError("no unprintable byte in a word found to hold one");
    }

    /** 0x20 to 0x7E, as one unsigned comparison. */
    static boolean isPrintable(int c) {
        // a signed byte: 0x80 to 0xFF are negative; they and those below 0x20 wrap past 0x5E
        return (char) (c - 0x20) <= 0x7e - 0x20;
    }
}
