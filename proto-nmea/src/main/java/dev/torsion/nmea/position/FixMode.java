package dev.torsion.nmea.position;

/** The dimension of a fix, as GSA's mode field and gpsd's TPV mode. */
public enum FixMode {
    /** Nothing known yet. */
    UNKNOWN,
    /** The receiver says it has no fix. */
    NO_FIX,
    /** Latitude and longitude only. */
    TWO_D,
    /** Latitude, longitude and altitude. */
    THREE_D
}
