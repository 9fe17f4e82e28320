package dev.torsion.nmea.position;

import dev.torsion.nmea.codec.NmeaMessage.SatelliteInView;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

/**
 * One cycle's worth of position data. Any field may be null when no sentence of the cycle carried
 * it.
 *
 * @param time the UTC instant, null until a date (RMC or ZDA) is known
 * @param timeOfDay the UTC time of day the cycle's sentences carried
 * @param latitude decimal degrees, north positive
 * @param longitude decimal degrees, east positive
 * @param altitude metres above mean sea level (GGA, GNS)
 * @param speed metres per second over ground (RMC, VTG)
 * @param track degrees true over ground (RMC, VTG)
 * @param heading degrees true the vessel points to (HDT)
 * @param mode 2D, 3D or no fix
 * @param quality GGA's fix quality (0 invalid, 1 GPS, 2 DGPS, 4 RTK fixed, 5 RTK float...)
 * @param satellitesUsed the PRNs GSA lists as used in the solution
 * @param satellitesInView the satellites the last complete GSV group listed
 * @param pdop position dilution of precision
 * @param hdop horizontal dilution of precision
 * @param vdop vertical dilution of precision
 */
public record Fix(Instant time, LocalTime timeOfDay, Double latitude, Double longitude,
        Double altitude, Double speed, Double track, Double heading, FixMode mode, Integer quality,
        List<Integer> satellitesUsed, List<SatelliteInView> satellitesInView, Double pdop,
        Double hdop, Double vdop) {
}
