package dev.torsion.nmea.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.nmea.NmeaLimits;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each of the twelve formatters, decoded from sentences captured from real receivers. */
class SentenceParserTest {

    private static final SentenceDecoder DECODER = new SentenceDecoder(NmeaLimits.DEFAULTS);

    private static NmeaMessage parse(String line) {
        Sentence sentence = assertInstanceOf(Sentence.class, DECODER.decode(line));
        ParseResult result = SentenceParser.parse(sentence);
        assertNull(result.rejection());
        return result.message();
    }

    /** {@code $BODY*HH} with the XOR checksum of the body. */
    private static String withChecksum(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            sum ^= body.charAt(i);
        }
        return String.format("$%s*%02X", body, sum);
    }

    @Test
    void gga() {
        var m = assertInstanceOf(NmeaMessage.Gga.class,
                parse("$GPGGA,125106,3854.5087,N,07726.4523,W,8,10,2.0,268.8,M,-33.9,M,,*7F"));
        assertEquals(LocalTime.of(12, 51, 6), m.time());
        assertEquals(38 + 54.5087 / 60, m.latitude(), 1e-12);
        assertEquals(-(77 + 26.4523 / 60), m.longitude(), 1e-12);
        assertEquals(8, m.quality());
        assertEquals(10, m.satellitesUsed());
        assertEquals(2.0, m.hdop());
        assertEquals(268.8, m.altitude());
        assertEquals(-33.9, m.geoidSeparation());
        assertEquals("GP", m.sentence().talker());
        assertEquals(ChecksumStatus.VALID, m.sentence().checksum());
    }

    @Test
    void rmc() {
        var m = assertInstanceOf(NmeaMessage.Rmc.class,
                parse("$GPRMC,125106,V,3854.5087,N,07726.4523,W,0.0,0.0,241011,10.5,W,S*28"));
        assertEquals(false, m.valid());
        assertEquals(LocalDate.of(2011, 10, 24), m.date());
        assertEquals(-10.5, m.magneticVariation());
        assertEquals("S", m.modeIndicator());
    }

    @Test
    void gsa() {
        var m = assertInstanceOf(NmeaMessage.Gsa.class,
                parse("$GPGSA,A,3,03,07,08,11,13,16,19,23,24,28,,,3.6,2.0,3.0*3A"));
        assertEquals(3, m.mode());
        assertEquals(List.of(3, 7, 8, 11, 13, 16, 19, 23, 24, 28), m.satellites());
        assertEquals(3.6, m.pdop());
        assertEquals(2.0, m.hdop());
        assertEquals(3.0, m.vdop());
    }

    @Test
    void gsv() {
        var m = assertInstanceOf(NmeaMessage.Gsv.class,
                parse("$GPGSV,3,1,10,03,41,050,46,07,60,317,49,08,34,315,45,11,35,148,45*71"));
        assertEquals(3, m.total());
        assertEquals(1, m.number());
        assertEquals(10, m.inView());
        assertEquals(new NmeaMessage.SatelliteInView(3, 41, 50, 46), m.satellites().get(0));
        assertEquals(4, m.satellites().size());
    }

    @Test
    void gsvSatellitesReadAsPrimitivesNegativeElevationAndAbsentFields() {
        var m = assertInstanceOf(NmeaMessage.Gsv.class,
                parse(withChecksum("GPGSV,2,2,06,05,-02,,,,,,,17,12,300,")));
        SatellitesInView satellites = m.satellites();
        assertEquals(2, satellites.size(), "the group without a PRN is left out");
        assertEquals(5, satellites.prn(0));
        assertEquals(-2, satellites.elevation(0));
        assertEquals(NmeaMessage.ABSENT, satellites.azimuth(0));
        assertEquals(NmeaMessage.ABSENT, satellites.snr(0));
        assertEquals(17, satellites.prn(1));
        assertEquals(300, satellites.azimuth(1));
        assertEquals(List.of(new NmeaMessage.SatelliteInView(5, -2, NmeaMessage.ABSENT, NmeaMessage.ABSENT),
                new NmeaMessage.SatelliteInView(17, 12, 300, NmeaMessage.ABSENT)), satellites);
        assertEquals(satellites, SatellitesInView.copyOf(List.copyOf(satellites)));
        assertEquals(List.copyOf(satellites).hashCode(), satellites.hashCode());
        assertThrows(IndexOutOfBoundsException.class, () -> satellites.prn(2));
        assertThrows(UnsupportedOperationException.class, () -> satellites.remove(0));
    }

    @Test
    void runsOfEmptyFieldsMoreCommasThanTheScanWritesBlindPerWord() {
        // eleven commas in a row (a whole word of them), then single ones: the scan's loop past four
        var m = assertInstanceOf(NmeaMessage.Gsa.class, parse(withChecksum("GPGSA,A,1,,,,,,,,,,,05,,9.9,,")));
        assertEquals(List.of("A", "1", "", "", "", "", "", "", "", "", "", "", "05", "", "9.9", "", ""),
                m.sentence().fields());
        assertEquals(List.of(5), m.satellites());
        assertEquals(9.9, m.pdop());
        assertTrue(Double.isNaN(m.vdop()));
    }

    @Test
    void absentFieldsAreNanAbsentNoTimeAndNoDate() {
        var rmc = assertInstanceOf(NmeaMessage.Rmc.class, parse(withChecksum("GPRMC,,V,,,,,,,,,N")));
        assertEquals(NmeaMessage.NO_TIME, rmc.nanoOfDay());
        assertNull(rmc.time());
        assertEquals(NmeaMessage.NO_DATE, rmc.epochDay());
        assertNull(rmc.date());
        assertTrue(Double.isNaN(rmc.latitude()));
        assertTrue(Double.isNaN(rmc.speedKnots()));
        assertTrue(Double.isNaN(rmc.magneticVariation()));
        var gga = assertInstanceOf(NmeaMessage.Gga.class, parse(withChecksum("GPGGA,235959.999999999,,,,,0,,,,M,,M,,")));
        assertEquals(LocalTime.of(23, 59, 59, 999_999_999), gga.time());
        assertEquals(LocalTime.of(23, 59, 59, 999_999_999).toNanoOfDay(), gga.nanoOfDay());
        assertEquals(NmeaMessage.ABSENT, gga.satellitesUsed());
        assertTrue(Double.isNaN(gga.altitude()));
        var zda = assertInstanceOf(NmeaMessage.Zda.class, parse(withChecksum("GPZDA,000000,29,02,2024,,")));
        assertEquals(LocalDate.of(2024, 2, 29), zda.date());
        assertEquals(LocalDate.of(2024, 2, 29).toEpochDay(), zda.epochDay());
        assertEquals(LocalTime.MIDNIGHT, zda.time());
        assertEquals(NmeaMessage.ABSENT, zda.zoneHours());
        var vdm = assertInstanceOf(NmeaMessage.Vdm.class,
                parse(SentenceWriter.writeEncapsulated("AIVDM",
                        List.of("1", "1", "", "", "15M67FC000G?ufbE`FepT@3n00Sa", "0")).trim()));
        assertEquals(NmeaMessage.ABSENT, vdm.sequenceId());
        assertEquals("", vdm.channel());
        assertEquals("15M6", vdm.payload().subSequence(0, 4).toString());
        assertEquals('a', vdm.payload().charAt(27));
    }

    @Test
    void impossibleTimesAndDatesAreRefusedByHandAsLocalTimeAndLocalDateWould() {
        for (String line : List.of("GPZDA,240000,01,01,2024,,", "GPZDA,126000,01,01,2024,,",
                "GPZDA,120060,01,01,2024,,", "GPZDA,120000,30,02,2024,,", "GPZDA,120000,29,02,2023,,",
                "GPZDA,120000,31,04,2024,,", "GPZDA,120000,01,13,2024,,", "GPZDA,120000,00,01,2024,,")) {
            ParseResult result = SentenceParser.parse((Sentence) new SentenceDecoder(NmeaLimits.DEFAULTS)
                    .decode(withChecksum(line)));
            assertEquals(Rejection.Reason.BAD_FIELD, result.rejection().reason(), line);
        }
    }

    @Test
    void theReadersPathGivesTheMessageOrTheRejectionAsParseResultDoes() {
        for (String line : List.of(
                "$GPGGA,125106,3854.5087,N,07726.4523,W,8,10,2.0,268.8,M,-33.9,M,,*7F",
                withChecksum("GPZDA,240000,01,01,2024,,"), withChecksum("GPRMC,120000,A,4807.038,X,,,,,,,"))) {
            Sentence sentence = (Sentence) DECODER.decode(line);
            ParseResult result = SentenceParser.parse(sentence);
            List<Rejection> refused = new ArrayList<>();
            NmeaMessage message = SentenceParser.parse(sentence, refused::add);
            assertEquals(result.message(), message, line);
            assertEquals(result.rejection() == null ? List.of() : List.of(result.rejection()),
                    refused, line);
        }
    }

    @Test
    void aSentenceKeepsItsFieldsWhileTheDecoderReusesAndGrowsItsLineBuffer() {
        SentenceDecoder decoder = new SentenceDecoder(NmeaLimits.DEFAULTS);
        String gga = "$GPGGA,125106,3854.5087,N,07726.4523,W,8,10,2.0,268.8,M,-33.9,M,,*7F";
        Sentence first = (Sentence) decoder.decode(gga);
        // noise before the start delimiter longer than the buffer the decoder starts with
        String noisy = "#".repeat(3000) + withChecksum("GPHDT,274.07,T");
        Sentence second = assertInstanceOf(Sentence.class, decoder.decode(noisy));
        byte[] buffer = ("xx" + withChecksum("GPTXT,01,01,02,u-blox ag") + "yy")
                .getBytes(StandardCharsets.US_ASCII);
        Sentence third = (Sentence) decoder.decode(buffer, 2, buffer.length - 2);
        Arrays.fill(buffer, (byte) '#');
        assertEquals(List.of("125106", "3854.5087", "N", "07726.4523", "W", "8", "10", "2.0",
                "268.8", "M", "-33.9", "M", "", ""), first.fields());
        assertEquals(268.8, assertInstanceOf(NmeaMessage.Gga.class,
                SentenceParser.parse(first).message()).altitude());
        assertEquals(List.of("274.07", "T"), second.fields());
        assertEquals(List.of("01", "01", "02", "u-blox ag"), third.fields());
    }

    @Test
    void gsvWithTheNmea41SignalIdAndEmptyGroups() {
        var m = assertInstanceOf(NmeaMessage.Gsv.class,
                parse("$GPGSV,1,1,01,36,19,156,51,,,,,,,,,,,,,1*5E"));
        assertEquals(List.of(new NmeaMessage.SatelliteInView(36, 19, 156, 51)), m.satellites());
    }

    @Test
    void gll() {
        var m = assertInstanceOf(NmeaMessage.Gll.class,
                parse("$GPGLL,3854.5087,N,07726.4523,W,125106,V,S*55"));
        assertEquals(false, m.valid());
        assertEquals(LocalTime.of(12, 51, 6), m.time());
    }

    @Test
    void vtgBothLayouts() {
        var m = assertInstanceOf(NmeaMessage.Vtg.class, parse("$GPVTG,0.0,T,10.5,M,0.0,N,0.0,K*7A"));
        assertEquals(10.5, m.trackMagnetic());
        String old = SentenceWriter.write("GPVTG", List.of("054.7", "034.4", "005.5", "010.2")).trim();
        var legacy = assertInstanceOf(NmeaMessage.Vtg.class, parse(old));
        assertEquals(54.7, legacy.trackTrue());
        assertEquals(5.5, legacy.speedKnots());
    }

    @Test
    void zda() {
        var m = assertInstanceOf(NmeaMessage.Zda.class, parse("$GPZDA,193223.00,23,12,2007,00,00*69"));
        assertEquals(LocalDate.of(2007, 12, 23), m.date());
        assertEquals(LocalTime.of(19, 32, 23), m.time());
        assertEquals(0, m.zoneHours());
    }

    @Test
    void zdaWithASignedLocalZone() {
        var m = assertInstanceOf(NmeaMessage.Zda.class, parse(withChecksum("GPZDA,010001.00,08,07,2010,+00,00")));
        assertEquals(LocalDate.of(2010, 7, 8), m.date());
        assertEquals(0, m.zoneHours());
        var west = assertInstanceOf(NmeaMessage.Zda.class, parse(withChecksum("GPZDA,010001.00,08,07,2010,-05,30")));
        assertEquals(-5, west.zoneHours());
        assertEquals(30, west.zoneMinutes());
    }

    @Test
    void gns() {
        var m = assertInstanceOf(NmeaMessage.Gns.class,
                parse("$GNGNS,074155.799,3114.8770,N,12135.2463,E,ANNA,05,1.3,156.9,8.3,,0000*52"));
        assertEquals(LocalTime.of(7, 41, 55, 799_000_000), m.time());
        assertEquals("ANNA", m.modes());
        assertEquals(156.9, m.altitude());
        assertEquals("GN", m.sentence().talker());
    }

    @Test
    void gst() {
        var m = assertInstanceOf(NmeaMessage.Gst.class, parse("$GNGST,181141.00,46,,,,4.7,1.9,5.3*4A"));
        assertEquals(46.0, m.rms());
        assertEquals(4.7, m.latitudeError());
        assertEquals(5.3, m.altitudeError());
    }

    @Test
    void hdt() {
        var m = assertInstanceOf(NmeaMessage.Hdt.class, parse("$GPHDT,274.07,T*03"));
        assertEquals(274.07, m.heading());
    }

    @Test
    void dtm() {
        var m = assertInstanceOf(NmeaMessage.Dtm.class, parse(SentenceWriter.write("GPDTM",
                List.of("W84", "", "0.5", "S", "0.25", "E", "1.5", "W84")).trim()));
        assertEquals("W84", m.datum());
        assertEquals(-0.5, m.latitudeOffset());
        assertEquals(0.25, m.longitudeOffset());
        assertEquals(1.5, m.altitudeOffset());
    }

    @Test
    void txt() {
        var m = assertInstanceOf(NmeaMessage.Txt.class,
                parse("$GPTXT,01,01,02,u-blox ag - www.u-blox.com*50"));
        assertEquals("u-blox ag - www.u-blox.com", m.text());
        assertEquals(2, m.id());
    }

    @Test
    void garminAltitudeInFeetOrMetres() {
        var feet = assertInstanceOf(NmeaMessage.Pgrmz.class, parse("$PGRMZ,125,f,3*1D"));
        assertEquals(true, feet.sentence().proprietary());
        assertEquals("GRMZ", feet.sentence().type());
        assertEquals(125 * 0.3048, feet.altitude(), 1e-12);
        assertEquals(3, feet.fixDimension());
        var metres = assertInstanceOf(NmeaMessage.Pgrmz.class, parse(withChecksum("PGRMZ,38.1,m,")));
        assertEquals(38.1, metres.altitude());
        assertEquals(NmeaMessage.ABSENT, metres.fixDimension());
    }

    @Test
    void ubloxPosition() {
        // the example of u-blox's receiver description for PUBX,00
        var m = assertInstanceOf(NmeaMessage.PubxPosition.class, parse(withChecksum(
                "PUBX,00,081350.00,4717.113210,N,00833.915187,E,546.589,G3,2.1,2.0,0.007,77.52,0.007,,0.92,1.19,0.77,9,0,0")));
        assertEquals(LocalTime.of(8, 13, 50), m.time());
        assertEquals(47 + 17.113210 / 60, m.latitude(), 1e-12);
        assertEquals(8 + 33.915187 / 60, m.longitude(), 1e-12);
        assertEquals(546.589, m.altitude());
        assertEquals("G3", m.navigationStatus());
        assertEquals(2.1, m.horizontalAccuracy());
        assertEquals(2.0, m.verticalAccuracy());
        assertEquals(0.007, m.speedKmh());
        assertEquals(77.52, m.course());
        assertEquals(0.007, m.verticalVelocity());
        assertEquals(0.92, m.hdop());
        assertEquals(1.19, m.vdop());
        assertEquals(0.77, m.tdop());
        assertEquals(9, m.satellitesUsed());
    }

    @Test
    void otherProprietarySentencesArePassedThrough() {
        var m = assertInstanceOf(NmeaMessage.ProprietarySentence.class, parse("$PGRME,19.2,M,28.7,M,34.6,M*18"));
        assertEquals("GRM", m.manufacturer());
        assertEquals(List.of("19.2", "M", "28.7", "M", "34.6", "M"), m.sentence().fields());
        var pubx = assertInstanceOf(NmeaMessage.ProprietarySentence.class, parse(withChecksum("PUBX,03,1")));
        assertEquals("UBX", pubx.manufacturer());
    }

    @Test
    void aisFragmentsAreTypedAndOtherEncapsulationKeptAsFields() {
        var vdm = assertInstanceOf(NmeaMessage.Vdm.class, parse(SentenceWriter.writeEncapsulated("AIVDM",
                List.of("2", "1", "3", "B", "13u?etPv2;0n:dDPwUM1U1Cb069D", "0")).trim()));
        assertEquals(2, vdm.fragments());
        assertEquals(1, vdm.fragment());
        assertEquals(3, vdm.sequenceId());
        assertEquals("B", vdm.channel());
        assertEquals("13u?etPv2;0n:dDPwUM1U1Cb069D", vdm.payload().toString());
        assertEquals(28, vdm.payloadLength());
        assertEquals(0, vdm.fillBits());
        assertEquals(false, vdm.ownVessel());
        var other = assertInstanceOf(NmeaMessage.Other.class,
                parse(SentenceWriter.writeEncapsulated("AIABM", List.of("1", "1")).trim()));
        assertEquals('!', other.sentence().start());
    }

    @Test
    void writerReproducesARealReceiversSentence() {
        assertEquals("$GPGLL,3348.452,N,11821.142,W,142214,A*3B\r\n",
                SentenceWriter.write("GPGLL", List.of("3348.452", "N", "11821.142", "W", "142214", "A")));
        assertEquals("$PGRMZ,125,f,3*1D\r\n", SentenceWriter.write("PGRMZ", List.of("125", "f", "3")));
        assertEquals("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\r\n", SentenceWriter.writeEncapsulated("AIVDM",
                List.of("1", "1", "", "A", "15RTgt0PAso;90TKcjM8h6g208CQ", "0")));
    }

    @Test
    void writerRefusesReservedCharacters() {
        assertThrows(IllegalArgumentException.class,
                () -> SentenceWriter.write("GPTXT", List.of("a*b")));
        assertThrows(IllegalArgumentException.class,
                () -> SentenceWriter.write("GPTXT", List.of("a\r\nb")));
        assertThrows(IllegalArgumentException.class,
                () -> SentenceWriter.write("GPTXT", List.of("a,b")));
    }
}
