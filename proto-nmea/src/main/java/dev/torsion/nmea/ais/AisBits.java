package dev.torsion.nmea.ais;

import java.util.Arrays;

/**
 * The bits of an AIS message, de-armored from a VDM/VDO payload. The armoring (IEC 61162-1, the
 * VDM sentence's "six-bit binary field conversion") carries six bits per character: a character
 * {@code c} in {@code 0}..{@code W} or {@code `}..{@code w} stands for {@code c - 48}, less 8 more
 * past {@code W}; the last character's low "fill bits" (0 to 5) are padding, not data. Fields are
 * read most significant bit first, as ITU-R M.1371-5 Annex 8 transmits them. Reading past the end
 * is the caller's bug: decoders check {@link #length()} first.
 */
public final class AisBits {

    private final byte[] sixBits;
    private final int length;

    private AisBits(byte[] sixBits, int length) {
        this.sixBits = sixBits;
        this.length = length;
    }

    /** Whether {@code c} is one of the 64 armoring characters. */
    public static boolean isArmorCharacter(char c) {
        return (c >= '0' && c <= 'W') || (c >= '`' && c <= 'w');
    }

    /**
     * De-armors {@code payload}, dropping {@code fillBits} from its end.
     *
     * @throws IllegalArgumentException on a character outside the armoring set or fill bits outside
     *     0 to 5 or past the payload
     */
    public static AisBits dearmor(CharSequence payload, int fillBits) {
        if (fillBits < 0 || fillBits > 5 || fillBits > payload.length() * 6) {
            throw new IllegalArgumentException("fill bits " + fillBits);
        }
        byte[] values = new byte[payload.length()];
        for (int i = 0; i < values.length; i++) {
            char c = payload.charAt(i);
            if (!isArmorCharacter(c)) {
                throw new IllegalArgumentException(String.format("armoring character 0x%02x", (int) c));
            }
            int value = c - 48;
            values[i] = (byte) (value > 40 ? value - 8 : value);
        }
        return new AisBits(values, values.length * 6 - fillBits);
    }

    /** How many bits the message holds. */
    public int length() {
        return length;
    }

    /** The message ID: the first six bits (Annex 8, every message). */
    public int messageType() {
        return length < 6 ? -1 : unsigned(0, 6);
    }

    /** {@code width} (at most 32) bits from {@code start}, as an unsigned number. */
    public int unsigned(int start, int width) {
        check(start, width);
        long value = 0;
        for (int bit = start; bit < start + width; bit++) {
            value = (value << 1) | bit(bit);
        }
        return (int) value;
    }

    /** {@code width} bits from {@code start}, as a two's complement signed number. */
    public int signed(int start, int width) {
        int value = unsigned(start, width);
        return width < 32 && (value & (1 << (width - 1))) != 0 ? value - (1 << width) : value;
    }

    /** One bit, as a boolean. */
    public boolean flag(int start) {
        return unsigned(start, 1) == 1;
    }

    /**
     * {@code characters} characters of six-bit ASCII (Annex 8, table 47: 0 to 31 are {@code @} to
     * {@code _}, 32 to 63 are space to {@code ?}) from {@code start}. {@code @} is the standard's
     * "not available" padding: the text ends at the first one; trailing spaces are dropped too.
     * Empty text is null.
     */
    public String text(int start, int characters) {
        StringBuilder text = new StringBuilder(characters);
        for (int i = 0; i < characters; i++) {
            int value = unsigned(start + i * 6, 6);
            if (value == 0) {
                break;
            }
            text.append((char) (value < 32 ? value + 64 : value));
        }
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        return end == 0 ? null : text.substring(0, end);
    }

    private int bit(int index) {
        return (sixBits[index / 6] >> (5 - index % 6)) & 1;
    }

    private void check(int start, int width) {
        if (width < 1 || width > 32 || start < 0 || start + width > length) {
            throw new IndexOutOfBoundsException("bits " + start + "+" + width + " of " + length);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AisBits bits && bits.length == length
                && Arrays.equals(bits.sixBits, sixBits);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(sixBits) + length;
    }

    @Override
    public String toString() {
        return "AisBits[" + length + " bits]";
    }
}
