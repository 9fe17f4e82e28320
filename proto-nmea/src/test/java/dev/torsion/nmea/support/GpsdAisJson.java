package dev.torsion.nmea.support;

import dev.torsion.nmea.ais.AisMessage;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares our decoded AIS messages with gpsd's unscaled JSON for the same message (gpsdecode
 * {@code -u}, or the AIS lines of gpsd's regression {@code .chk} files), field by field: gpsd's
 * raw numbers are scaled here as ITU-R M.1371-5 Annex 8 says, and gpsd's "not available" raw
 * values must be our nulls.
 */
public final class GpsdAisJson {

    private static final Pattern FIELD = Pattern.compile("\"([a-z_0-9]+)\":(\"((?:[^\"\\\\]|\\\\.)*)\"|[^,}]*)");

    private final String json;
    private final List<String> differences = new ArrayList<>();

    private GpsdAisJson(String json) {
        this.json = json;
    }

    /** What differs between {@code ours} and gpsd's {@code json}; empty when they agree. */
    public static List<String> compare(AisMessage ours, String json) {
        GpsdAisJson gpsd = new GpsdAisJson(json);
        gpsd.check("type", ours.type(), gpsd.integer("type"));
        gpsd.check("repeat", ours.repeat(), gpsd.integer("repeat"));
        gpsd.check("mmsi", ours.mmsi(), gpsd.integer("mmsi"));
        if (ours instanceof AisMessage.PositionReport m) {
            gpsd.position(m);
        } else if (ours instanceof AisMessage.BaseStationReport m) {
            gpsd.baseStation(m);
        } else if (ours instanceof AisMessage.StaticAndVoyageData m) {
            gpsd.staticAndVoyage(m);
        } else if (ours instanceof AisMessage.ClassBPositionReport m) {
            gpsd.classB(m);
        } else if (ours instanceof AisMessage.ExtendedClassBPositionReport m) {
            gpsd.extendedClassB(m);
        } else if (ours instanceof AisMessage.StaticDataReportB m) {
            gpsd.check("shiptype", m.shipType(), gpsd.zeroAbsent("shiptype"));
            gpsd.check("callsign", m.callSign(), gpsd.text("callsign"));
            if (m.dimensions() != null) {
                gpsd.dimensions(m.dimensions());
            }
        }
        return gpsd.differences;
    }

    /** The message type gpsd reported. */
    public static int type(String json) {
        return new GpsdAisJson(json).integer("type");
    }

    private void position(AisMessage.PositionReport m) {
        check("status", m.navigationStatus(), absentIf("status", 15));
        check("turn", m.rateOfTurn(), absentIf("turn", -128));
        check("maneuver", m.manoeuvre(), zeroAbsent("maneuver"));
        motion(m.speed(), m.accurate(), m.longitude(), m.latitude(), m.course(), m.heading(), m.second());
        check("raim", m.raim(), bool("raim"));
        check("radio", m.radio(), integer("radio"));
    }

    private void baseStation(AisMessage.BaseStationReport m) {
        check("timestamp", m.utc(), instant(string("timestamp")));
        check("accuracy", m.accurate(), bool("accuracy"));
        check("lon", m.longitude(), degrees("lon", 181));
        check("lat", m.latitude(), degrees("lat", 91));
        check("epfd", m.epfd(), zeroAbsent("epfd"));
        check("raim", m.raim(), bool("raim"));
        check("radio", m.radio(), integer("radio"));
    }

    private void staticAndVoyage(AisMessage.StaticAndVoyageData m) {
        check("imo", m.imo(), zeroAbsent("imo"));
        check("ais_version", m.aisVersion(), integer("ais_version"));
        check("callsign", m.callSign(), text("callsign"));
        check("shipname", m.name(), text("shipname"));
        check("shiptype", m.shipType(), zeroAbsent("shiptype"));
        dimensions(m.dimensions());
        check("epfd", m.epfd(), zeroAbsent("epfd"));
        AisMessage.Eta eta = m.eta();
        check("eta", String.format("%02d-%02dT%02d:%02dZ", or(eta.month(), 0), or(eta.day(), 0),
                or(eta.hour(), 24), or(eta.minute(), 60)), string("eta"));
        Integer draught = zeroAbsent("draught");
        check("draught", m.draught(), draught == null ? null : draught / 10.0);
        check("destination", m.destination(), text("destination"));
        if (has("dte")) {
            check("dte", m.dteReady(), integer("dte") == 0);
        }
    }

