package dev.torsion.nmea.codec;

import dev.torsion.nmea.NmeaLimits;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Checks one line's framing and checksum and splits it into a {@link Sentence}: pure, no I/O.
 *
 * <p>Decisions, by NMEA 0183 v4.11 section: a sentence starts with {@code $} or {@code !} (5.3);
 * bytes before the first start delimiter are line noise (a receiver powered up mid-sentence) and
 * are skipped; characters are printable ASCII (6.1); the checksum is the XOR of every character
 * between the start delimiter and {@code *}, written as two hex digits (5.2.1.3), and a sentence
 * without one is accepted as {@link ChecksumStatus#MISSING}, as gpsd does, since older receivers
 * omit it; the address field is {@code P} and a manufacturer code for proprietary sentences
 * (5.3.3.3), otherwise a two-character talker and a formatter (5.3.3.1).
 *
 * <p>A line is scanned as bytes: the framer's, or a string's characters (ASCII, so one byte each;
 * any other character is refused as {@link Rejection.Reason#INVALID_CHARACTER}, as before). The
 * body after the address is scanned eight bytes at a time ({@code Separators}).
 *
 * <p>Not thread-safe: a decoder keeps the line it decodes and its separators in fields of its
 * own, and the addresses it has seen in an {@link AddressCache}, so each reader (each
 * {@code SentenceProcessor}) has one.
 */
public final class SentenceDecoder {

    private static final int SHOWN = 100;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final NmeaLimits limits;
    /** Where the separators of the sentence being decoded are; one decode at a time. */
    private final int[] separatorScratch;
    private final AddressCache addresses = new AddressCache();
    /** The line being decoded, as bytes: one decode at a time. */
    private byte[] line;
    /** The string the line came as, for the text of a rejection; null when it came as bytes. */
    private String source;

    /** A decoder applying {@code limits}. */
    public SentenceDecoder(NmeaLimits limits) {
        this.limits = limits;
        // the separators, and in the last slot the XOR of the bytes scanned
        this.separatorScratch = new int[limits.acceptedSentenceLength() + Separators.SLACK];
    }

    /** The XOR checksum of {@code body}, the characters between the start delimiter and {@code *}. */
    public static int checksum(CharSequence body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            sum ^= body.charAt(i);
        }
        return sum & 0xff;
    }

    /**
     * Decodes {@code line} (without its line end). The same as {@link #decode(byte[], int, int)}
     * over the line's characters, one byte each; the text of a rejection is the line's own.
     */
    public DecodeResult decode(String line) {
        // an ASCII line's UTF-8 bytes are its characters, copied without encoding
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        if (bytes.length != line.length()) {
            bytes = nonAsciiMarked(line);
        }
        return scan(bytes, line);
    }

    /**
     * Decodes the line in {@code bytes[from, to)} (without its line end), as the framer cut it;
     * the bytes are copied, so the buffer may be reused. One pass over the bytes checks each,
     * computes the checksum and records where the field separators are; the fields are not cut.
     */
    public DecodeResult decode(byte[] bytes, int from, int to) {
        return scan(Arrays.copyOfRange(bytes, from, to), null);
    }

    /**
     * The line's characters as bytes, every one past ASCII (never valid in a sentence, section
     * 6.1) as the non-printable byte 0x80, which decoding refuses at the same place.
     */
    private static byte[] nonAsciiMarked(String line) {
        byte[] bytes = new byte[line.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = line.charAt(i);
            bytes[i] = (byte) (c < 0x80 ? c : 0x80);
        }
        return bytes;
    }

    private DecodeResult scan(byte[] line, String source) {
        this.line = line;
        this.source = source;
        int start = firstStart(line);
        if (start < 0) {
            return reject(Rejection.Reason.NOT_A_SENTENCE, text(0, line.length),
                    "no $ or ! start delimiter");
        }
        int end = line.length;
        while (line[end - 1] == ' ') {
            end--;
        }
        if (end - start > limits.acceptedSentenceLength()) {
            return reject(Rejection.Reason.TOO_LONG, text(start, end), (end - start) + " characters");
        }
        int sum = 0;
        // the address first: letters and digits up to the first separator when it is valid
        int addressEnd = start + 1;
        long addressKey = 0;
        for (int c; addressEnd < end && isUpperOrDigit(c = line[addressEnd]); addressEnd++) {
            sum ^= c;
            addressKey = AddressCache.append(addressKey, (char) c);
        }
        int separators = Separators.find(line, addressEnd, end, separatorScratch);
        if (separators < 0) {
            int at = -1 - separators;
            return reject(Rejection.Reason.INVALID_CHARACTER, text(start, end),
                    String.format("0x%02x at %d", (int) character(at), at - start));
        }
        // the checksum covers everything before the last '*'
        int star = Separators.lastStar(line, addressEnd, end);
        int bodySum = separatorScratch[separatorScratch.length - 1];
        int sumBeforeStar = star < 0 ? 0 : sum ^ bodySum ^ Separators.xor(line, star, end);
        int bodyEnd = end;
        ChecksumStatus status = ChecksumStatus.MISSING;
        if (star >= 0) {
            DecodeResult bad = verify(start, star, end, sumBeforeStar);
            if (bad != null) {
                return bad;
            }
            // every separator is before the '*': one after it would have made the checksum malformed
            bodyEnd = star;
            status = ChecksumStatus.VALID;
        }
        return sentence(start, addressEnd, addressKey, bodyEnd, end, separators, status);
    }

    private Rejection verify(int start, int star, int end, int sum) {
        if (end - star != 3 || !isHex(line[star + 1]) || !isHex(line[star + 2])) {
            return reject(Rejection.Reason.MALFORMED_CHECKSUM, text(start, end),
                    "checksum '" + text(star + 1, end) + "'");
        }
        int expected = sum & 0xff;
        int actual = hexValue(line[star + 1]) << 4 | hexValue(line[star + 2]);
        if (expected != actual) {
            return reject(Rejection.Reason.BAD_CHECKSUM, text(start, end),
                    "checksum " + HEX.toHexDigits((byte) actual) + ", computed "
                            + HEX.toHexDigits((byte) expected));
        }
        return null;
    }

    /** The address checked and looked up, the {@code fields} separators kept. */
    private DecodeResult sentence(int start, int lettersEnd, long addressKey, int bodyEnd,
            int end, int fields, ChecksumStatus status) {
        int addressStart = start + 1;
        int addressEnd = fields > 0 ? separatorScratch[0] : bodyEnd;
        int addressLength = addressEnd - addressStart;
        if (addressLength == 0 || lettersEnd != addressEnd) {
            return badAddress(start, end, addressStart, addressEnd);
        }
        int slot = AddressCache.slot(addressKey);
        boolean cacheable = addressLength <= AddressCache.MAX_LENGTH;
        if (cacheable && addresses.holds(slot, addressKey)) {
            return sentence(start, addresses.talker(slot), addresses.type(slot), bodyEnd,
                    fields, status);
        }
        String talker;
        String type;
        if (addressLength >= 2 && line[addressStart] == 'P') {
            talker = "P";
            type = KnownNames.of(line, addressStart + 1, addressEnd);
        } else if (addressLength < 5) {
            return badAddress(start, end, addressStart, addressEnd);
        } else {
            talker = KnownNames.of(line, addressStart, addressStart + 2);
            type = KnownNames.of(line, addressStart + 2, addressEnd);
        }
        if (cacheable) {
            addresses.put(slot, addressKey, talker, type);
        }
        return sentence(start, talker, type, bodyEnd, fields, status);
    }

    private Sentence sentence(int start, String talker, String type, int bodyEnd, int fields,
            ChecksumStatus status) {
        int[] bounds = Arrays.copyOf(separatorScratch, fields + 1);
        bounds[fields] = bodyEnd;
        return new Sentence((char) line[start], talker, type, line, bounds, status);
    }

    private Rejection badAddress(int start, int end, int addressStart, int addressEnd) {
        return reject(Rejection.Reason.BAD_ADDRESS, text(start, end),
                "address '" + text(addressStart, addressEnd) + "'");
    }

    /** The line's text in {@code [from, to)}: the string's own characters when it came as one. */
    private String text(int from, int to) {
        return source != null ? source.substring(from, to) : Ascii.text(line, from, to);
    }

    private char character(int index) {
        return source != null ? source.charAt(index) : (char) (line[index] & 0xff);
    }

    private static int firstStart(byte[] line) {
        for (int i = 0; i < line.length; i++) {
            byte c = line[i];
            if (c == '$' || c == '!') {
                return i;
            }
        }
        return -1;
    }

    /** The value of the hex digit {@code c}, upper or lower case. */
    private static int hexValue(int c) {
        return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    }

    private static boolean isUpperOrDigit(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static Rejection reject(Rejection.Reason reason, String line, String detail) {
        String shown = line.length() > SHOWN ? line.substring(0, SHOWN) + "..." : line;
        return new Rejection(reason, shown, detail);
    }
}
