package dev.torsion.nmea.position;

import dev.torsion.nmea.codec.NmeaMessage;
import dev.torsion.nmea.codec.NmeaMessage.SatelliteInView;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Combines a cycle of sentences into one {@link Fix}: pure, no I/O. A receiver sends, once per
 * fix, a burst of sentences (GGA, RMC, GSA, GSV, VTG...) whose time-bearing ones carry the same
 * UTC time of day; so a cycle ends when a sentence brings a different time (or at
 * {@link #flush()}), as gpsd's cycle detection does. Sentences without a time (GSA, GSV, VTG, HDT)
 * belong to the current cycle. The date (RMC, ZDA), satellites and DOPs carry over to later cycles
 * until replaced.
 */
public final class FixAssembler {

    private static final double KNOTS_TO_METRES_PER_SECOND = 1852.0 / 3600.0;

    private final Consumer<Fix> sink;
    private LocalDate date;
    private LocalTime cycleTime;
    private Double latitude;
    private Double longitude;
    private Double altitude;
    private Double speed;
    private Double track;
    private Double heading;
    private Integer quality;
    private boolean invalid;
    private int gsaMode;
    private List<Integer> used = List.of();
    private List<SatelliteInView> inView = List.of();
    private final List<SatelliteInView> gsvGroup = new ArrayList<>();
    private Double pdop;
    private Double hdop;
    private Double vdop;

    /** An assembler handing each finished fix to {@code sink}. */
    public FixAssembler(Consumer<Fix> sink) {
        this.sink = sink;
    }

    /** Takes one message into the current cycle, ending the cycle first if its time differs. */
    public void accept(NmeaMessage message) {
        // GST, DTM, TXT and other proprietary sentences carry nothing a Fix holds
        if (message instanceof NmeaMessage.Gga m) {
            gga(m);
        } else if (message instanceof NmeaMessage.Rmc m) {
            rmc(m);
        } else if (message instanceof NmeaMessage.Gll m) {
            gll(m);
        } else if (message instanceof NmeaMessage.Gns m) {
            gns(m);
        } else if (message instanceof NmeaMessage.Zda m) {
            zda(m);
        } else if (message instanceof NmeaMessage.Gsa m) {
            gsa(m);
        } else if (message instanceof NmeaMessage.Gsv m) {
            gsv(m);
        } else if (message instanceof NmeaMessage.Vtg m) {
            vtg(m);
        } else if (message instanceof NmeaMessage.Hdt m) {
            heading = or(m.heading(), heading);
        } else if (message instanceof NmeaMessage.Pgrmz m && altitude == null) {
            // Garmin units without GGA altitude send it here (gpsd takes it the same way)
            altitude = or(m.altitude(), null);
        }
    }

    /** Ends the current cycle, if any (at the end of the stream). */
    public void flush() {
        if (cycleTime != null) {
            sink.accept(new Fix(date == null ? null : date.atTime(cycleTime).toInstant(ZoneOffset.UTC),
                    cycleTime, latitude, longitude, altitude, speed, track, heading, mode(), quality,
                    used, inView, pdop, hdop, vdop));
        }
        cycleTime = null;
        latitude = null;
        longitude = null;
        altitude = null;
        speed = null;
        track = null;
        heading = null;
        quality = null;
        invalid = false;
    }

    private FixMode mode() {
        if (latitude == null || longitude == null) {
            return invalid || gsaMode == 1 ? FixMode.NO_FIX : FixMode.UNKNOWN;
        }
        // an altitude in the cycle makes it 3D, as gpsd decides, even when a stale GSA said 2D
        if (altitude != null || gsaMode == 3) {
            return FixMode.THREE_D;
        }
        return FixMode.TWO_D;
    }

    private void time(LocalTime time) {
        if (time == null) {
            return;
        }
        if (cycleTime != null && !time.equals(cycleTime)) {
            flush();
        }
        cycleTime = time;
    }

    private void position(double lat, double lon) {
        if (!Double.isNaN(lat) && !Double.isNaN(lon)) {
            latitude = lat;
            longitude = lon;
        }
    }

    /** {@code value} when the field was present (not NaN), else {@code otherwise}. */
    private static Double or(double value, Double otherwise) {
        return Double.isNaN(value) ? otherwise : Double.valueOf(value);
    }

    private void gga(NmeaMessage.Gga m) {
        time(m.time());
        quality = m.quality();
        if (m.quality() == 0) {
            invalid = true;
            return;
        }
        position(m.latitude(), m.longitude());
        altitude = or(m.altitude(), altitude);
        hdop = or(m.hdop(), hdop);
    }

    private void rmc(NmeaMessage.Rmc m) {
        time(m.time());
        // the date belongs to this sentence's cycle, so it is set after any earlier cycle ended
        date = m.epochDay() != NmeaMessage.NO_DATE ? m.date() : date;
        if (!m.valid()) {
            invalid = true;
            return;
        }
        position(m.latitude(), m.longitude());
        speed = or(m.speedKnots() * KNOTS_TO_METRES_PER_SECOND, speed);
        track = or(m.track(), track);
    }

    private void gll(NmeaMessage.Gll m) {
        time(m.time());
        if (!m.valid()) {
            invalid = true;
            return;
        }
        position(m.latitude(), m.longitude());
    }

    private void gns(NmeaMessage.Gns m) {
        time(m.time());
        if (m.modes().isEmpty() || m.modes().chars().allMatch(c -> c == 'N')) {
            invalid = true;
            return;
        }
        position(m.latitude(), m.longitude());
        altitude = or(m.altitude(), altitude);
    }

    private void zda(NmeaMessage.Zda m) {
        time(m.time());
        date = m.epochDay() != NmeaMessage.NO_DATE ? m.date() : date;
    }

    private void gsa(NmeaMessage.Gsa m) {
        gsaMode = m.mode();
        used = m.satellites();
        pdop = or(m.pdop(), pdop);
        hdop = or(m.hdop(), hdop);
        vdop = or(m.vdop(), vdop);
    }

    private void gsv(NmeaMessage.Gsv m) {
        if (m.number() == 1) {
            gsvGroup.clear();
        }
        gsvGroup.addAll(m.satellites());
        if (m.number() == m.total()) {
            inView = List.copyOf(gsvGroup);
        }
    }

    private void vtg(NmeaMessage.Vtg m) {
        track = or(m.trackTrue(), track);
        speed = or(m.speedKnots() * KNOTS_TO_METRES_PER_SECOND, speed);
    }
}
