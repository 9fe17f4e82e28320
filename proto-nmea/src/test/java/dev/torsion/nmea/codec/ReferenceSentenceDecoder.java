package dev.torsion.nmea.codec;

import dev.torsion.nmea.NmeaLimits;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The test oracle: {@code SentenceDecoder} as it was before the single-pass decoder (String
 * {@code split}, substrings and {@code Double.parseDouble}), kept unchanged so that property tests
 * can check the new codec accepts, types and refuses exactly as it did.
 *
 * <p>The original description:
 *
 * Checks one line's framing and checksum and splits it into a {@link Sentence}: pure, no I/O.
 *
 * <p>Decisions, by NMEA 0183 v4.11 section: a sentence starts with {@code $} or {@code !} (5.3);
 * bytes before the first start delimiter are line noise (a receiver powered up mid-sentence) and
 * are skipped; characters are printable ASCII (6.1); the checksum is the XOR of every character
 * between the start delimiter and {@code *}, written as two hex digits (5.2.1.3), and a sentence
 * without one is accepted as {@link ChecksumStatus#MISSING}, as gpsd does, since older receivers
 * omit it; the address field is {@code P} and a manufacturer code for proprietary sentences
 * (5.3.3.3), otherwise a two-character talker and a formatter (5.3.3.1).
 */
final class ReferenceSentenceDecoder {

    private static final int SHOWN = 100;

    private final NmeaLimits limits;

    /** A decoder applying {@code limits}. */
    public ReferenceSentenceDecoder(NmeaLimits limits) {
        this.limits = limits;
    }

    /** The XOR checksum of {@code body}, the characters between the start delimiter and {@code *}. */
    public static int checksum(CharSequence body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            sum ^= body.charAt(i);
        }
        return sum & 0xff;
    }

    /** Decodes {@code line} (without its line end). */
    public DecodeResult decode(String line) {
        int start = firstStart(line);
        if (start < 0) {
            return reject(Rejection.Reason.NOT_A_SENTENCE, line, "no $ or ! start delimiter");
        }
        String text = stripTrailingSpace(line.substring(start));
        if (text.length() > limits.acceptedSentenceLength()) {
            return reject(Rejection.Reason.TOO_LONG, text, text.length() + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return reject(Rejection.Reason.INVALID_CHARACTER, text,
                        String.format("0x%02x at %d", (int) c, i));
            }
        }
        int star = text.lastIndexOf('*');
        String body = star < 0 ? text.substring(1) : text.substring(1, star);
        ChecksumStatus status = ChecksumStatus.MISSING;
        if (star >= 0) {
            DecodeResult bad = verify(text, body, text.substring(star + 1));
            if (bad != null) {
                return bad;
            }
            status = ChecksumStatus.VALID;
        }
        return split(text, body, status);
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

    private static String stripTrailingSpace(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(0, end);
    }

    private static Rejection verify(String text, String body, String written) {
        if (written.length() != 2 || !isHex(written.charAt(0)) || !isHex(written.charAt(1))) {
            return reject(Rejection.Reason.MALFORMED_CHECKSUM, text, "checksum '" + written + "'");
        }
        int expected = checksum(body);
        int actual = HexFormat.fromHexDigits(written);
        if (expected != actual) {
            return reject(Rejection.Reason.BAD_CHECKSUM, text,
                    String.format("checksum %02X, computed %02X", actual, expected));
        }
        return null;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    }

    private static DecodeResult split(String text, String body, ChecksumStatus status) {
        String[] split = body.split(",", -1);
        String address = split[0];
        // a view: Sentence makes its one immutable copy
        List<String> parts = Arrays.asList(split).subList(1, split.length);
        if (!isAlphanumeric(address)) {
            return reject(Rejection.Reason.BAD_ADDRESS, text, "address '" + address + "'");
        }
        if (address.length() >= 2 && address.charAt(0) == 'P') {
            return new Sentence(text.charAt(0), "P", address.substring(1), parts, status);
        }
        if (address.length() < 5) {
            return reject(Rejection.Reason.BAD_ADDRESS, text, "address '" + address + "'");
        }
        return new Sentence(text.charAt(0), address.substring(0, 2), address.substring(2), parts,
                status);
    }

    private static boolean isAlphanumeric(String address) {
        if (address.isEmpty()) {
            return false;
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static Rejection reject(Rejection.Reason reason, String line, String detail) {
        String shown = line.length() > SHOWN ? line.substring(0, SHOWN) + "..." : line;
        return new Rejection(reason, shown, detail);
    }
}
