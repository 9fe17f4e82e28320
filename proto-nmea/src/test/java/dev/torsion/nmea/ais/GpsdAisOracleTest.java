package dev.torsion.nmea.ais;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.torsion.nmea.NmeaLimits;
import dev.torsion.nmea.codec.Rejection;
import dev.torsion.nmea.support.GpsdAisJson;
import dev.torsion.nmea.support.Recorder;
import dev.torsion.nmea.support.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * gpsd's regression capture of live AIS traffic ({@code ais-raw-messages.log}) against gpsd's own
 * decode of it ({@code .chk}): every message, field by field. gpsd prints nothing for a message
 * 24 part A (it keeps the name for the part B that follows), so part A is checked against the
 * name gpsd shows with part B.
 */
class GpsdAisOracleTest {

    @Test
    void everyMessageOfTheCaptureMatchesGpsdDecode() throws IOException {
        Path log = TestData.nmea().resolve("logs/ais-raw-messages.log");
        Path chk = TestData.nmea().resolve("chk/ais-raw-messages.log.chk");
        Recorder recorder = Recorder.replay(Files.readAllBytes(log), NmeaLimits.DEFAULTS);
        // the log's '#' header lines are the only lines refused
        assertEquals(List.of(), recorder.rejections.stream()
                .filter(r -> r.reason() != Rejection.Reason.NOT_A_SENTENCE).toList());
        List<String> gpsd = new ArrayList<>();
        for (String line : Files.readAllLines(chk, StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("{\"class\":\"AIS\"")) {
                gpsd.add(line);
            }
        }
        List<AisMessage> ours = new ArrayList<>(recorder.aisMessages);
        List<AisMessage> partsA = ours.stream().filter(m -> m instanceof AisMessage.StaticDataReportA).toList();
        assertEquals(1, partsA.size());
        ours.removeAll(partsA);
        var partA = assertInstanceOf(AisMessage.StaticDataReportA.class, partsA.get(0));
        assertEquals(108, gpsd.size());
        assertEquals(gpsd.size(), ours.size());
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            for (String difference : GpsdAisJson.compare(ours.get(i), gpsd.get(i))) {
                differences.add("message " + i + " " + difference);
            }
        }
        assertEquals(List.of(), differences);
        String merged = gpsd.stream().filter(j -> GpsdAisJson.type(j) == 24).findFirst().orElseThrow();
        assertEquals(true, merged.contains("\"shipname\":\"" + partA.name() + "\""), merged);
        assertEquals(368256470, partA.mmsi());
    }
}
