package dev.torsion.nmea.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * The test oracle: {@code SentenceParser} as it was before the single-pass decoder (String
 * {@code split}, substrings and {@code Double.parseDouble}), kept unchanged so that property tests
 * can check the new codec accepts, types and refuses exactly as it did (one bug fixed in both:
 * a DTM with an empty offset threw a NullPointerException).
 *
 * <p>The original description:
 *
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
final class ReferenceSentenceParser {

    private ReferenceSentenceParser() {
    }

    /** Parses {@code sentence}. */
    public static ParseResult parse(Sentence sentence) {
        try {
            return ParseResult.of(typed(sentence));
        } catch (FieldException e) {
            return ParseResult.rejected(new Rejection(Rejection.Reason.BAD_FIELD,
                    sentence.start() + sentence.talker() + sentence.type() + ","
                            + String.join(",", sentence.fields()),
                    e.getMessage()));
        }
    }

    private static NmeaMessage typed(Sentence s) throws FieldException {
        if (s.proprietary()) {
            return ReferenceProprietaryParser.parse(s);
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
            case "HDT" -> new NmeaMessage.Hdt(s, ReferenceFields.primitive(ReferenceFields.decimal(s.field(0), 0, 360)));
            case "DTM" -> dtm(s);
            case "TXT" -> txt(s);
            default -> new NmeaMessage.Other(s);
        };
    }

    private static NmeaMessage gga(Sentence s) throws FieldException {
        return new NmeaMessage.Gga(s, ReferenceFields.nanoOfDay(ReferenceFields.time(s.field(0))), ReferenceFields.primitive(ReferenceFields.latitude(s, 1)),
                ReferenceFields.primitive(ReferenceFields.longitude(s, 3)), ReferenceFields.integer(s.field(5), 0), ReferenceFields.primitive(ReferenceFields.integer(s.field(6))),
                ReferenceFields.primitive(ReferenceFields.decimal(s.field(7), 0, 100)), ReferenceFields.primitive(ReferenceFields.decimal(s.field(8), -100_000, 100_000_000)),
                ReferenceFields.primitive(ReferenceFields.decimal(s.field(10), -1000, 1000)));
    }

    private static NmeaMessage rmc(Sentence s) throws FieldException {
        Double variation = ReferenceFields.decimal(s.field(9));
        if (variation != null && variation > 180) {
            // some receivers (CAT MS352) send 999.9 for "not available"
            variation = null;
        }
        if (variation != null && "W".equals(s.field(10))) {
            variation = -variation;
        }
        return new NmeaMessage.Rmc(s, ReferenceFields.nanoOfDay(ReferenceFields.time(s.field(0))), "A".equals(s.field(1)),
                ReferenceFields.primitive(ReferenceFields.latitude(s, 2)), ReferenceFields.primitive(ReferenceFields.longitude(s, 4)), ReferenceFields.primitive(ReferenceFields.decimal(s.field(6), 0, 1e6)),
                ReferenceFields.primitive(ReferenceFields.decimal(s.field(7), 0, 360)), ReferenceFields.epochDay(ReferenceFields.date(s.field(8))), ReferenceFields.primitive(variation),
                s.field(11));
    }

    private static NmeaMessage gsa(Sentence s) throws FieldException {
        List<Integer> used = new ArrayList<>();
        for (int i = 2; i < 14; i++) {
            Integer prn = ReferenceFields.integer(s.field(i));
            if (prn != null) {
                used.add(prn);
            }
        }
        return new NmeaMessage.Gsa(s, s.field(0), ReferenceFields.integer(s.field(1), 1), used,
                ReferenceFields.primitive(ReferenceFields.decimal(s.field(14), 0, 100)), ReferenceFields.primitive(ReferenceFields.decimal(s.field(15), 0, 100)),
                ReferenceFields.primitive(ReferenceFields.decimal(s.field(16), 0, 100)));
    }

