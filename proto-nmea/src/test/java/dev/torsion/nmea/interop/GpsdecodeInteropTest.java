package dev.torsion.nmea.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.netty.testing.Programs;
import dev.torsion.nmea.NmeaLimits;
import dev.torsion.nmea.ais.AisMessage;
import dev.torsion.nmea.support.GpsdAisJson;
import dev.torsion.nmea.support.Recorder;
import dev.torsion.nmea.support.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both AIS captures decoded by gpsd's {@code gpsdecode -u} (Debian {@code gpsd-clients}) and by
 * us: every message, in order, field by field. Message 24 is left out of the sequence: gpsd keeps
 * part A and prints it only merged with its part B (checked in {@code GpsdAisOracleTest}).
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class GpsdecodeInteropTest {

    private static final String GPSDECODE = "/usr/bin/gpsdecode";

    @ParameterizedTest
    @ValueSource(strings = {"ais-raw-messages.log", "ais-nmea-type6-fid55.log"})
    void everyMessageMatchesGpsdecode(String name) throws Exception {
        Path log = TestData.nmea().resolve("logs").resolve(name);
        String input = Files.readString(log, StandardCharsets.ISO_8859_1);
        List<String> gpsd = new ArrayList<>();
        for (String line : Programs.run(List.of(GPSDECODE, "-u"), input).split("\n")) {
            if (line.startsWith("{\"class\":\"AIS\"") && GpsdAisJson.type(line) != 24) {
                gpsd.add(line);
            }
        }
        Recorder recorder = Recorder.replay(input.getBytes(StandardCharsets.ISO_8859_1), NmeaLimits.DEFAULTS);
        List<AisMessage> ours = recorder.aisMessages.stream().filter(m -> m.type() != 24).toList();
        assertTrue(gpsd.size() > 100, gpsd.size() + " messages from gpsdecode");
        assertEquals(gpsd.size(), ours.size());
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            for (String difference : GpsdAisJson.compare(ours.get(i), gpsd.get(i))) {
                differences.add("message " + i + " " + difference + " in " + gpsd.get(i));
            }
        }
        assertEquals(List.of(), differences.stream().limit(20).toList());
    }
}