    private void classB(AisMessage.ClassBPositionReport m) {
        motion(m.speed(), m.accurate(), m.longitude(), m.latitude(), m.course(), m.heading(), m.second());
        check("cs", m.carrierSense(), bool("cs"));
        check("display", m.display(), bool("display"));
        check("dsc", m.dsc(), bool("dsc"));
        check("band", m.wholeBand(), bool("band"));
        check("msg22", m.message22(), bool("msg22"));
        if (has("assigned")) {
            check("assigned", m.assigned(), bool("assigned"));
        }
        check("raim", m.raim(), bool("raim"));
        check("radio", m.radio(), integer("radio"));
    }

    private void extendedClassB(AisMessage.ExtendedClassBPositionReport m) {
        motion(m.speed(), m.accurate(), m.longitude(), m.latitude(), m.course(), m.heading(), m.second());
        check("shipname", m.name(), text("shipname"));
        check("shiptype", m.shipType(), zeroAbsent("shiptype"));
        dimensions(m.dimensions());
        check("epfd", m.epfd(), zeroAbsent("epfd"));
        check("raim", m.raim(), bool("raim"));
        check("dte", m.dteReady(), integer("dte") == 0);
        check("assigned", m.assigned(), bool("assigned"));
    }

    private void motion(Double speed, boolean accurate, Double lon, Double lat, Double course,
            Integer heading, Integer second) {
        Integer rawSpeed = absentIf("speed", 1023);
        check("speed", speed, rawSpeed == null ? null : rawSpeed / 10.0);
        check("accuracy", accurate, bool("accuracy"));
        check("lon", lon, degrees("lon", 181));
        check("lat", lat, degrees("lat", 91));
        // gpsd passes impossible raw values through (heading 480 is seen on the air); past the
        // standard's range we report absent, as for the "not available" values themselves
        Integer rawCourse = absentFrom("course", 3600);
        check("course", course, rawCourse == null ? null : rawCourse / 10.0);
        check("heading", heading, absentFrom("heading", 360));
        Integer rawSecond = integer("second");
        check("second", second, rawSecond >= 60 ? null : rawSecond);
    }

    private void dimensions(AisMessage.Dimensions d) {
        check("to_bow", d.toBow(), zeroAbsent("to_bow"));
        check("to_stern", d.toStern(), zeroAbsent("to_stern"));
        check("to_port", d.toPort(), zeroAbsent("to_port"));
        check("to_starboard", d.toStarboard(), zeroAbsent("to_starboard"));
    }

    private static int or(Integer value, int absent) {
        return value == null ? absent : value;
    }

    private void check(String name, Object ours, Object theirs) {
        boolean same = ours instanceof Double a && theirs instanceof Double b
                ? Math.abs(a - b) < 1e-9 : Objects.equals(ours, theirs);
        if (!same) {
            differences.add(name + ": ours " + ours + ", gpsd " + theirs);
        }
    }

    private boolean has(String name) {
        return raw(name) != null;
    }

    private String raw(String name) {
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(3) != null ? m.group(3).replace("\\\"", "\"").replace("\\\\", "\\")
                        : m.group(2);
            }
        }
        return null;
    }

    private String string(String name) {
        return raw(name);
    }

    /** gpsd's text, trailing spaces dropped; empty text is our null. */
    private String text(String name) {
        String text = raw(name);
        if (text == null) {
            return null;
        }
        text = text.stripTrailing();
        return text.isEmpty() ? null : text;
    }

    private Integer integer(String name) {
        String value = raw(name);
        if (value == null) {
            throw new AssertionError("gpsd gave no " + name + ": " + json);
        }
        return Integer.valueOf(value);
    }

    private Integer absentIf(String name, int absent) {
        int value = integer(name);
        return value == absent ? null : value;
    }

    private Integer absentFrom(String name, int limit) {
        int value = integer(name);
        return value >= limit ? null : value;
    }

    private Integer zeroAbsent(String name) {
        return absentIf(name, 0);
    }

    private boolean bool(String name) {
        return Boolean.parseBoolean(raw(name));
    }

    /** gpsd's 1/10 000 minutes as degrees; the "not available" value and anything past it null. */
    private Double degrees(String name, int notAvailable) {
        int raw = integer(name);
        return Math.abs(raw) > (notAvailable - 1) * 600_000 ? null : raw / 600_000.0;
    }

    private static Instant instant(String timestamp) {
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeException | NullPointerException e) {
            return null;
        }
    }
}
