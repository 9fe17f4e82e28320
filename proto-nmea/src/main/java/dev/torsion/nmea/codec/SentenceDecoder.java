package dev.torsion.nmea.codec;

import dev.torsion.nmea.NmeaLimits;
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
 * <p>Not thread-safe: a decoder keeps the separators of the line it decodes in a buffer of its
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

    /** A decoder applying {@code limits}. */
    public SentenceDecoder(NmeaLimits limits) {
        this.limits = limits;
        this.separatorScratch = new int[limits.acceptedSentenceLength()];
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
     * Decodes {@code line} (without its line end). One pass over the characters checks each,
     * computes the checksum and records where the field separators are; the fields are not cut.
     */
    public DecodeResult decode(String line) {
        int start = firstStart(line);
        if (start < 0) {
            return reject(Rejection.Reason.NOT_A_SENTENCE, line, "no $ or ! start delimiter");
        }
        int end = line.length();
        while (line.charAt(end - 1) == ' ') {
            end--;
        }
        if (end - start > limits.acceptedSentenceLength()) {
            return reject(Rejection.Reason.TOO_LONG, line.substring(start, end),
                    (end - start) + " characters");
        }
        int sum = 0;
        // the address first: letters and digits up to the first separator when it is valid
        int addressEnd = start + 1;
        long addressKey = 0;
        for (char c; addressEnd < end && isUpperOrDigit(c = line.charAt(addressEnd)); addressEnd++) {
            sum ^= c;
            addressKey = AddressCache.append(addressKey, c);
        }
        int[] offsets = separatorScratch;
        int separators = 0;
        int star = -1;
        int sumBeforeStar = 0;
        for (int i = addressEnd; i < end; i++) {
            char c = line.charAt(i);
            if (!isPrintable(c)) {
                return reject(Rejection.Reason.INVALID_CHARACTER, line.substring(start, end),
                        String.format("0x%02x at %d", (int) c, i - start));
            }
            if (c == ',') {
                offsets[separators++] = i;
            } else if (c == '*') {
                // the checksum covers everything before the last '*'
                star = i;
                sumBeforeStar = sum;
            }
            sum ^= c;
        }
        int bodyEnd = end;
        ChecksumStatus status = ChecksumStatus.MISSING;
        if (star >= 0) {
            DecodeResult bad = verify(line, start, star, end, sumBeforeStar);
            if (bad != null) {
                return bad;
            }
            // every separator is before the '*': one after it would have made the checksum malformed
            bodyEnd = star;
            status = ChecksumStatus.VALID;
        }
        return sentence(line, start, addressEnd, addressKey, bodyEnd, end, separators, status);
    }

    private static int firstStart(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '$' || c == '!') {
                return i;
            }
        }
        return -1;
    }

    private static Rejection verify(String line, int start, int star, int end, int sum) {
        if (end - star != 3 || !isHex(line.charAt(star + 1)) || !isHex(line.charAt(star + 2))) {
            return reject(Rejection.Reason.MALFORMED_CHECKSUM, line.substring(start, end),
                    "checksum '" + line.substring(star + 1, end) + "'");
        }
        int expected = sum & 0xff;
        int actual = hexValue(line.charAt(star + 1)) << 4 | hexValue(line.charAt(star + 2));
        if (expected != actual) {
            return reject(Rejection.Reason.BAD_CHECKSUM, line.substring(start, end),
                    "checksum " + HEX.toHexDigits((byte) actual) + ", computed "
                            + HEX.toHexDigits((byte) expected));
        }
        return null;
    }

    /** The value of the hex digit {@code c}, upper or lower case. */
    private static int hexValue(char c) {
        return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    }

    /** The address checked and looked up, the {@code fields} separators kept. */
    private DecodeResult sentence(String line, int start, int lettersEnd, long addressKey,
            int bodyEnd, int end, int fields, ChecksumStatus status) {
        int addressStart = start + 1;
        int addressEnd = fields > 0 ? separatorScratch[0] : bodyEnd;
        int addressLength = addressEnd - addressStart;
        if (addressLength == 0 || lettersEnd != addressEnd) {
            return badAddress(line, start, end, addressStart, addressEnd);
        }
        int slot = AddressCache.slot(addressKey);
        boolean cacheable = addressLength <= AddressCache.MAX_LENGTH;
        if (cacheable && addresses.holds(slot, addressKey)) {
            return sentence(line, start, addresses.talker(slot), addresses.type(slot), bodyEnd,
                    fields, status);
        }
        String talker;
        String type;
        if (addressLength >= 2 && line.charAt(addressStart) == 'P') {
            talker = "P";
            type = KnownNames.of(line, addressStart + 1, addressEnd);
        } else if (addressLength < 5) {
            return badAddress(line, start, end, addressStart, addressEnd);
        } else {
            talker = KnownNames.of(line, addressStart, addressStart + 2);
            type = KnownNames.of(line, addressStart + 2, addressEnd);
        }
        if (cacheable) {
            addresses.put(slot, addressKey, talker, type);
        }
        return sentence(line, start, talker, type, bodyEnd, fields, status);
    }

    private Sentence sentence(String line, int start, String talker, String type, int bodyEnd,
            int fields, ChecksumStatus status) {
        int[] bounds = Arrays.copyOf(separatorScratch, fields + 1);
        bounds[fields] = bodyEnd;
        return new Sentence(line.charAt(start), talker, type, line, bounds, status);
    }

    private static Rejection badAddress(String line, int start, int end, int addressStart,
            int addressEnd) {
        return reject(Rejection.Reason.BAD_ADDRESS, line.substring(start, end),
                "address '" + line.substring(addressStart, addressEnd) + "'");
    }

    /** 0x20 to 0x7E, as one unsigned comparison. */
    private static boolean isPrintable(char c) {
        // below 0x20 the difference wraps past 0x5E
        return (char) (c - 0x20) <= 0x7e - 0x20;
    }

    private static boolean isUpperOrDigit(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static Rejection reject(Rejection.Reason reason, String line, String detail) {
        String shown = line.length() > SHOWN ? line.substring(0, SHOWN) + "..." : line;
        return new Rejection(reason, shown, detail);
    }
}
