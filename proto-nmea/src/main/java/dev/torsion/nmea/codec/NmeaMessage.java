package dev.torsion.nmea.codec;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * A typed NMEA 0183 sentence. Fields are primitives, so that parsing a sentence allocates little
 * more than its record: an absent (null) decimal field is {@link Double#NaN}, an absent integer
 * {@link #ABSENT}, an absent time of day {@link #NO_TIME} and an absent date {@link #NO_DATE};
 * times are kept as nanoseconds of the UTC day and dates as epoch days, each with an accessor
 * ({@code time()}, {@code date()}) that makes the {@link LocalTime} or {@link LocalDate}, or null,
 * when asked. Angles are decimal degrees (north and east positive), speeds knots as sent. Each
 * record cites the sentence formatter it decodes (NMEA 0183 v4.11 section 8.3).
 */
public sealed interface NmeaMessage {

    /** An absent integer field (no field sends it: PRNs, counts and angles are small). */
    int ABSENT = Integer.MIN_VALUE;
    /** An absent time of day, in place of nanoseconds of the day. */
    long NO_TIME = -1;
    /** An absent date, in place of an epoch day. */
    long NO_DATE = Long.MIN_VALUE;

    /** The sentence this message was parsed from. */
    Sentence sentence();

    /** {@code nanoOfDay} as a time of day, null for {@link #NO_TIME}. */
    private static LocalTime timeOf(long nanoOfDay) {
        return nanoOfDay == NO_TIME ? null : LocalTime.ofNanoOfDay(nanoOfDay);
    }

    /** {@code epochDay} as a date, null for {@link #NO_DATE}. */
    private static LocalDate dateOf(long epochDay) {
        return epochDay == NO_DATE ? null : LocalDate.ofEpochDay(epochDay);
    }

    /** GGA, global positioning system fix data. */
    record Gga(Sentence sentence, long nanoOfDay, double latitude, double longitude, int quality,
            int satellitesUsed, double hdop, double altitude, double geoidSeparation)
            implements NmeaMessage {

        /** The UTC time of day, or null. */
        public LocalTime time() {
            return timeOf(nanoOfDay);
        }
    }

    /** RMC, recommended minimum specific GNSS data; {@code valid} is status A. */
    record Rmc(Sentence sentence, long nanoOfDay, boolean valid, double latitude, double longitude,
            double speedKnots, double track, long epochDay, double magneticVariation,
            String modeIndicator) implements NmeaMessage {

        /** The UTC time of day, or null. */
        public LocalTime time() {
            return timeOf(nanoOfDay);
        }

        /** The UTC date, or null. */
        public LocalDate date() {
            return dateOf(epochDay);
        }
    }

    /** GSA, DOP and active satellites; {@code mode} 1 no fix, 2 2D, 3 3D. */
    record Gsa(Sentence sentence, String selection, int mode, List<Integer> satellites, double pdop,
            double hdop, double vdop) implements NmeaMessage {
    }

    /** One satellite of a GSV sentence; elevation, azimuth and SNR may be {@link #ABSENT}. */
    record SatelliteInView(int prn, int elevation, int azimuth, int snr) {
    }

    /** GSV, satellites in view: sentence {@code number} of {@code total}. */
    record Gsv(Sentence sentence, int total, int number, int inView,
            SatellitesInView satellites) implements NmeaMessage {
    }

    /** GLL, geographic position; {@code valid} is status A. */
    record Gll(Sentence sentence, double latitude, double longitude, long nanoOfDay, boolean valid,
            String modeIndicator) implements NmeaMessage {

        /** The UTC time of day, or null. */
        public LocalTime time() {
            return timeOf(nanoOfDay);
        }
    }

    /** VTG, course over ground and ground speed. */
    record Vtg(Sentence sentence, double trackTrue, double trackMagnetic, double speedKnots,
            double speedKmh, String modeIndicator) implements NmeaMessage {
    }

    /** ZDA, time and date, with the local zone offset. */
    record Zda(Sentence sentence, long nanoOfDay, long epochDay, int zoneHours,
            int zoneMinutes) implements NmeaMessage {

        /** The UTC time of day, or null. */
        public LocalTime time() {
            return timeOf(nanoOfDay);
        }

        /** The UTC date, or null. */
        public LocalDate date() {
            return dateOf(epochDay);
        }
    }

    /** GNS, GNSS fix data; {@code modes} holds one mode indicator per constellation. */
    record Gns(Sentence sentence, long nanoOfDay, double latitude, double longitude, String modes,
            int satellitesUsed, double hdop, double altitude, double geoidSeparation)
            implements NmeaMessage {

        /** The UTC time of day, or null. */
        public LocalTime time() {
            return timeOf(nanoOfDay);
        }
    }

    /** GST, pseudorange error statistics, in metres. */
    record Gst(Sentence sentence, long nanoOfDay, double rms, double latitudeError,
            double longitudeError, double altitudeError) implements NmeaMessage {

        /** The UTC time of day, or null. */
        public LocalTime time() {
            return timeOf(nanoOfDay);
        }
    }

    /** HDT, heading, true. */
    record Hdt(Sentence sentence, double heading) implements NmeaMessage {
    }

    /** DTM, datum reference. */
    record Dtm(Sentence sentence, String datum, String subdivision, double latitudeOffset,
            double longitudeOffset, double altitudeOffset, String referenceDatum)
            implements NmeaMessage {
    }

    /** TXT, text transmission. */
    record Txt(Sentence sentence, int total, int number, int id, String text)
            implements NmeaMessage {
    }

    /**
     * VDM (or VDO for our own vessel), one fragment of an AIS message (IEC 61162-1 VDM/VDO; the
     * payload is de-armored and reassembled by {@code dev.torsion.nmea.ais.AisReassembler}). The
     * channel and the payload stay in the sentence, read from it when asked: the payload is a
     * view of the sentence's characters, not a copy.
     *
     * @param fragments how many sentences carry the message, 1 to 9
     * @param fragment this sentence's number, 1 to {@code fragments}
     * @param sequenceId the sequential message ID (0 to 9) tying fragments together;
     *     {@link #ABSENT} for a single-sentence message
     * @param fillBits bits (0 to 5) to drop from the end of the payload
     * @param ownVessel true for VDO
     */
    record Vdm(Sentence sentence, int fragments, int fragment, int sequenceId, int fillBits,
            boolean ownVessel) implements NmeaMessage {

        /** {@code A}, {@code B} (or {@code 1}, {@code 2}); empty when left out. */
        public String channel() {
            return sentence.field(3);
        }

        /** The armored six-bit payload, a view of the sentence's characters (checked armoring). */
        public CharSequence payload() {
            return sentence.fieldView(4);
        }

        /** The payload's length in characters, six bits each. */
        public int payloadLength() {
            return sentence.fieldLength(4);
        }
    }

    /**
     * Garmin's {@code $PGRMZ}: altitude (Garmin's GPS 12/38/48 manuals: altitude, {@code f} feet
     * or {@code m} metres, fix dimension 2 or 3).
     *
     * @param altitude metres above mean sea level, converted from feet when sent in feet
     * @param fixDimension 1 no fix, 2 2D, 3 3D; {@link #ABSENT} when absent
     */
    record Pgrmz(Sentence sentence, double altitude, int fixDimension) implements NmeaMessage {
    }

    /**
     * u-blox's {@code $PUBX,00}, the position message (u-blox 8 receiver description, "PUBX,00").
     *
     * @param altitude metres above the ellipsoid (not mean sea level, unlike GGA)
     * @param navigationStatus {@code NF} no fix, {@code DR} dead reckoning, {@code G2}/{@code G3}
     *     stand-alone 2D/3D, {@code D2}/{@code D3} differential, {@code RK} GPS and dead
     *     reckoning, {@code TT} time only
     * @param horizontalAccuracy metres
     * @param verticalAccuracy metres
     * @param speedKmh speed over ground, km/h
     * @param course course over ground, degrees
     * @param verticalVelocity metres per second, positive downwards
     */
    record PubxPosition(Sentence sentence, long nanoOfDay, double latitude, double longitude,
            double altitude, String navigationStatus, double horizontalAccuracy,
            double verticalAccuracy, double speedKmh, double course, double verticalVelocity,
            double hdop, double vdop, double tdop, int satellitesUsed) implements NmeaMessage {

        /** The UTC time of day, or null. */
        public LocalTime time() {
            return timeOf(nanoOfDay);
        }
    }

    /**
     * A proprietary sentence ({@code $P} and a manufacturer code, NMEA 0183 section 5.3.3.3)
     * this codec does not interpret, passed through with its fields.
     */
    record ProprietarySentence(Sentence sentence) implements NmeaMessage {

        /** The three-character manufacturer mnemonic ({@code GRM}, {@code UBX}, {@code MTK}...). */
        public String manufacturer() {
            String type = sentence.type();
            return type.length() > 3 ? type.substring(0, 3) : type;
        }
    }

    /** A standard formatter this codec does not interpret, kept as fields. */
    record Other(Sentence sentence) implements NmeaMessage {
    }
}
