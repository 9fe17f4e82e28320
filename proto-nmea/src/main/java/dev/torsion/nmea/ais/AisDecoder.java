package dev.torsion.nmea.ais;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Turns the bits of one whole AIS message into a typed {@link AisMessage}: pure, no I/O. Field
 * positions and widths are those of ITU-R M.1371-5 Annex 8; every message starts with the message
 * ID (6 bits), the repeat indicator (2) and the source MMSI (30). A message shorter than the last
 * field read is refused ({@link AisDecodeException}); longer ones are accepted (some transmitters
 * pad), as are message 24 part A at 160 bits (M.1371-5) and 168 (earlier editions).
 */
public final class AisDecoder {

    /** Longitude not available: 181 degrees in 1/10 000 minute (Annex 8 §3.1). */
    private static final int LONGITUDE_NOT_AVAILABLE = 181 * 600_000;
    /** Latitude not available: 91 degrees in 1/10 000 minute. */
    private static final int LATITUDE_NOT_AVAILABLE = 91 * 600_000;

    private AisDecoder() {
    }

    /**
     * Decodes {@code bits} heard at {@code origin}.
     *
     * @throws AisDecodeException when the message is shorter than its type requires
     */
    public static AisMessage decode(AisBits bits, AisOrigin origin) throws AisDecodeException {
        require(bits, 38, "header");
        int type = bits.messageType();
        return switch (type) {
            case 1, 2, 3 -> positionReport(bits, origin);
            case 4 -> baseStation(bits, origin);
            case 5 -> staticAndVoyage(bits, origin);
            case 18 -> classB(bits, origin);
            case 19 -> extendedClassB(bits, origin);
            case 24 -> staticDataReport(bits, origin);
            default -> new AisMessage.Undecoded(type, repeat(bits), mmsi(bits), origin, bits);
        };
    }

    private static int repeat(AisBits bits) {
        return bits.unsigned(6, 2);
    }

    private static int mmsi(AisBits bits) {
        return bits.unsigned(8, 30);
    }

    private static void require(AisBits bits, int length, String what) throws AisDecodeException {
        if (bits.length() < length) {
            throw new AisDecodeException(what + " needs " + length + " bits, got " + bits.length());
        }
    }

    /** Annex 8 §3.1, messages 1, 2, 3: 168 bits. */
    private static AisMessage positionReport(AisBits b, AisOrigin origin) throws AisDecodeException {
        require(b, 168, "message " + b.messageType());
        int status = b.unsigned(38, 4);
        int rot = b.signed(42, 8);
        int manoeuvre = b.unsigned(143, 2);
        return new AisMessage.PositionReport(b.messageType(), repeat(b), mmsi(b), origin,
                status == 15 ? null : status, rot == -128 ? null : rot, speed(b, 50), b.flag(60),
                longitude(b, 61), latitude(b, 89), course(b, 116), heading(b, 128),
                second(b, 137), manoeuvre == 0 ? null : manoeuvre, b.flag(148),
                b.unsigned(149, 19));
    }

    /** Annex 8 §3.2, message 4: 168 bits. */
    private static AisMessage baseStation(AisBits b, AisOrigin origin) throws AisDecodeException {
        require(b, 168, "message 4");
        return new AisMessage.BaseStationReport(4, repeat(b), mmsi(b), origin, utc(b), b.flag(78),
                longitude(b, 79), latitude(b, 107), zeroAbsent(b.unsigned(134, 4)), b.flag(148),
                b.unsigned(149, 19));
    }

    /** Annex 8 §3.3, message 5: 424 bits; accepted from 422 (without DTE and spare). */
    private static AisMessage staticAndVoyage(AisBits b, AisOrigin origin) throws AisDecodeException {
        require(b, 422, "message 5");
        int draught = b.unsigned(294, 8);
        return new AisMessage.StaticAndVoyageData(5, repeat(b), mmsi(b), origin, b.unsigned(38, 2),
                zeroAbsent(b.unsigned(40, 30)), b.text(70, 7), b.text(112, 20),
                zeroAbsent(b.unsigned(232, 8)), dimensions(b, 240), zeroAbsent(b.unsigned(270, 4)),
                eta(b, 274), draught == 0 ? null : draught / 10.0, b.text(302, 20),
                b.length() > 422 ? !b.flag(422) : null);
    }

    /** Annex 8 §3.14, message 18: 168 bits. */
    private static AisMessage classB(AisBits b, AisOrigin origin) throws AisDecodeException {
        require(b, 168, "message 18");
        return new AisMessage.ClassBPositionReport(18, repeat(b), mmsi(b), origin, speed(b, 46),
                b.flag(56), longitude(b, 57), latitude(b, 85), course(b, 112), heading(b, 124),
                second(b, 133), b.flag(141), b.flag(142), b.flag(143), b.flag(144), b.flag(145),
                b.flag(146), b.flag(147), b.unsigned(148, 20));
    }

