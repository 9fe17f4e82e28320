package dev.torsion.nmea.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns a {@link Sentence} into a typed {@link NmeaMessage}: pure, no I/O. Field layouts are those
 * of NMEA 0183 v4.11 section 8.3 (and 2.x/3.x, whose layouts are prefixes of them: a truncated
 * sentence leaves its missing trailing fields null). A field that is present but does not parse,
 * or holds an impossible value (minutes past 60, latitude past 90, hour 25), rejects the sentence
 * with {@link Rejection.Reason#BAD_FIELD}. AIS {@code !..VDM}/{@code !..VDO} fragments are checked
 * (IEC 61162-1: fragment count and number, sequential ID, channel, armoring, fill bits) and typed
 * as {@link NmeaMessage.Vdm}; {@code $PGRMZ} and {@code $PUBX,00} are decoded, other proprietary
 * sentences passed through as {@link NmeaMessage.ProprietarySentence}; other formatters are kept
 * as {@link NmeaMessage.Other}.
 */
public final class SentenceParser {

    /** The armoring characters, by character: one look-up rather than two ranges per character. */
    private static final boolean[] ARMOR = new boolean[128];

    static {
        for (char c = 0; c < ARMOR.length; c++) {
            ARMOR[c] = (c >= '0' && c <= 'W') || (c >= '`' && c <= 'w');
        }
    }

    private SentenceParser() {
    }

    /** Parses {@code sentence}: its message or its rejection. */
    public static ParseResult parse(Sentence sentence) {
        try {
            return ParseResult.of(typed(sentence));
        } catch (FieldException e) {
            return ParseResult.rejected(rejection(sentence, e));
        }
    }

    /**
     * Parses {@code sentence} with no result object around the message: the message, or null
     * when the sentence's fields are refused, the {@link Rejection} then given to
     * {@code refused} (before this returns). The readers' path, a sentence at a time; the same
     * outcome as {@link #parse(Sentence)}.
     */
    public static NmeaMessage parse(Sentence sentence, Consumer<? super Rejection> refused) {
        try {
            return typed(sentence);
        } catch (FieldException e) {
            refused.accept(rejection(sentence, e));
            return null;
        }
    }

    private static Rejection rejection(Sentence sentence, FieldException e) {
        return new Rejection(Rejection.Reason.BAD_FIELD, sentence.shown(), e.getMessage());
    }

    private static NmeaMessage typed(Sentence s) throws FieldException {
        if (s.proprietary()) {
            return ProprietaryParser.parse(s);
        }
        if (s.start() == '!') {
            return switch (s.type()) {
                case "VDM" -> vdm(s, false);
                case "VDO" -> vdm(s, true);
                default -> new NmeaMessage.Other(s);
            };
        }
        return switch (s.type()) {
            case "GGA" -> gga(s);
            case "RMC" -> rmc(s);
            case "GSA" -> gsa(s);
            case "GSV" -> gsv(s);
            case "GLL" -> gll(s);
            case "VTG" -> vtg(s);
            case "ZDA" -> zda(s);
            case "GNS" -> gns(s);
            case "GST" -> gst(s);
            case "HDT" -> new NmeaMessage.Hdt(s, Fields.decimal(s, 0, 0, 360));
            case "DTM" -> dtm(s);
            case "TXT" -> txt(s);
            default -> new NmeaMessage.Other(s);
        };
    }

    private static NmeaMessage gga(Sentence s) throws FieldException {
        return new NmeaMessage.Gga(s, Fields.time(s, 0), Fields.latitude(s, 1),
                Fields.longitude(s, 3), Fields.integer(s, 5, 0), Fields.integer(s, 6),
                Fields.decimal(s, 7, 0, 100), Fields.decimal(s, 8, -100_000, 100_000_000),
                Fields.decimal(s, 10, -1000, 1000));
    }

    private static NmeaMessage rmc(Sentence s) throws FieldException {
        double variation = Fields.decimal(s, 9);
        if (variation > 180) {
            // some receivers (CAT MS352) send 999.9 for "not available"
            variation = Double.NaN;
        }
        if (s.fieldIs(10, 'W')) {
            variation = -variation;
        }
        return new NmeaMessage.Rmc(s, Fields.time(s, 0), s.fieldIs(1, 'A'),
                Fields.latitude(s, 2), Fields.longitude(s, 4), Fields.decimal(s, 6, 0, 1e6),
                Fields.decimal(s, 7, 0, 360), Fields.date(s, 8), variation,
                s.field(11));
    }

    private static NmeaMessage gsa(Sentence s) throws FieldException {
        List<Integer> used = new ArrayList<>(12);
        for (int i = 2; i < 14; i++) {
            int prn = Fields.integer(s, i);
            if (prn != NmeaMessage.ABSENT) {
                used.add(prn);
            }
        }
        return new NmeaMessage.Gsa(s, s.field(0), Fields.integer(s, 1, 1), used,
                Fields.decimal(s, 14, 0, 100), Fields.decimal(s, 15, 0, 100),
                Fields.decimal(s, 16, 0, 100));
    }

    private static NmeaMessage gsv(Sentence s) throws FieldException {
        // NMEA 4.10 appends a signal ID after the groups of four: it is the odd field out
        int groups = Math.max(0, s.fieldCount() - 3) / 4;
        int[] values = new int[groups * 4];
        int count = 0;
        for (int i = 3; i < 3 + groups * 4; i += 4) {
            int prn = Fields.integer(s, i);
            if (prn != NmeaMessage.ABSENT) {
                values[count * 4] = prn;
                values[count * 4 + 1] = elevation(s, i + 1);
                values[count * 4 + 2] = Fields.integer(s, i + 2);
                values[count * 4 + 3] = Fields.integer(s, i + 3);
                count++;
            }
        }
        return new NmeaMessage.Gsv(s, Fields.integer(s, 0, 0), Fields.integer(s, 1, 0),
                Fields.integer(s, 2, 0), SatellitesInView.of(values, count));
    }

    private static int elevation(Sentence s, int index) throws FieldException {
        int from = s.from(index);
        int to = s.to(index);
        // some receivers send negative elevations for satellites below the horizon
        if (from < to && s.line()[from] == '-') {
            int value = Fields.integer(s.line(), from + 1, to);
            return value == NmeaMessage.ABSENT ? NmeaMessage.ABSENT : -value;
        }
        return Fields.integer(s, index);
    }

    private static NmeaMessage gll(Sentence s) throws FieldException {
        return new NmeaMessage.Gll(s, Fields.latitude(s, 0), Fields.longitude(s, 2),
                Fields.time(s, 4), s.fieldIs(5, 'A'), s.field(6));
    }

    private static NmeaMessage vtg(Sentence s) throws FieldException {
        if (!s.fieldIs(1, 'T')) {
            // NMEA 1.5 VTG: track, magnetic track, knots, km/h without the unit letters
            return new NmeaMessage.Vtg(s, Fields.decimal(s, 0, 0, 360),
                    Fields.decimal(s, 1, 0, 360), Fields.decimal(s, 2, 0, 1e6),
                    Fields.decimal(s, 3, 0, 2e6), "");
        }
        return new NmeaMessage.Vtg(s, Fields.decimal(s, 0, 0, 360),
                Fields.decimal(s, 2, 0, 360), Fields.decimal(s, 4, 0, 1e6),
                Fields.decimal(s, 6, 0, 2e6), s.field(8));
    }

    private static NmeaMessage zda(Sentence s) throws FieldException {
        int day = Fields.integer(s, 1);
        int month = Fields.integer(s, 2);
        int year = Fields.integer(s, 3);
        boolean dated = day != NmeaMessage.ABSENT && month != NmeaMessage.ABSENT
                && year != NmeaMessage.ABSENT;
        return new NmeaMessage.Zda(s, Fields.time(s, 0),
                dated ? Fields.date(day, month, year) : NmeaMessage.NO_DATE,
                // Local zone hours are signed (NMEA 0183 ZDA: 00 to +/-13; receivers send "+00" or "-05").
                Fields.signedInteger(s, 4, -13, 13), Fields.signedInteger(s, 5, 0, 59));
    }

    private static NmeaMessage gns(Sentence s) throws FieldException {
        return new NmeaMessage.Gns(s, Fields.time(s, 0), Fields.latitude(s, 1),
                Fields.longitude(s, 3), s.field(5), Fields.integer(s, 6),
                Fields.decimal(s, 7, 0, 100), Fields.decimal(s, 8, -100_000, 100_000_000),
                Fields.decimal(s, 9, -1000, 1000));
    }

    private static NmeaMessage gst(Sentence s) throws FieldException {
        return new NmeaMessage.Gst(s, Fields.time(s, 0), Fields.decimal(s, 1),
                Fields.decimal(s, 5), Fields.decimal(s, 6), Fields.decimal(s, 7));
    }

    private static NmeaMessage dtm(Sentence s) throws FieldException {
        return new NmeaMessage.Dtm(s, s.field(0), s.field(1), offset(s, 2, 'S'),
                offset(s, 4, 'W'), Fields.decimal(s, 6), s.field(7));
    }

    /** Minutes in field {@code index}, negative when the hemisphere after it is {@code negative}. */
    private static double offset(Sentence s, int index, char negative) throws FieldException {
        double minutes = Fields.decimal(s, index);
        return s.fieldIs(index + 1, negative) ? -minutes : minutes;
    }

    /** VDM/VDO (IEC 61162-1): count, number, sequential ID, channel, payload, fill bits. */
    private static NmeaMessage vdm(Sentence s, boolean own) throws FieldException {
        int fragments = Fields.integer(s, 0, 0);
        int fragment = Fields.integer(s, 1, 0);
        if (fragments < 1 || fragments > 9 || fragment < 1 || fragment > fragments) {
            throw new FieldException("fragment " + fragment + " of " + fragments);
        }
        byte[] line = s.line();
        int sequence = s.to(2) - s.from(2);
        if (sequence > 1 || (sequence == 1 && !isDigit(line[s.from(2)]))) {
            throw new FieldException("sequential message ID '" + s.field(2) + "'");
        }
        int channel = s.to(3) - s.from(3);
        if (channel > 1 || (channel == 1 && !isUpperOrDigit(line[s.from(3)]))) {
            throw new FieldException("channel '" + s.field(3) + "'");
        }
        int payloadEnd = s.to(4);
        for (int i = s.from(4); i < payloadEnd; i++) {
            if (!isArmorCharacter(line[i])) {
                throw new FieldException("armoring character '" + (char) line[i] + "'");
            }
        }
        int payload = payloadEnd - s.from(4);
        int fill = Fields.integer(s, 5, 0);
        if (payload == 0 || fill > 5) {
            throw new FieldException("payload of " + payload + " characters, fill " + fill);
        }
        return new NmeaMessage.Vdm(s, fragments, fragment,
                sequence == 0 ? NmeaMessage.ABSENT : line[s.from(2)] - '0', fill, own);
    }

    private static boolean isUpperOrDigit(int c) {
        return (c >= 'A' && c <= 'Z') || isDigit(c);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** The 64 characters of the VDM six-bit armoring: {@code 0}..{@code W}, {@code `}..{@code w}. */
    private static boolean isArmorCharacter(byte c) {
        // negative: a byte past ASCII, in a sentence built by hand
        return c >= 0 && ARMOR[c];
    }

    private static NmeaMessage txt(Sentence s) throws FieldException {
        return new NmeaMessage.Txt(s, Fields.integer(s, 0, 0), Fields.integer(s, 1, 0),
                Fields.integer(s, 2, 0), s.field(3));
    }
}
