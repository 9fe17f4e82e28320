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

    /** A proprietary sentence or a formatter this codec does not interpret, kept as fields. */
    record Other(Sentence sentence) implements NmeaMessage {
    }
}