    /** Annex 8 §3.15, message 19: 312 bits. */
    private static AisMessage extendedClassB(AisBits b, AisOrigin origin) throws AisDecodeException {
        require(b, 308, "message 19");
        return new AisMessage.ExtendedClassBPositionReport(19, repeat(b), mmsi(b), origin,
                speed(b, 46), b.flag(56), longitude(b, 57), latitude(b, 85), course(b, 112),
                heading(b, 124), second(b, 133), b.text(143, 20), zeroAbsent(b.unsigned(263, 8)),
                dimensions(b, 271), zeroAbsent(b.unsigned(301, 4)), b.flag(305), !b.flag(306),
                b.flag(307));
    }

    /** Annex 8 §3.20, message 24: part A 160 bits, part B 168. */
    private static AisMessage staticDataReport(AisBits b, AisOrigin origin) throws AisDecodeException {
        require(b, 40, "message 24");
        int part = b.unsigned(38, 2);
        if (part == 0) {
            require(b, 160, "message 24 part A");
            return new AisMessage.StaticDataReportA(24, repeat(b), mmsi(b), origin, b.text(40, 20));
        }
        if (part != 1) {
            throw new AisDecodeException("message 24 part " + part + " is reserved");
        }
        require(b, 162, "message 24 part B");
        int mmsi = mmsi(b);
        boolean auxiliary = mmsi / 10_000_000 == 98;
        return new AisMessage.StaticDataReportB(24, repeat(b), mmsi, origin,
                zeroAbsent(b.unsigned(40, 8)), b.text(48, 7), b.text(90, 7),
                auxiliary ? null : dimensions(b, 132), auxiliary ? b.unsigned(132, 30) : null);
    }

    /** Speed over ground in 1/10 knot, 10 bits; 1023 is not available. */
    private static Double speed(AisBits b, int start) {
        int raw = b.unsigned(start, 10);
        return raw == 1023 ? null : raw / 10.0;
    }

    /** Course over ground in 1/10 degree, 12 bits; 3600 (and the impossible 3601..4095) n/a. */
    private static Double course(AisBits b, int start) {
        int raw = b.unsigned(start, 12);
        return raw >= 3600 ? null : raw / 10.0;
    }

    /** True heading, 9 bits; 511 (and the impossible 360..510) not available. */
    private static Integer heading(AisBits b, int start) {
        int raw = b.unsigned(start, 9);
        return raw >= 360 ? null : raw;
    }

    /** Time stamp, 6 bits: 60 not available, 61 manual, 62 dead reckoning, 63 inoperative. */
    private static Integer second(AisBits b, int start) {
        int raw = b.unsigned(start, 6);
        return raw >= 60 ? null : raw;
    }

    /** Longitude in 1/10 000 minute, 28 bits signed; 181 degrees is not available. */
    private static Double longitude(AisBits b, int start) {
        int raw = b.signed(start, 28);
        return raw == LONGITUDE_NOT_AVAILABLE || Math.abs(raw) > 180 * 600_000 ? null : raw / 600_000.0;
    }

    /** Latitude in 1/10 000 minute, 27 bits signed; 91 degrees is not available. */
    private static Double latitude(AisBits b, int start) {
        int raw = b.signed(start, 27);
        return raw == LATITUDE_NOT_AVAILABLE || Math.abs(raw) > 90 * 600_000 ? null : raw / 600_000.0;
    }

    private static Integer zeroAbsent(int value) {
        return value == 0 ? null : value;
    }

    /** Bow 9 bits, stern 9, port 6, starboard 6 (Annex 8 §3.3, figure 42); 0 not available. */
    private static AisMessage.Dimensions dimensions(AisBits b, int start) {
        return new AisMessage.Dimensions(zeroAbsent(b.unsigned(start, 9)),
                zeroAbsent(b.unsigned(start + 9, 9)), zeroAbsent(b.unsigned(start + 18, 6)),
                zeroAbsent(b.unsigned(start + 24, 6)));
    }

    /** Month 4 bits (0 n/a), day 5 (0), hour 5 (24), minute 6 (60). */
    private static AisMessage.Eta eta(AisBits b, int start) {
        int month = b.unsigned(start, 4);
        int day = b.unsigned(start + 4, 5);
        int hour = b.unsigned(start + 9, 5);
        int minute = b.unsigned(start + 14, 6);
        return new AisMessage.Eta(month == 0 || month > 12 ? null : month, day == 0 ? null : day,
                hour >= 24 ? null : hour, minute >= 60 ? null : minute);
    }

    /** Year 14 bits (0 n/a), month 4 (0), day 5 (0), hour 5 (24), minute 6 (60), second 6 (60). */
    private static Instant utc(AisBits b) {
        int year = b.unsigned(38, 14);
        int month = b.unsigned(52, 4);
        int day = b.unsigned(56, 5);
        int hour = b.unsigned(61, 5);
        int minute = b.unsigned(66, 6);
        int second = b.unsigned(72, 6);
        if (year == 0 || month == 0 || day == 0 || hour >= 24 || minute >= 60 || second >= 60) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
