package dev.torsion.nmea.ais;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.nmea.NmeaLimits;
import dev.torsion.nmea.support.Recorder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Published AIVDM test vectors (gpsd's test/sample.aivdm, decoded there and by other decoders)
 * through the whole path: sentence, armoring, reassembly, decoding, with the "not available"
 * values ITU-R M.1371-5 Annex 8 defines coming out as null.
 */
class AisDecoderTest {

    private static List<AisMessage> decode(String... sentences) {
        String stream = String.join("\r\n", sentences) + "\r\n";
        Recorder recorder = Recorder.replay(stream.getBytes(StandardCharsets.US_ASCII), NmeaLimits.DEFAULTS);
        assertEquals(List.of(), recorder.rejections);
        return recorder.aisMessages;
    }

    private static AisMessage one(String... sentences) {
        List<AisMessage> messages = decode(sentences);
        assertEquals(1, messages.size(), messages.toString());
        return messages.get(0);
    }

    @Test
    void type1PositionReportWithEveryValueAvailable() {
        // gpsd sample.aivdm, first message; gpsd decodes: status 0, turn -8 (raw), speed 0.1 kn,
        // lon -122.4082667, lat 37.8024517 (MMSI 371798000, course 224, heading 215, second 33)
        var m = assertInstanceOf(AisMessage.PositionReport.class,
                one("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A"));
        assertEquals(1, m.type());
        assertEquals(371798000, m.mmsi());
        assertEquals(0, m.navigationStatus());
        assertEquals(-127, m.rateOfTurn());
        assertNull(m.rateOfTurnDegreesPerMinute(), "+-127 only says turning fast");
        assertEquals(12.3, m.speed());
        assertEquals(true, m.accurate());
        assertEquals(-123.39538333, m.longitude(), 1e-8);
        assertEquals(48.38163333, m.latitude(), 1e-8);
        assertEquals(224.0, m.course());
        assertEquals(215, m.heading());
        assertEquals(33, m.second());
        assertEquals(new AisOrigin("AI", "A", false), m.origin());
    }

    @Test
    void notAvailableValuesAreNull() {
        // gpsd's ais-raw-messages capture: heading 511, turn -128, status 15 (gpsd: "Not defined")
        var m = assertInstanceOf(AisMessage.PositionReport.class,
                one("!AIVDM,1,1,,A,13U79k?P00Qah;tEdTH>4?vV2<0I,0*33"));
        assertNull(m.navigationStatus());
        assertNull(m.rateOfTurn());
        assertNull(m.heading());
        assertNull(m.course(), "course 3600 is not available");
        assertEquals(0.0, m.speed());
        assertEquals(13861246 / 600_000.0, m.longitude(), 1e-12);
        assertEquals(22750304 / 600_000.0, m.latitude(), 1e-12);
    }

    @Test
    void type4BaseStationWithoutTime() {
        var m = assertInstanceOf(AisMessage.BaseStationReport.class,
                one("!AIVDM,1,1,,A,402B4L0000Htt1Lg@6FV5vG01d7N,0*06"));
        assertEquals(2393200, m.mmsi());
        assertNull(m.utc(), "0000-00-00T24:60:60 is not available");
        assertEquals(7, m.epfd());
        assertEquals(12155395 / 600_000.0, m.longitude(), 1e-12);
    }

    @Test
    void type4BaseStationWithTime() {
        // sample.aivdm: 2007-05-14T19:57:39Z, 36.8838 N, -76.3527 W (MMSI 3669702), EPFD 7
        var m = assertInstanceOf(AisMessage.BaseStationReport.class,
                one("!AIVDM,1,1,,A,403OviQuMGCqWrRO9>E6fE700@GO,0*4D"));
        assertEquals(3669702, m.mmsi());
        assertEquals(Instant.parse("2007-05-14T19:57:39Z"), m.utc());
        assertEquals(36.88376666, m.latitude(), 1e-7);
        assertEquals(-76.35236166, m.longitude(), 1e-7);
        assertEquals(7, m.epfd());
    }

    @Test
    void type5StaticAndVoyageDataInTwoSentences() {
        // sample.aivdm: EVER DIADEM, two fragments, 2 fill bits on the second
        var m = assertInstanceOf(AisMessage.StaticAndVoyageData.class, one(
                "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C",
                "!AIVDM,2,2,1,A,88888888880,2*25"));
        assertEquals(351759000, m.mmsi());
        assertEquals(9134270, m.imo());
        assertEquals("3FOF8", m.callSign());
        assertEquals("EVER DIADEM", m.name());
        assertEquals(70, m.shipType());
        assertEquals(new AisMessage.Dimensions(225, 70, 1, 31), m.dimensions());
        assertEquals(1, m.epfd());
        assertEquals(new AisMessage.Eta(5, 15, 14, 0), m.eta());
        assertEquals(12.2, m.draught());
        assertEquals("NEW YORK", m.destination());
        assertEquals(true, m.dteReady());
    }

    @Test
    void type18ClassB() {
        // sample.aivdm: MMSI 338087471, speed 0.1, lon -74.0721 , lat 40.6842, course 79.6, heading n/a
        var m = assertInstanceOf(AisMessage.ClassBPositionReport.class,
                one("!AIVDM,1,1,,A,B52K>;h00Fc>jpUlNV@ikwpUoP06,0*4C"));
        assertEquals(338087471, m.mmsi());
        assertEquals(0.1, m.speed());
        assertEquals(-74.07213166, m.longitude(), 1e-7);
        assertEquals(40.68454, m.latitude(), 1e-7);
        assertEquals(79.6, m.course());
        assertNull(m.heading());
        assertEquals(49, m.second());
        assertEquals(true, m.carrierSense());
    }

    @Test
    void type19ExtendedClassB() {
        // published decodes of sample.aivdm's type 19: CAPT.J.RIMES, MMSI 367059850
        var m = assertInstanceOf(AisMessage.ExtendedClassBPositionReport.class,
                one("!AIVDM,1,1,,B,C5N3SRgPEnJGEBT>NhWAwwo862PaLELTBJ:V00000000S0D:R220,0*0B"));
        assertEquals(367059850, m.mmsi());
        assertEquals(8.7, m.speed());
        assertEquals(false, m.accurate());
        assertEquals(29.543695, m.latitude(), 1e-6);
        assertEquals(-88.81039166, m.longitude(), 1e-7);
        assertEquals(335.9, m.course());
        assertNull(m.heading());
        assertEquals(46, m.second());
        assertEquals("CAPT.J.RIMES", m.name());
        assertEquals(70, m.shipType());
        assertEquals(new AisMessage.Dimensions(5, 21, 4, 4), m.dimensions());
        assertEquals(1, m.epfd());
        assertEquals(new AisOrigin("AI", "B", false), m.origin());
    }

    @Test
    void type24PartsAAndB() {
        List<AisMessage> messages = decode("!AIVDM,1,1,,A,H42O55i18tMET00000000000000,2*6D",
                "!AIVDM,1,1,,A,H42O55lti4hhhilD3nink000?050,0*40");
        var a = assertInstanceOf(AisMessage.StaticDataReportA.class, messages.get(0));
        assertEquals(271041815, a.mmsi());
        assertEquals("PROGUY", a.name());
        var b = assertInstanceOf(AisMessage.StaticDataReportB.class, messages.get(1));
        assertEquals(271041815, b.mmsi());
        assertEquals(60, b.shipType());
        assertEquals("1D00014", b.vendorId());
        assertEquals("TC6163", b.callSign());
        assertEquals(new AisMessage.Dimensions(null, 15, null, 5), b.dimensions(),
                "0 metres is not available");
        assertNull(b.mothershipMmsi());
    }

    @Test
    void ownVesselAndOtherTalkers() {
        var m = assertInstanceOf(AisMessage.PositionReport.class,
                one(withChecksum("AIVDO,1,1,,,15RTgt0PAso;90TKcjM8h6g208CQ,0")));
        assertEquals(new AisOrigin("AI", "", true), m.origin());
        var base = assertInstanceOf(AisMessage.PositionReport.class,
                one(withChecksum("BSVDM,1,1,,B,15RTgt0PAso;90TKcjM8h6g208CQ,0")));
        assertEquals("BS", base.origin().talker());
    }

    @Test
    void otherTypesArePassedThroughUndecoded() {
        // type 21 (aid to navigation) from the ais-raw-messages capture, 4 fill bits
        var m = assertInstanceOf(AisMessage.Undecoded.class,
                one("!AIVDM,1,1,,B,E>jKuN@1:WdhHP0000000000000@ln4;:n:6p30HHHgfR?,4*3A"));
        assertEquals(21, m.type());
        assertEquals(992411001, m.mmsi());
        assertEquals(46 * 6 - 4, m.bits().length());
    }

    @Test
    void armoringAndBitFields() {
        AisBits bits = AisBits.dearmor("0Ww`", 0);
        assertEquals(24, bits.length());
        assertEquals(0, bits.unsigned(0, 6));
        assertEquals(39, bits.unsigned(6, 6), "W is 87 - 48");
        assertEquals(63, bits.unsigned(12, 6), "w is 119 - 56");
        assertEquals(40, bits.unsigned(18, 6), "` is 96 - 56");
        assertEquals(-1, bits.signed(12, 6));
        assertEquals(22, AisBits.dearmor("0Ww`", 2).length());
        assertThrows(IllegalArgumentException.class, () -> AisBits.dearmor("0X", 0));
        assertThrows(IllegalArgumentException.class, () -> AisBits.dearmor("0", 6));
        assertThrows(IndexOutOfBoundsException.class, () -> bits.unsigned(20, 6));
        assertTrue(AisBits.isArmorCharacter('w') && !AisBits.isArmorCharacter('x'));
    }

    @Test
    void aTruncatedMessageIsUndecodable() {
        assertThrows(AisDecodeException.class, () -> AisDecoder.decode(
                AisBits.dearmor("15RTgt0PAso;90TKcjM8h6g208C", 0), new AisOrigin("AI", "A", false)));
    }

    static String withChecksum(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            sum ^= body.charAt(i);
        }
        return String.format("!%s*%02X", body, sum);
    }
}