    private static NmeaMessage gsv(Sentence s) throws FieldException {
        List<NmeaMessage.SatelliteInView> satellites = new ArrayList<>();
        // NMEA 4.10 appends a signal ID after the groups of four: it is the odd field out
        int groups = Math.max(0, s.fields().size() - 3) / 4;
        for (int i = 3; i < 3 + groups * 4; i += 4) {
            Integer prn = ReferenceFields.integer(s.field(i));
            if (prn != null) {
                satellites.add(new NmeaMessage.SatelliteInView(prn, ReferenceFields.primitive(elevation(s.field(i + 1))),
                        ReferenceFields.primitive(ReferenceFields.integer(s.field(i + 2))), ReferenceFields.primitive(ReferenceFields.integer(s.field(i + 3)))));
            }
        }
        return new NmeaMessage.Gsv(s, ReferenceFields.integer(s.field(0), 0), ReferenceFields.integer(s.field(1), 0),
                ReferenceFields.integer(s.field(2), 0), SatellitesInView.copyOf(satellites));
    }

    private static Integer elevation(String field) throws FieldException {
        // some receivers send negative elevations for satellites below the horizon
        if (field.startsWith("-")) {
            Integer value = ReferenceFields.integer(field.substring(1));
            return value == null ? null : -value;
        }
        return ReferenceFields.integer(field);
    }

    private static NmeaMessage gll(Sentence s) throws FieldException {
        return new NmeaMessage.Gll(s, ReferenceFields.primitive(ReferenceFields.latitude(s, 0)), ReferenceFields.primitive(ReferenceFields.longitude(s, 2)),
                ReferenceFields.nanoOfDay(ReferenceFields.time(s.field(4))), "A".equals(s.field(5)), s.field(6));
    }

    private static NmeaMessage vtg(Sentence s) throws FieldException {
        if (!"T".equals(s.field(1))) {
            // NMEA 1.5 VTG: track, magnetic track, knots, km/h without the unit letters
            return new NmeaMessage.Vtg(s, ReferenceFields.primitive(ReferenceFields.decimal(s.field(0), 0, 360)),
                    ReferenceFields.primitive(ReferenceFields.decimal(s.field(1), 0, 360)), ReferenceFields.primitive(ReferenceFields.decimal(s.field(2), 0, 1e6)),
                    ReferenceFields.primitive(ReferenceFields.decimal(s.field(3), 0, 2e6)), "");
        }
        return new NmeaMessage.Vtg(s, ReferenceFields.primitive(ReferenceFields.decimal(s.field(0), 0, 360)),
                ReferenceFields.primitive(ReferenceFields.decimal(s.field(2), 0, 360)), ReferenceFields.primitive(ReferenceFields.decimal(s.field(4), 0, 1e6)),
                ReferenceFields.primitive(ReferenceFields.decimal(s.field(6), 0, 2e6)), s.field(8));
    }

    private static NmeaMessage zda(Sentence s) throws FieldException {
        Integer day = ReferenceFields.integer(s.field(1));
        Integer month = ReferenceFields.integer(s.field(2));
        Integer year = ReferenceFields.integer(s.field(3));
        boolean dated = day != null && month != null && year != null;
        return new NmeaMessage.Zda(s, ReferenceFields.nanoOfDay(ReferenceFields.time(s.field(0))),
                dated ? ReferenceFields.epochDay(ReferenceFields.date(day, month, year)) : NmeaMessage.NO_DATE,
                // Local zone hours are signed (NMEA 0183 ZDA: 00 to +/-13; receivers send "+00" or "-05").
                ReferenceFields.primitive(ReferenceFields.signedInteger(s.field(4), -13, 13)), ReferenceFields.primitive(ReferenceFields.signedInteger(s.field(5), 0, 59)));
    }

