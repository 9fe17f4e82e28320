package dev.torsion.nmea.position;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.nmea.NmeaLimits;
import dev.torsion.nmea.codec.SentenceDecoder;
import dev.torsion.nmea.codec.SentenceWriter;
import dev.torsion.nmea.support.Recorder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input and the exact outcome each earns: the messages accepted (by formatter) and the
 * rejections (by reason), in order. Each entry is followed by a valid GLL, which must still be
 * decoded: no input derails the stream. Replayed whole and byte by byte, with the same outcome.
 */
class HostileNmeaCorpusTest {

    private static final String GLL = "$GPGLL,3348.452,N,11821.142,W,142214,A*3B\r\n";

    private static String sentence(String address, String... fields) {
        return SentenceWriter.write(address, List.of(fields));
    }

    private static String ais(String... fields) {
        return SentenceWriter.writeEncapsulated("AIVDM", List.of(fields));
    }

    private static final String TYPE5_FIRST = "55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8";

    static Stream<Arguments> corpus() {
        return Stream.of(
                Arguments.of("valid GGA", "$GPGGA,142216,3348.452,N,11821.143,W,1,05,1.8,38.4,M,-32.4,M,,*4B\r\n",
                        "Gga"),
                Arguments.of("bad checksum", "$GPGGA,142216,3348.452,N,11821.143,W,1,05,1.8,38.4,M,-32.4,M,,*4C\r\n",
                        "BAD_CHECKSUM"),
                Arguments.of("missing checksum is accepted", "$GPGLL,3348.452,N,11821.143,W,142216,A\r\n",
                        "Gll"),
                Arguments.of("one checksum digit", "$GPHDT,274.07,T*0\r\n", "MALFORMED_CHECKSUM"),
                Arguments.of("non-hex checksum", "$GPHDT,274.07,T*ZZ\r\n", "MALFORMED_CHECKSUM"),
                Arguments.of("LF only", "$GPHDT,274.07,T*03\n", "Hdt"),
                Arguments.of("NUL byte", "$GPHDT,27\u00004.07,T*03\r\n", "INVALID_CHARACTER"),
                Arguments.of("high byte", "$GPHDT,27\u00ff4.07,T*03\r\n", "INVALID_CHARACTER"),
                Arguments.of("doubled CR", "$GPHDT,274.07,T*03\r\r\n", "INVALID_CHARACTER"),
                Arguments.of("line past the line limit", "$GPGGA," + "1".repeat(5000) + "\r\n",
                        "LINE_TOO_LONG"),
                Arguments.of("sentence past standard plus tolerance", "$GPTXT," + "A".repeat(300) + "\r\n",
                        "TOO_LONG"),
                Arguments.of("long RTK sentence within tolerance",
                        sentence("GNGGA", "132200.00", "3842.860068891", "N", "11705.436455102", "W", "4",
                                "12", "0.9", "1864.182", "M", "-44.296", "M", "1.0", "0000", "extra".repeat(4)),
                        "Gga"),
                Arguments.of("no start delimiter", "hello world\r\n", "NOT_A_SENTENCE"),
                Arguments.of("log comment", "# Name: a receiver\n", "NOT_A_SENTENCE"),
                Arguments.of("noise before the start", "\u0011xx" + GLL, "Gll"),
                Arguments.of("empty lines are skipped", "\r\n\n\r\n", ""),
                Arguments.of("short address", sentence("GPG", "1"), "BAD_ADDRESS"),
                Arguments.of("lower-case address", sentence("gpgga", "1"), "BAD_ADDRESS"),
                Arguments.of("empty address", "$,1,2*" + "1E" + "\r\n", "BAD_CHECKSUM"),
                Arguments.of("truncated GGA keeps what it has", sentence("GPGGA", "142216", "3348.452"),
                        "BAD_FIELD"),
                Arguments.of("truncated GGA after the position", sentence("GPGGA", "142216", "3348.452", "N",
                        "11821.143", "W"), "Gga"),
                Arguments.of("latitude past 90", sentence("GPGLL", "9548.452", "N", "11821.142", "W",
                        "142214", "A"), "BAD_FIELD"),
                Arguments.of("minutes past 60", sentence("GPGLL", "3378.452", "N", "11821.142", "W",
                        "142214", "A"), "BAD_FIELD"),
                Arguments.of("longitude past 180", sentence("GPGLL", "3348.452", "N", "18121.142", "W",
                        "142214", "A"), "BAD_FIELD"),
                Arguments.of("bad hemisphere", sentence("GPGLL", "3348.452", "X", "11821.142", "W",
                        "142214", "A"), "BAD_FIELD"),
                Arguments.of("hour 25", sentence("GPGLL", "3348.452", "N", "11821.142", "W", "252214",
                        "A"), "BAD_FIELD"),
                Arguments.of("31 February", sentence("GPRMC", "142214", "A", "3348.452", "N", "11821.142",
                        "W", "0.0", "0.0", "310299", "", ""), "BAD_FIELD"),
                Arguments.of("NaN as a number", sentence("GPHDT", "NaN", "T"), "BAD_FIELD"),
                Arguments.of("exponent as a number", sentence("GPHDT", "1e2", "T"), "BAD_FIELD"),
                Arguments.of("heading past 360", sentence("GPHDT", "361", "T"), "BAD_FIELD"),
                Arguments.of("satellite count overflowing an int", sentence("GPGGA", "142216", "3348.452",
                        "N", "11821.143", "W", "1", "99999999999"), "BAD_FIELD"),
                Arguments.of("thirty digits of latitude", sentence("GPGLL",
                        "334899999999999999999999999.452", "N", "11821.142", "W", "142214", "A"), "BAD_FIELD"),
                Arguments.of("only a start delimiter", "$\r\n", "BAD_ADDRESS"),
                Arguments.of("only a checksum", "$*00\r\n", "BAD_ADDRESS"),
                Arguments.of("Garmin altitude", "$PGRMZ,125,f,3*1D\r\n", "Pgrmz"),
                Arguments.of("Garmin altitude in an unknown unit", sentence("PGRMZ", "125", "y", "3"), "BAD_FIELD"),
                Arguments.of("u-blox position", sentence("PUBX", "00", "081350.00", "4717.113210", "N",
                        "00833.915187", "E", "546.589", "G3", "2.1", "2.0", "0.007", "77.52", "0.007", "", "0.92",
                        "1.19", "0.77", "9", "0", "0"), "PubxPosition"),
                Arguments.of("other proprietary sentence", sentence("PMTK001", "314", "3"), "ProprietarySentence"),
                Arguments.of("AIS position report", ais("1", "1", "", "A", "15RTgt0PAso;90TKcjM8h6g208CQ", "0"),
                        "Vdm PositionReport"),
                Arguments.of("AIS own vessel", SentenceWriter.writeEncapsulated("AIVDO",
                        List.of("1", "1", "", "", "15RTgt0PAso;90TKcjM8h6g208CQ", "0")), "Vdm PositionReport"),
                Arguments.of("AIS two fragments", ais("2", "1", "3", "A", TYPE5_FIRST, "0")
                        + ais("2", "2", "3", "A", "88888888880", "2"), "Vdm Vdm StaticAndVoyageData"),
                Arguments.of("AIS payload outside the armoring", ais("1", "1", "", "A", "15RTgt0PAso;90TKcjxyz", "0"),
                        "BAD_FIELD"),
                Arguments.of("AIS fill bits past 5", ais("1", "1", "", "A", "15RTgt0PAso;90TKcjM8h6g208CQ", "6"),
                        "BAD_FIELD"),
                Arguments.of("AIS fragment 3 of 2", ais("2", "3", "1", "A", "15RT", "0"), "BAD_FIELD"),
                Arguments.of("AIS fragment count 0", ais("0", "0", "1", "A", "15RT", "0"), "BAD_FIELD"),
                Arguments.of("AIS ten fragments", ais("10", "1", "1", "A", "15RT", "0"), "BAD_FIELD"),
                Arguments.of("AIS empty payload", ais("1", "1", "", "A", "", "0"), "BAD_FIELD"),
                Arguments.of("AIS two-digit sequence ID", ais("2", "1", "12", "A", "15RT", "0"), "BAD_FIELD"),
                Arguments.of("AIS second fragment without its first", ais("2", "2", "4", "B", "88888888880", "2"),
                        "Vdm AIS_FRAGMENT_MISSING"),
                Arguments.of("AIS fragment skipped", ais("3", "1", "5", "A", TYPE5_FIRST, "0")
                        + ais("3", "3", "5", "A", "8888", "0"), "Vdm Vdm AIS_FRAGMENT_OUT_OF_ORDER"),
                Arguments.of("AIS fragment count changes", ais("3", "1", "6", "A", TYPE5_FIRST, "0")
                        + ais("2", "2", "6", "A", "8888", "0"), "Vdm Vdm AIS_FRAGMENT_OUT_OF_ORDER"),
                Arguments.of("AIS message restarted", ais("2", "1", "7", "A", TYPE5_FIRST, "0")
                        + ais("2", "1", "7", "A", TYPE5_FIRST, "0") + ais("2", "2", "7", "A", "88888888880", "2"),
                        "Vdm Vdm AIS_FRAGMENT_MISSING Vdm StaticAndVoyageData"),
                Arguments.of("AIS message too short for its type", ais("1", "1", "", "A", "15RTgt0PAso;90TKcjM8h6g2", "0"),
                        "Vdm AIS_UNDECODABLE"),
                Arguments.of("AIS message 24 reserved part", ais("1", "1", "", "A", "H42O55sti4hhhilD3nink000?050", "0"),
                        "Vdm AIS_UNDECODABLE"),
                Arguments.of("AIS type 5 cut short", ais("1", "1", "", "A", TYPE5_FIRST, "0"), "Vdm AIS_UNDECODABLE"),
                Arguments.of("unknown encapsulation sentence", SentenceWriter.writeEncapsulated("AIABK",
                        List.of("1", "A")), "Other"),
                Arguments.of("DTM with empty offsets", sentence("GPDTM", "W84", "", "", "", "", "", "", "W84"),
                        "Dtm"),
                Arguments.of("DTM offset with a bad number", sentence("GPDTM", "W84", "", "0.5.1", "S", "", "", "",
                        "W84"), "BAD_FIELD"),
                Arguments.of("GGA time with ten decimals", sentence("GPGGA", "142216.0123456789", "3348.452", "N",
                        "11821.143", "W", "1"), "BAD_FIELD"),
                Arguments.of("star inside the address", "$GP*GGA,1*" + String.format("%02X",
                        SentenceDecoder.checksum("GP*GGA,1")) + "\r\n", "BAD_ADDRESS"),
                Arguments.of("GSV claiming more sentences than sent", sentence("GPGSV", "9", "9", "99"),
                        "Gsv"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void wholeAndByteByByteEarnTheSameExactOutcome(String name, String input, String outcome) {
        byte[] bytes = (input + GLL).getBytes(StandardCharsets.ISO_8859_1);
        String expected = outcome.isEmpty() ? "Gll" : outcome + " Gll";
        Recorder whole = Recorder.replay(bytes, NmeaLimits.DEFAULTS);
        Recorder byteByByte = Recorder.replayByteByByte(bytes, NmeaLimits.DEFAULTS);
        assertEquals(expected, outcome(whole), name);
        assertEquals(whole.summary(), byteByByte.summary(), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void theWholeCorpusInOneStream(String name, String input, String outcome) {
        // replayed once per entry, cut before and after the entry: the entry's outcome is the same
        // whatever precedes it
        byte[] prefix = corpus().map(a -> (String) a.get()[1]).reduce("", String::concat)
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = concat(prefix, (input + GLL).getBytes(StandardCharsets.ISO_8859_1));
        Recorder recorder = Recorder.replay(bytes, NmeaLimits.DEFAULTS, prefix.length);
        String all = outcome(recorder);
        String expected = outcome.isEmpty() ? "Gll" : outcome + " Gll";
        assertEquals(true, all.endsWith(expected), all);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** Accepted formatters and rejection reasons, in the order they happened. */
    private static String outcome(Recorder recorder) {
        return String.join(" ", recorder.events);
    }
}
