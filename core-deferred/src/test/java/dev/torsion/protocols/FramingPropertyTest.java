package dev.torsion.protocols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.Protocol;
import dev.torsion.testing.StringTransport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Properties of every framing protocol: the frames do not depend on how the byte stream is cut into
 * packets (checked over every split of short streams and over seeded random splits of long ones),
 * and an over-long frame always ends in the documented error and a closed connection, with exactly
 * the frames before it delivered.
 */
class FramingPropertyTest {
    private static final long SEED = 0x7075_6d70L;
    private static final ch.qos.logback.classic.Logger PROTOCOL_LOG =
            (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.torsion.protocols");
    private static ch.qos.logback.classic.Level savedLevel;

    /** Tens of thousands of runs end in the (logged) error: keep the test output readable. */
    @org.junit.jupiter.api.BeforeAll
    static void quietProtocolLogs() {
        savedLevel = PROTOCOL_LOG.getLevel();
        PROTOCOL_LOG.setLevel(ch.qos.logback.classic.Level.ERROR);
    }

    @org.junit.jupiter.api.AfterAll
    static void restoreProtocolLogs() {
        PROTOCOL_LOG.setLevel(savedLevel);
    }

    /** A framing receiver under test: feeds pieces, reports frames and the ending as strings. */
    interface Receiver {
        Protocol protocol();

        List<String> events();
    }

    /** What a stream produced: the events and whether the connection was closed. */
    record Outcome(List<String> events, boolean closed) {
    }

    static Outcome run(Supplier<Receiver> make, List<byte[]> pieces) {
        Receiver receiver = make.get();
        StringTransport transport = new StringTransport();
        receiver.protocol().makeConnection(transport);
        for (byte[] piece : pieces) {
            receiver.protocol().dataReceived(piece);
        }
        return new Outcome(List.copyOf(receiver.events()), transport.isDisconnecting());
    }

    static final class Lines extends LineReceiver implements Receiver {
        final List<String> events = new ArrayList<>();

        Lines(int max, String delimiter) {
            setMaxLength(max);
            setDelimiter(delimiter.getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        protected void lineReceived(byte[] line) {
            events.add(new String(line, StandardCharsets.ISO_8859_1));
        }

        @Override
        protected void lineLengthExceeded(byte[] line) {
            events.add("!lineLengthExceeded");
            super.lineLengthExceeded(line);
        }

        @Override
        public Protocol protocol() {
            return this;
        }

        @Override
        public List<String> events() {
            return events;
        }
    }

    /** A line receiver that reads "=n" lines as "n raw bytes follow", to test mode switches under splits. */
    static final class Mixed extends LineReceiver implements Receiver {
        final List<String> events = new ArrayList<>();
        final ByteArrayOutputStream raw = new ByteArrayOutputStream();
        int rawLeft;

        Mixed(int max) {
            setMaxLength(max);
        }

        @Override
        protected void lineReceived(byte[] line) {
            String text = new String(line, StandardCharsets.ISO_8859_1);
            events.add(text);
            if (text.startsWith("=")) {
                rawLeft = Integer.parseInt(text.substring(1));
                if (rawLeft > 0) {
                    setRawMode();
                }
            }
        }

        @Override
        protected void rawDataReceived(byte[] data) {
            int mine = Math.min(rawLeft, data.length);
            raw.write(data, 0, mine);
            rawLeft -= mine;
            if (rawLeft == 0) {
                events.add("raw:" + raw.toString(StandardCharsets.ISO_8859_1));
                raw.reset();
                setLineMode(Arrays.copyOfRange(data, mine, data.length));
            }
        }

        @Override
        protected void lineLengthExceeded(byte[] line) {
            events.add("!lineLengthExceeded");
            super.lineLengthExceeded(line);
        }

        @Override
        public Protocol protocol() {
            return this;
        }

        @Override
        public List<String> events() {
            return events;
        }
    }

    static final class OnlyLines extends LineOnlyReceiver implements Receiver {
        final List<String> events = new ArrayList<>();

        OnlyLines(int max) {
            setMaxLength(max);
        }

        @Override
        protected void lineReceived(byte[] line) {
            events.add(new String(line, StandardCharsets.ISO_8859_1));
        }

        @Override
        protected void lineLengthExceeded(byte[] line) {
            events.add("!lineLengthExceeded");
            super.lineLengthExceeded(line);
        }

        @Override
        public Protocol protocol() {
            return this;
        }

        @Override
        public List<String> events() {
            return events;
        }
    }

    static final class Netstrings extends NetstringReceiver implements Receiver {
        final List<String> events = new ArrayList<>();

        Netstrings(int max) {
            setMaxLength(max);
        }

        @Override
        protected void stringReceived(byte[] string) {
            events.add(new String(string, StandardCharsets.ISO_8859_1));
        }

        @Override
        protected void protocolError(String reason) {
            events.add("!protocolError " + reason);
            super.protocolError(reason);
        }

        @Override
        public Protocol protocol() {
            return this;
        }

        @Override
        public List<String> events() {
            return events;
        }
    }

    static final class Prefixed extends IntNStringReceiver implements Receiver {
        final List<String> events = new ArrayList<>();

        Prefixed(int prefix, int max) {
            super(prefix);
            setMaxLength(max);
        }

        @Override
        protected void stringReceived(byte[] string) {
            events.add(HexFormat.of().formatHex(string));
        }

        @Override
        protected void lengthLimitExceeded(long length) {
            events.add("!lengthLimitExceeded " + length);
            super.lengthLimitExceeded(length);
        }

        @Override
        public Protocol protocol() {
            return this;
        }

        @Override
        public List<String> events() {
            return events;
        }
    }

    // ---------------------------------------------------------------- splitting

    /** Cuts {@code stream} at the positions whose bit is set in {@code mask} (bit i: cut after byte i). */
    static List<byte[]> split(byte[] stream, long mask) {
        List<byte[]> pieces = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < stream.length - 1; i++) {
            if ((mask & (1L << i)) != 0) {
                pieces.add(Arrays.copyOfRange(stream, from, i + 1));
                from = i + 1;
            }
        }
        pieces.add(Arrays.copyOfRange(stream, from, stream.length));
        return pieces;
    }

    static List<byte[]> randomSplit(byte[] stream, Random random) {
        List<byte[]> pieces = new ArrayList<>();
        int from = 0;
        while (from < stream.length) {
            int size = random.nextInt(4) == 0 ? 1 + random.nextInt(stream.length) : 1 + random.nextInt(5);
            int to = Math.min(stream.length, from + size);
            pieces.add(Arrays.copyOfRange(stream, from, to));
            from = to;
        }
        return pieces;
    }

    /** Asserts that every split of {@code stream} (all of them; at most 16 bytes) gives {@code expected}. */
    static void assertEverySplit(Supplier<Receiver> make, byte[] stream, Outcome expected) {
        assertTrue(stream.length <= 16, "exhaustive splits are for short streams");
        long splits = 1L << Math.max(0, stream.length - 1);
        for (long mask = 0; mask < splits; mask++) {
            Outcome outcome = run(make, split(stream, mask));
            assertEquals(expected, outcome, "split mask " + Long.toBinaryString(mask));
        }
    }

    static void assertRandomSplits(Supplier<Receiver> make, byte[] stream, Outcome expected, int rounds) {
        Random random = new Random(SEED);
        for (int round = 0; round < rounds; round++) {
            List<byte[]> pieces = randomSplit(stream, random);
            assertEquals(expected, run(make, pieces), "round " + round + " of seed " + SEED);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Outcome ok(String... frames) {
        return new Outcome(List.of(frames), false);
    }

    private static Outcome closedAfter(String... events) {
        return new Outcome(List.of(events), true);
    }

    // ---------------------------------------------------------------- exhaustive splits

    @Test
    void lineReceiverEverySplit() {
        assertEverySplit(() -> new Lines(4, "\r\n"), ascii("ab\r\n\r\ncd\r\nx\r"), ok("ab", "", "cd"));
        assertEverySplit(() -> new Lines(4, "\r\n"), ascii("abcd\r\nab\r\n"), ok("abcd", "ab"));
        assertEverySplit(() -> new Lines(3, "<>"), ascii("a<b<>c<><>"), ok("a<b", "c", ""));
    }

    @Test
    void lineReceiverOverLongEverySplit() {
        assertEverySplit(() -> new Lines(4, "\r\n"), ascii("ok\r\nabcde\r\nno\r\n"),
                closedAfter("ok", "!lineLengthExceeded"));
        assertEverySplit(() -> new Lines(4, "\r\n"), ascii("ok\r\nabcdefgh"),
                closedAfter("ok", "!lineLengthExceeded"));
        // exactly max bytes and a partial delimiter: not yet too long
        assertEverySplit(() -> new Lines(4, "\r\n"), ascii("ok\r\nabcd\r"), ok("ok"));
    }

    @Test
    void lineReceiverModeSwitchEverySplit() {
        assertEverySplit(() -> new Mixed(8), ascii("=3\r\na\r\nb\r\n=0\r\n"), ok("=3", "raw:a\r\n", "b", "=0"));
        assertEverySplit(() -> new Mixed(8), ascii("=2\r\nxy=1\r\nz"), ok("=2", "raw:xy", "=1", "raw:z"));
    }

    @Test
    void lineOnlyReceiverEverySplit() {
        assertEverySplit(() -> new OnlyLines(4), ascii("ab\r\n\r\ncd\r\nx\r"), ok("ab", "", "cd"));
        assertEverySplit(() -> new OnlyLines(4), ascii("ok\r\nabcde\r\nno\r\n"),
                closedAfter("ok", "!lineLengthExceeded"));
        assertEverySplit(() -> new OnlyLines(4), ascii("ok\r\nabcd\r"), ok("ok"));
    }

    @Test
    void netstringEverySplit() {
        assertEverySplit(() -> new Netstrings(10), ascii("3:abc,0:,2:,,,"), ok("abc", "", ",,"));
        assertEverySplit(() -> new Netstrings(10), ascii("1:a,11:abcdefgh"),
                closedAfter("a", "!protocolError the length is more than the limit of 10 bytes"));
        assertEverySplit(() -> new Netstrings(10), ascii("1:a,01:b,"),
                closedAfter("a", "!protocolError the length has a leading zero"));
        assertEverySplit(() -> new Netstrings(10), ascii("1:ab,1:c,"),
                closedAfter("!protocolError the string is not followed by a comma"));
        assertEverySplit(() -> new Netstrings(10), ascii("2:ab,:x,"),
                closedAfter("ab", "!protocolError the length is empty"));
        assertEverySplit(() -> new Netstrings(10), ascii("1x:a,"),
                closedAfter("!protocolError the length contains the byte 0x78"));
    }

    @Test
    void lengthPrefixedEverySplit() {
        byte[] int16 = {0, 2, 'a', 'b', 0, 0, 0, 1, 'z'};
        assertEverySplit(() -> new Prefixed(2, 5), int16, ok("6162", "", "7a"));
        byte[] int32 = {0, 0, 0, 1, 'q', 0, 0, 0, 6, 1, 2, 3, 4, 5, 6};
        assertEverySplit(() -> new Prefixed(4, 5), int32, closedAfter("71", "!lengthLimitExceeded 6"));
        byte[] int8 = {3, 'a', 'b', 'c', (byte) 200, 'x'};
        assertEverySplit(() -> new Prefixed(1, 100), int8, closedAfter("616263", "!lengthLimitExceeded 200"));
    }

    // ---------------------------------------------------------------- random splits of long streams

    @Test
    void randomSplitsOfLongStreams() {
        Random random = new Random(SEED);
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        ByteArrayOutputStream netstrings = new ByteArrayOutputStream();
        ByteArrayOutputStream prefixed = new ByteArrayOutputStream();
        List<String> expectedLines = new ArrayList<>();
        List<String> expectedStrings = new ArrayList<>();
        List<String> expectedHex = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] frame = new byte[random.nextInt(40)];
            for (int j = 0; j < frame.length; j++) {
                frame[j] = (byte) ('a' + random.nextInt(26));
            }
            String text = new String(frame, StandardCharsets.ISO_8859_1);
            lines.writeBytes(frame);
            lines.writeBytes(ascii("\r\n"));
            expectedLines.add(text);
            netstrings.writeBytes(ascii(frame.length + ":"));
            netstrings.writeBytes(frame);
            netstrings.write(',');
            expectedStrings.add(text);
            prefixed.write(0);
            prefixed.write(frame.length);
            prefixed.writeBytes(frame);
            expectedHex.add(HexFormat.of().formatHex(frame));
        }
        assertRandomSplits(() -> new Lines(40, "\r\n"), lines.toByteArray(), new Outcome(expectedLines, false), 200);
        assertRandomSplits(() -> new OnlyLines(40), lines.toByteArray(), new Outcome(expectedLines, false), 200);
        assertRandomSplits(() -> new Netstrings(40), netstrings.toByteArray(), new Outcome(expectedStrings, false), 200);
        assertRandomSplits(() -> new Prefixed(2, 40), prefixed.toByteArray(), new Outcome(expectedHex, false), 200);
    }

    @Test
    void randomSplitsOfLongStreamsWithAnOverLongFrame() {
        byte[] good = ascii("short\r\n".repeat(50));
        byte[] tooLong = ascii("y".repeat(100) + "\r\n");
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(good);
        stream.writeBytes(tooLong);
        stream.writeBytes(good);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add("short");
        }
        expected.add("!lineLengthExceeded");
        assertRandomSplits(() -> new Lines(64, "\r\n"), stream.toByteArray(), new Outcome(expected, true), 300);
        assertRandomSplits(() -> new OnlyLines(64), stream.toByteArray(), new Outcome(expected, true), 300);
    }

    @Test
    void randomMixedModeStreams() {
        Random random = new Random(SEED + 1);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            byte[] body = new byte[random.nextInt(12)];
            for (int j = 0; j < body.length; j++) {
                body[j] = (byte) "ab\r\n=".charAt(random.nextInt(5));
            }
            stream.writeBytes(ascii("=" + body.length + "\r\n"));
            stream.writeBytes(body);
            expected.add("=" + body.length);
            if (body.length > 0) {
                expected.add("raw:" + new String(body, StandardCharsets.ISO_8859_1));
            }
        }
        assertRandomSplits(() -> new Mixed(16), stream.toByteArray(), new Outcome(expected, false), 300);
    }
}
