package dev.torsion.nmea.codec;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * A typed NMEA 0183 sentence. Absent (null) fields are {@code null}; angles are decimal degrees
 * (north and east positive), speeds knots as sent, times UTC. Each record cites the sentence
 * formatter it decodes (NMEA 0183 v4.11 section 8.3).
 */
public sealed interface NmeaMessage {

    /** The sentence this message was parsed from. */
    Sentence sentence();

    /** GGA, global positioning system fix data. */
    record Gga(Sentence sentence, LocalTime time, Double latitude, Double longitude, int quality,
            Integer satellitesUsed, Double hdop, Double altitude, Double geoidSeparation)
            implements NmeaMessage {
    }

    /** RMC, recommended minimum specific GNSS data; {@code valid} is status A. */
    record Rmc(Sentence sentence, LocalTime time, boolean valid, Double latitude, Double longitude,
            Double speedKnots, Double track, LocalDate date, Double magneticVariation,
            String modeIndicator) implements NmeaMessage {
    }

    /** GSA, DOP and active satellites; {@code mode} 1 no fix, 2 2D, 3 3D. */
    record Gsa(Sentence sentence, String selection, int mode, List<Integer> satellites, Double pdop,
            Double hdop, Double vdop) implements NmeaMessage {
    }

    /** One satellite of a GSV sentence; elevation, azimuth and SNR may be absent. */
    record SatelliteInView(int prn, Integer elevation, Integer azimuth, Integer snr) {
    }

    /** GSV, satellites in view: sentence {@code number} of {@code total}. */
    record Gsv(Sentence sentence, int total, int number, int inView,
            List<SatelliteInView> satellites) implements NmeaMessage {
    }

    /** GLL, geographic position; {@code valid} is status A. */
    record Gll(Sentence sentence, Double latitude, Double longitude, LocalTime time, boolean valid,
            String modeIndicator) implements NmeaMessage {
    }

    /** VTG, course over ground and ground speed. */
    record Vtg(Sentence sentence, Double trackTrue, Double trackMagnetic, Double speedKnots,
            Double speedKmh, String modeIndicator) implements NmeaMessage {
    }

    /** ZDA, time and date, with the local zone offset. */
    record Zda(Sentence sentence, LocalTime time, LocalDate date, Integer zoneHours,
            Integer zoneMinutes) implements NmeaMessage {
    }

    /** GNS, GNSS fix data; {@code modes} holds one mode indicator per constellation. */
    record Gns(Sentence sentence, LocalTime time, Double latitude, Double longitude, String modes,
            Integer satellitesUsed, Double hdop, Double altitude, Double geoidSeparation)
            implements NmeaMessage {
    }

    /** GST, pseudorange error statistics, in metres. */
    record Gst(Sentence sentence, LocalTime time, Double rms, Double latitudeError,
            Double longitudeError, Double altitudeError) implements NmeaMessage {
    }

    /** HDT, heading, true. */
    record Hdt(Sentence sentence, Double heading) implements NmeaMessage {
    }

    /** DTM, datum reference. */
    record Dtm(Sentence sentence, String datum, String subdivision, Double latitudeOffset,
            Double longitudeOffset, Double altitudeOffset, String referenceDatum)
            implements NmeaMessage {
    }

    /** TXT, text transmission. */
    record Txt(Sentence sentence, int total, int number, int id, String text)
            implements NmeaMessage {
    }

    /**
     * VDM (or VDO for our own vessel), one fragment of an AIS message (IEC 61162-1 VDM/VDO; the
     * payload is de-armored and reassembled by {@code dev.torsion.nmea.ais.AisReassembler}).
     *
     * @param fragments how many sentences carry the message, 1 to 9
     * @param fragment this sentence's number, 1 to {@code fragments}
     * @param sequenceId the sequential message ID (0 to 9) tying fragments together; null for a
     *     single-sentence message
     * @param channel {@code A}, {@code B} (or {@code 1}, {@code 2}); empty when left out
     * @param payload the armored six-bit payload
     * @param fillBits bits (0 to 5) to drop from the end of the payload
     * @param ownVessel true for VDO
     */
    record Vdm(Sentence sentence, int fragments, int fragment, Integer sequenceId, String channel,
            String payload, int fillBits, boolean ownVessel) implements NmeaMessage {
    }

    /**
     * Garmin's {@code $PGRMZ}: altitude (Garmin's GPS 12/38/48 manuals: altitude, {@code f} feet
     * or {@code m} metres, fix dimension 2 or 3).
     *
     * @param altitude metres above mean sea level, converted from feet when sent in feet
     * @param fixDimension 1 no fix, 2 2D, 3 3D; null when absent
     */
    record Pgrmz(Sentence sentence, Double altitude, Integer fixDimension) implements NmeaMessage {
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
    record PubxPosition(Sentence sentence, LocalTime time, Double latitude, Double longitude,
            Double altitude, String navigationStatus, Double horizontalAccuracy,
            Double verticalAccuracy, Double speedKmh, Double course, Double verticalVelocity,
            Double hdop, Double vdop, Double tdop, Integer satellitesUsed) implements NmeaMessage {
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