    private static NmeaMessage gns(Sentence s) throws FieldException {
        return new NmeaMessage.Gns(s, ReferenceFields.nanoOfDay(ReferenceFields.time(s.field(0))), ReferenceFields.primitive(ReferenceFields.latitude(s, 1)),
                ReferenceFields.primitive(ReferenceFields.longitude(s, 3)), s.field(5), ReferenceFields.primitive(ReferenceFields.integer(s.field(6))),
                ReferenceFields.primitive(ReferenceFields.decimal(s.field(7), 0, 100)), ReferenceFields.primitive(ReferenceFields.decimal(s.field(8), -100_000, 100_000_000)),
                ReferenceFields.primitive(ReferenceFields.decimal(s.field(9), -1000, 1000)));
    }

    private static NmeaMessage gst(Sentence s) throws FieldException {
        return new NmeaMessage.Gst(s, ReferenceFields.nanoOfDay(ReferenceFields.time(s.field(0))), ReferenceFields.primitive(ReferenceFields.decimal(s.field(1))),
                ReferenceFields.primitive(ReferenceFields.decimal(s.field(5))), ReferenceFields.primitive(ReferenceFields.decimal(s.field(6))), ReferenceFields.primitive(ReferenceFields.decimal(s.field(7))));
    }

    private static NmeaMessage dtm(Sentence s) throws FieldException {
        return new NmeaMessage.Dtm(s, s.field(0), s.field(1), ReferenceFields.primitive(offset(s.field(2), s.field(3), "S")),
                ReferenceFields.primitive(offset(s.field(4), s.field(5), "W")), ReferenceFields.primitive(ReferenceFields.decimal(s.field(6))), s.field(7));
    }

    private static Double offset(String value, String hemisphere, String negative)
            throws FieldException {
        Double minutes = ReferenceFields.decimal(value);
        // the one change to the original: its conditional expression unboxed an absent offset
        // (a NullPointerException out of the processor), found by SentenceScanPropertyTest
        if (minutes == null || !negative.equals(hemisphere)) {
            return minutes;
        }
        return -minutes;
    }

    /** VDM/VDO (IEC 61162-1): count, number, sequential ID, channel, payload, fill bits. */
    private static NmeaMessage vdm(Sentence s, boolean own) throws FieldException {
        int fragments = ReferenceFields.integer(s.field(0), 0);
        int fragment = ReferenceFields.integer(s.field(1), 0);
        if (fragments < 1 || fragments > 9 || fragment < 1 || fragment > fragments) {
            throw new FieldException("fragment " + fragment + " of " + fragments);
        }
        String sequence = s.field(2);
        if (sequence.length() > 1 || (sequence.length() == 1 && !Character.isDigit(sequence.charAt(0)))) {
            throw new FieldException("sequential message ID '" + sequence + "'");
        }
        String channel = s.field(3);
        if (channel.length() > 1 || (channel.length() == 1 && !isUpperOrDigit(channel.charAt(0)))) {
            throw new FieldException("channel '" + channel + "'");
        }
        String payload = s.field(4);
        for (int i = 0; i < payload.length(); i++) {
            if (!isArmorCharacter(payload.charAt(i))) {
                throw new FieldException("armoring character '" + payload.charAt(i) + "'");
            }
        }
        int fill = ReferenceFields.integer(s.field(5), 0);
        if (payload.isEmpty() || fill > 5) {
            throw new FieldException("payload of " + payload.length() + " characters, fill " + fill);
        }
        return new NmeaMessage.Vdm(s, fragments, fragment,
                sequence.isEmpty() ? NmeaMessage.ABSENT : Integer.parseInt(sequence), fill, own);
    }

    private static boolean isUpperOrDigit(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** The 64 characters of the VDM six-bit armoring: {@code 0}..{@code W}, {@code `}..{@code w}. */
    private static boolean isArmorCharacter(char c) {
        return (c >= '0' && c <= 'W') || (c >= '`' && c <= 'w');
    }

    private static NmeaMessage txt(Sentence s) throws FieldException {
        return new NmeaMessage.Txt(s, ReferenceFields.integer(s.field(0), 0), ReferenceFields.integer(s.field(1), 0),
                ReferenceFields.integer(s.field(2), 0), s.field(3));
    }
}
