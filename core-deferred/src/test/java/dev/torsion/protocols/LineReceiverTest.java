package dev.torsion.protocols;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.testing.StringTransport;
import dev.torsion.testing.StringTransportWithDisconnection;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReceiverTest {
    /** Records lines; a line "RAW n" switches to raw mode for n bytes, then back to line mode. */
    static class Recorder extends LineReceiver {
        final List<String> lines = new ArrayList<>();
        final ByteArrayOutputStream raw = new ByteArrayOutputStream();
        final List<String> events = new ArrayList<>();
        int rawRemaining;
        byte[] exceeded;
        Failure lost;

        @Override
        protected void lineReceived(byte[] line) {
            String text = new String(line, StandardCharsets.UTF_8);
            lines.add(text);
            events.add("line:" + text);
            if (text.startsWith("RAW ")) {
                rawRemaining = Integer.parseInt(text.substring(4));
                setRawMode();
            }
        }

        @Override
        protected void rawDataReceived(byte[] data) {
            int mine = Math.min(rawRemaining, data.length);
            raw.write(data, 0, mine);
            events.add("raw:" + new String(data, 0, mine, StandardCharsets.UTF_8));
            rawRemaining -= mine;
            if (rawRemaining == 0) {
                byte[] rest = new byte[data.length - mine];
                System.arraycopy(data, mine, rest, 0, rest.length);
                setLineMode(rest);
            }
        }

        @Override
        protected void lineLengthExceeded(byte[] line) {
            exceeded = line;
            super.lineLengthExceeded(line);
        }

        @Override
        public void connectionLost(Failure reason) {
            lost = reason;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void deliversLinesWithoutDelimiter() {
        Recorder r = new Recorder();
        r.makeConnection(new StringTransport());
        r.dataReceived(bytes("hello\r\nwor"));
        r.dataReceived(bytes("ld\r"));
        assertEquals(List.of("hello"), r.lines);
        r.dataReceived(bytes("\n\r\n"));
        assertEquals(List.of("hello", "world", ""), r.lines);
    }

    @Test
    void bareLineFeedIsNotADelimiterByDefault() {
        Recorder r = new Recorder();
        r.makeConnection(new StringTransport());
        r.dataReceived(bytes("a\nb\r\n"));
        assertEquals(List.of("a\nb"), r.lines);
    }

    @Test
    void settableDelimiter() {
        Recorder r = new Recorder();
        r.setDelimiter(bytes("\n"));
        r.makeConnection(new StringTransport());
        r.dataReceived(bytes("one\ntwo\r\n"));
        assertEquals(List.of("one", "two\r"), r.lines);
        assertThrows(IllegalArgumentException.class, () -> r.setDelimiter(new byte[0]));
    }

    @Test
    void multiByteDelimiterSplitAcrossPackets() {
        Recorder r = new Recorder();
        r.setDelimiter(bytes("<END>"));
        r.makeConnection(new StringTransport());
        for (byte b : bytes("ab<EN<END>c<END")) {
            r.dataReceived(new byte[] {b});
        }
        assertEquals(List.of("ab<EN"), r.lines);
        r.dataReceived(bytes(">"));
        assertEquals(List.of("ab<EN", "c"), r.lines);
    }

    @Test
    void sendLineAppendsDelimiter() {
        Recorder r = new Recorder();
        StringTransport t = new StringTransport();
        r.makeConnection(t);
        r.sendLine("HELO there");
        r.setDelimiter(bytes("\n"));
        r.sendLine(bytes("x"));
        assertEquals("HELO there\r\nx\n", t.valueAsString());
    }

    @Test
    void rawModeInTheMiddleOfABuffer() {
        Recorder r = new Recorder();
        r.makeConnection(new StringTransport());
        r.dataReceived(bytes("first\r\nRAW 5\r\nab\r\ncsecond\r\nthird\r\n"));
        assertEquals(List.of("line:first", "line:RAW 5", "raw:ab\r\nc", "line:second", "line:third"), r.events);
        assertEquals("ab\r\nc", r.raw.toString(StandardCharsets.UTF_8));
    }

    @Test
    void rawModeAcrossPackets() {
        Recorder r = new Recorder();
        r.makeConnection(new StringTransport());
        r.dataReceived(bytes("RAW 6\r\nabc"));
        r.dataReceived(bytes("de"));
        r.dataReceived(bytes("fnext\r\n"));
        assertEquals(List.of("line:RAW 6", "raw:abc", "raw:de", "raw:f", "line:next"), r.events);
    }

    @Test
    void setLineModeWithoutExtraKeepsBufferedBytes() {
        LineReceiver r = new LineReceiver() {
            final List<String> seen = new ArrayList<>();

            @Override
            protected void lineReceived(byte[] line) {
                seen.add(new String(line, StandardCharsets.UTF_8));
                setRawMode();
            }

            @Override
            protected void rawDataReceived(byte[] data) {
                seen.add("raw " + new String(data, StandardCharsets.UTF_8));
            }

            @Override
            public String toString() {
                return seen.toString();
            }
        };
        r.makeConnection(new StringTransport());
        r.dataReceived(bytes("a\r\nb\r\n"));
        assertEquals("[a, raw b\r\n]", r.toString());
    }

    @Test
    void clearLineBufferReturnsUndelivered() {
        LineReceiver r = new LineReceiver() {
            @Override
            protected void lineReceived(byte[] line) {
                assertArrayEquals(bytes("stop"), line);
                assertEquals("rest\r\nmore", new String(clearLineBuffer(), StandardCharsets.UTF_8));
            }
        };
        r.makeConnection(new StringTransport());
        r.dataReceived(bytes("stop\r\nrest\r\nmore"));
        assertEquals(0, r.clearLineBuffer().length);
    }

    @Test
    void lineOfExactlyMaxLengthIsAccepted() {
        Recorder r = new Recorder();
        r.setMaxLength(4);
        r.makeConnection(new StringTransport());
        r.dataReceived(bytes("abcd\r\n"));
        assertEquals(List.of("abcd"), r.lines);
        assertEquals(null, r.exceeded);
    }

    @Test
    void overLongLineWithDelimiterClosesConnection() {
        Recorder r = new Recorder();
        r.setMaxLength(4);
        StringTransport t = new StringTransport();
        r.makeConnection(t);
        r.dataReceived(bytes("ok\r\nabcde\r\nafter\r\n"));
        assertEquals(List.of("ok"), r.lines);
        assertEquals("abcde\r\nafter\r\n", new String(r.exceeded, StandardCharsets.UTF_8));
        assertTrue(t.isDisconnecting());
        r.dataReceived(bytes("late\r\n"));
        assertEquals(List.of("ok"), r.lines, "nothing is delivered after the connection is closed");
    }

    @Test
    void overLongLineWithoutDelimiterIsCaughtBeforeItEnds() {
        Recorder r = new Recorder();
        r.setMaxLength(4);
        StringTransport t = new StringTransport();
        r.makeConnection(t);
        r.dataReceived(bytes("abcde"));
        assertFalse(t.isDisconnecting(), "a partial delimiter may still come");
        r.dataReceived(bytes("f"));
        assertTrue(t.isDisconnecting());
        assertEquals("abcdef", new String(r.exceeded, StandardCharsets.UTF_8));
    }

    @Test
    void defaultMaxLengthIs16384() {
        Recorder r = new Recorder();
        StringTransportWithDisconnection t = new StringTransportWithDisconnection();
        t.connect(r);
        assertEquals(16384, r.maxLength());
        r.dataReceived(("x".repeat(16384) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        assertEquals(1, r.lines.size());
        r.dataReceived(("y".repeat(16385) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        assertEquals(1, r.lines.size());
        assertTrue(r.lost.check(ConnectionDone.class) != null, "default lineLengthExceeded closes the connection");
    }

    @Test
    void pausingStopsDeliveryAndTransport() {
        Recorder r = new Recorder();
        StringTransport t = new StringTransport();
        r.makeConnection(t);
        r.dataReceived(bytes("a\r\n"));
        r.pauseProducing();
        assertEquals(StringTransport.ProducerState.PAUSED, t.producerState());
        r.dataReceived(bytes("b\r\nc\r\n"));
        assertEquals(List.of("a"), r.lines);
        r.resumeProducing();
        assertEquals(StringTransport.ProducerState.PRODUCING, t.producerState());
        assertEquals(List.of("a", "b", "c"), r.lines);
    }

    @Test
    void rawModeWithoutOverrideIsAClearError() {
        LineReceiver r = new LineReceiver() {
            @Override
            protected void lineReceived(byte[] line) {
                setRawMode();
            }
        };
        r.makeConnection(new StringTransport());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.dataReceived(bytes("a\r\nb")));
        assertTrue(e.getMessage().contains("rawDataReceived"));
    }

    @Test
    void theDefaultDelimiterCannotBeChangedFromOutside() {
        for (Field field : LineReceiver.class.getFields()) {
            boolean shared = Modifier.isStatic(field.getModifiers()) && field.getType().isArray();
            assertFalse(shared, "a public static array anyone can write into: " + field.getName());
        }
        byte[] copy = LineReceiver.crlf();
        copy[0] = 'X';
        assertArrayEquals(new byte[] {'\r', '\n'}, LineReceiver.crlf());
        Recorder receiver = new Recorder();
        receiver.makeConnection(new StringTransport());
        receiver.delimiter()[1] = 'Y';
        receiver.dataReceived("one\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(1, receiver.lines.size());
    }
}
