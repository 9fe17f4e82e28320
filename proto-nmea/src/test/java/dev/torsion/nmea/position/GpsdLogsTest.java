package dev.torsion.nmea.position;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.nmea.NmeaLimits;
import dev.torsion.nmea.support.Recorder;
import dev.torsion.nmea.support.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays every gpsd regression log and compares our fixes with the TPV reports in gpsd's
 * expected output ({@code .chk}): for each gpsd TPV that has a time, a latitude and a longitude,
 * we must have produced a fix for the same instant whose fields agree with that TPV, field by
 * field, where both have the field. gpsd sends several TPVs per instant (it updates the fix as
 * sentences arrive, e.g. Garmin's PGRMZ altitude), so a field agrees when it matches any of them.
 */
class GpsdLogsTest {

    private static final Logger log = LoggerFactory.getLogger(GpsdLogsTest.class);
    private static final Pattern TIME = Pattern.compile("\"time\":\"([^\"]+)\"");

    /** The floor measured when this test was written; a regression lowers the count. */
    private static final int MIN_MATCHING_INSTANTS = 532;
    private static final int MIN_MATCHING_LOGS = 37;

    @Test
    void everyLogIsReadWithoutAnUncaughtError() throws IOException {
        int logs = 0;
        for (Path file : logs()) {
            Recorder recorder = Recorder.replay(Files.readAllBytes(file), NmeaLimits.DEFAULTS);
            assertTrue(recorder.messages.size() > 0, file + " gave no sentence");
            logs++;
        }
        assertEquals(63, logs);
    }

    @Test
    void fixesMatchGpsdExpectedOutput() throws IOException {
        int instants = 0;
        int matching = 0;
        int logsCompared = 0;
        int logsMatching = 0;
        List<String> differences = new ArrayList<>();
        for (Path file : logs()) {
            Path chk = file.getParent().resolveSibling("chk").resolve(file.getFileName() + ".chk");
            if (!Files.exists(chk)) {
                continue;
            }
            Map<Instant, List<String>> expected = tpvsByTime(chk);
            if (expected.isEmpty()) {
                continue;
            }
            logsCompared++;
            Map<Instant, Fix> ours = new HashMap<>();
            for (Fix fix : Recorder.replay(Files.readAllBytes(file), NmeaLimits.DEFAULTS).fixes) {
                if (fix.time() != null) {
                    ours.put(fix.time(), fix);
                }
            }
            int before = matching;
            for (Map.Entry<Instant, List<String>> entry : expected.entrySet()) {
                instants++;
                String difference = compare(ours.get(entry.getKey()), entry.getValue());
                if (difference == null) {
                    matching++;
                } else {
                    differences.add(file.getFileName() + " " + entry.getKey() + ": " + difference);
                }
            }
            if (matching - before == expected.size()) {
                logsMatching++;
            }
        }
        log.info("gpsd oracle: {} of {} logs match wholly; {} of {} instants match", logsMatching,
                logsCompared, matching, instants);
        differences.stream().limit(400).forEach(d -> log.info("differs: {}", d));
        assertTrue(matching >= MIN_MATCHING_INSTANTS, matching + " instants match");
        assertTrue(logsMatching >= MIN_MATCHING_LOGS, logsMatching + " logs match");
    }

    private static List<Path> logs() throws IOException {
        try (Stream<Path> files = Files.list(TestData.nmea().resolve("logs"))) {
            return files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
        }
    }

    /** gpsd's TPV lines with a time, a latitude and a longitude, by instant. */
    private static Map<Instant, List<String>> tpvsByTime(Path chk) throws IOException {
        Map<Instant, List<String>> byTime = new HashMap<>();
        for (String line : Files.readAllLines(chk, StandardCharsets.ISO_8859_1)) {
            Matcher time = TIME.matcher(line);
            if (line.startsWith("{\"class\":\"TPV\"") && time.find() && number(line, "lat") != null
                    && number(line, "lon") != null) {
                byTime.computeIfAbsent(Instant.parse(time.group(1)), t -> new ArrayList<>()).add(line);
            }
        }
        return byTime;
    }

    private static Double number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(-?[0-9.]+)").matcher(json);
        return m.find() ? Double.valueOf(m.group(1)) : null;
    }

    /** Null when {@code fix} agrees with one of {@code tpvs} on every field, else what differs. */
    private static String compare(Fix fix, List<String> tpvs) {
        if (fix == null) {
            return "no fix at this instant";
        }
        String difference = "";
        for (String[] field : new String[][] {{"lat", "1e-6"}, {"lon", "1e-6"}, {"altMSL", "1e-3"},
                {"speed", "1e-3"}, {"track", "1e-3"}, {"mode", "0"}}) {
            Double ours = value(fix, field[0]);
            boolean expectedSomewhere = false;
            boolean agrees = false;
            for (String tpv : tpvs) {
                Double theirs = number(tpv, field[0]);
                if (theirs != null) {
                    expectedSomewhere = true;
                    agrees |= ours != null && Math.abs(ours - theirs) <= Double.parseDouble(field[1]);
                }
            }
            if (expectedSomewhere && !agrees) {
                difference += " " + field[0] + " ours " + ours + " gpsd " + tpvs.get(tpvs.size() - 1);
            }
        }
        return difference.isEmpty() ? null : difference;
    }

    private static Double value(Fix fix, String field) {
        return switch (field) {
            case "lat" -> fix.latitude();
            case "lon" -> fix.longitude();
            case "altMSL" -> fix.altitude();
            case "speed" -> fix.speed();
            case "track" -> fix.track();
            default -> switch (fix.mode()) {
                case TWO_D -> 2.0;
                case THREE_D -> 3.0;
                case NO_FIX -> 1.0;
                default -> 0.0;
            };
        };
    }
}
