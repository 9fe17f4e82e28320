package dev.torsion.nmea.codec;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * The satellites of one GSV sentence (NMEA 0183 v4.11 section 8.3.48: up to four groups of PRN,
 * elevation, azimuth and SNR), kept as one {@code int} array rather than a record per satellite:
 * read them with {@link #prn}, {@link #elevation}, {@link #azimuth} and {@link #snr}, or as a list
 * of {@link NmeaMessage.SatelliteInView}, each made when read. Immutable; equal to any list of the
 * same satellites.
 */
public final class SatellitesInView extends AbstractList<NmeaMessage.SatelliteInView> {

    private static final SatellitesInView NONE = new SatellitesInView(new int[0], 0);
    private static final int FIELDS = 4;

    /** PRN, elevation, azimuth and SNR of each satellite in turn; absent ones are ABSENT. */
    private final int[] values;
    private final int size;

    private SatellitesInView(int[] values, int size) {
        this.values = values;
        this.size = size;
    }

    /** No satellites. */
    public static SatellitesInView none() {
        return NONE;
    }

    /** The {@code size} satellites whose fields are {@code values[0, 4 * size)}, taken over. */
    static SatellitesInView of(int[] values, int size) {
        return size == 0 ? NONE : new SatellitesInView(values, size);
    }

    /** The satellites of {@code satellites}, copied. */
    public static SatellitesInView copyOf(List<NmeaMessage.SatelliteInView> satellites) {
        int[] values = new int[satellites.size() * FIELDS];
        for (int i = 0; i < satellites.size(); i++) {
            NmeaMessage.SatelliteInView satellite = satellites.get(i);
            values[i * FIELDS] = satellite.prn();
            values[i * FIELDS + 1] = satellite.elevation();
            values[i * FIELDS + 2] = satellite.azimuth();
            values[i * FIELDS + 3] = satellite.snr();
        }
        return of(values, satellites.size());
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public NmeaMessage.SatelliteInView get(int index) {
        return new NmeaMessage.SatelliteInView(prn(index), elevation(index), azimuth(index),
                snr(index));
    }

    /** The PRN of satellite {@code index}. */
    public int prn(int index) {
        return value(index, 0);
    }

    /** Its elevation in degrees (negative below the horizon), or {@link NmeaMessage#ABSENT}. */
    public int elevation(int index) {
        return value(index, 1);
    }

    /** Its azimuth in degrees true, or {@link NmeaMessage#ABSENT}. */
    public int azimuth(int index) {
        return value(index, 2);
    }

    /** Its signal-to-noise ratio in dB-Hz, or {@link NmeaMessage#ABSENT} when not tracked. */
    public int snr(int index) {
        return value(index, 3);
    }

    private int value(int index, int field) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return values[index * FIELDS + field];
    }

    @Override
    public boolean equals(Object other) {
        if (other instanceof SatellitesInView that) {
            return size == that.size && Arrays.equals(values, 0, size * FIELDS, that.values, 0,
                    size * FIELDS);
        }
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        // the list hash code, as equal lists of SatelliteInView records have
        return super.hashCode();
    }
}
