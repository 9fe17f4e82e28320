package dev.torsion.nmea.ais;

import java.time.Instant;

/**
 * A decoded AIS message, one record per message type of ITU-R M.1371-5 Annex 8. Values the
 * standard marks "not available" (latitude 91, longitude 181, speed 1023, course 3600, heading
 * 511, time stamp 60 to 63, rate of turn -128, IMO 0, empty text...) are null, never numbers.
 * Positions are decimal degrees (north and east positive), speeds knots, courses and headings
 * degrees true.
 */
public sealed interface AisMessage {

    /** The message ID, 1 to 27. */
    int type();

    /** How many times a repeater retransmitted it (0 to 3). */
    int repeat();

    /** The source station's MMSI. */
    int mmsi();

    /** Where the message came from: channel, own vessel (VDO) or not. */
    AisOrigin origin();

    /**
     * Messages 1, 2 and 3: the position report of a class A station (Annex 8 §3.1).
     *
     * @param navigationStatus 0 under way using engine ... 14 AIS-SART; null for 15 (not defined)
     * @param rateOfTurn the raw ROT indicator, -127 to 127 (see {@link #rateOfTurnDegreesPerMinute()});
     *     null for -128 (no turn information)
     * @param speed knots; null for 1023; 102.2 means 102.2 knots or more
     * @param accurate position accuracy flag: true is better than 10 m (DGNSS)
     * @param longitude null for 181 (or any value past 180)
     * @param latitude null for 91 (or any value past 90)
     * @param course over ground; null for 360
     * @param heading true heading; null for 511
     * @param second UTC second of the report; null for 60 to 63 (not available, manual input,
     *     dead reckoning, system inoperative)
     * @param manoeuvre 1 no special manoeuvre, 2 special manoeuvre; null for 0
     * @param raim whether RAIM is in use
     * @param radio the communication state (SOTDMA or ITDMA), raw
     */
    record PositionReport(int type, int repeat, int mmsi, AisOrigin origin,
            Integer navigationStatus, Integer rateOfTurn, Double speed, boolean accurate,
            Double longitude, Double latitude, Double course, Integer heading, Integer second,
            Integer manoeuvre, boolean raim, int radio) implements AisMessage {

        /**
         * The rate of turn in degrees per minute, positive to starboard: the indicator is
         * 4.733 times the square root of the rate (Annex 8 §3.1); null when unknown or when the
         * indicator only says "more than 5 degrees per 30 s" (+-127).
         */
        public Double rateOfTurnDegreesPerMinute() {
            if (rateOfTurn == null || Math.abs(rateOfTurn) == 127) {
                return null;
            }
            double root = rateOfTurn / 4.733;
            return Math.signum(root) * root * root;
        }
    }

    /**
     * Message 4: a base station's report of UTC and its position (Annex 8 §3.2).
     *
     * @param utc null when any of year, month, day, hour, minute, second is not available
     *     (0, 0, 0, 24, 60, 60) or the date does not exist
     * @param epfd electronic position fixing device, 1 GPS ... 15 internal GNSS; null for 0
     */
    record BaseStationReport(int type, int repeat, int mmsi, AisOrigin origin, Instant utc,
            boolean accurate, Double longitude, Double latitude, Integer epfd, boolean raim,
            int radio) implements AisMessage {
    }

    /**
     * Where a station's reference point sits, in metres from bow, stern, port and starboard;
     * each null when 0 (not available, Annex 8 §3.3 figure 42).
     */
    record Dimensions(Integer toBow, Integer toStern, Integer toPort, Integer toStarboard) {
    }

    /**
     * Estimated time of arrival, UTC, without a year; each part null when not available (month
     * 0, day 0, hour 24, minute 60).
     */
    record Eta(Integer month, Integer day, Integer hour, Integer minute) {
    }

    /**
     * Message 5: a class A ship's static and voyage related data, two sentences on the air
     * (Annex 8 §3.3).
     *
     * @param aisVersion 0 for ITU-R M.1371-1 ... 3 for future editions
     * @param imo IMO number; null for 0
     * @param callSign up to 7 characters; null when not available
     * @param name up to 20 characters; null when not available
     * @param shipType 1 to 99 (cargo 70..79, tanker 80..89...); null for 0
     * @param draught metres; null for 0; 25.5 means 25.5 m or more
     * @param destination up to 20 characters; null when not available
     * @param dteReady data terminal equipment ready (the bit is 0 when ready); null when the
     *     sender cut the message before that bit
     */
    record StaticAndVoyageData(int type, int repeat, int mmsi, AisOrigin origin, int aisVersion,
            Integer imo, String callSign, String name, Integer shipType, Dimensions dimensions,
            Integer epfd, Eta eta, Double draught, String destination, Boolean dteReady)
            implements AisMessage {
    }

    /**
     * Message 18: the position report of a class B station (Annex 8 §3.14).
     *
     * @param carrierSense true for a class B "CS" unit, false for a SOTDMA unit
     * @param display whether the unit has a display for message 12 and 14
     * @param dsc whether it has a DSC function
     * @param wholeBand whether it can use the whole marine band
     * @param message22 whether it accepts channel management by message 22
     * @param assigned whether it is in assigned mode
     */
    record ClassBPositionReport(int type, int repeat, int mmsi, AisOrigin origin, Double speed,
            boolean accurate, Double longitude, Double latitude, Double course, Integer heading,
            Integer second, boolean carrierSense, boolean display, boolean dsc, boolean wholeBand,
            boolean message22, boolean assigned, boolean raim, int radio) implements AisMessage {
    }

    /**
     * Message 19: the extended class B position report, position and static data together
     * (Annex 8 §3.15).
     */
    record ExtendedClassBPositionReport(int type, int repeat, int mmsi, AisOrigin origin,
            Double speed, boolean accurate, Double longitude, Double latitude, Double course,
            Integer heading, Integer second, String name, Integer shipType, Dimensions dimensions,
            Integer epfd, boolean raim, boolean dteReady, boolean assigned) implements AisMessage {
    }

    /** Message 24 part A: a class B station's name (Annex 8 §3.20). */
    record StaticDataReportA(int type, int repeat, int mmsi, AisOrigin origin, String name)
            implements AisMessage {
    }

    /**
     * Message 24 part B: a class B station's type, vendor, call sign and size (Annex 8 §3.20).
     * An auxiliary craft (MMSI 98XXXYYYY) sends its mother ship's MMSI where others send their
     * dimensions: then {@code dimensions} is null and {@code mothershipMmsi} set.
     *
     * @param vendorId the 7 characters of manufacturer, model and serial, as sent
     */
    record StaticDataReportB(int type, int repeat, int mmsi, AisOrigin origin, Integer shipType,
            String vendorId, String callSign, Dimensions dimensions, Integer mothershipMmsi)
            implements AisMessage {
    }

    /**
     * A well-formed message of a type this decoder does not interpret (6 to 17, 20 to 23, 25 to
     * 27), passed through with its bits.
     */
    record Undecoded(int type, int repeat, int mmsi, AisOrigin origin, AisBits bits)
            implements AisMessage {
    }
}
