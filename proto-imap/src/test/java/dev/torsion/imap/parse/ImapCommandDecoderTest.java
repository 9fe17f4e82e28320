package dev.torsion.imap.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.imap.ImapLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decoder cuts commands and literals alike however the input is split. */
class ImapCommandDecoderTest {
    private static final String STREAM = "a1 NOOP\r\n"
            + "a2 LOGIN {5}\r\nalice {6+}\r\nsecret\r\n"
            + "a3 APPEND INBOX {11}\r\nHi\r\nthere\r\n\r\n"
            + "a4 SELECT \"INBOX\"\n"
            + "a5 FETCH 1 BODY[]\r\n";

    private static final List<String> EXPECTED = List.of(
            "CMD a1 NOOP",
            "CONT", "CMD a2 LOGIN {5}| {6+}| [alice,secret]",
            "CONT", "CMD a3 APPEND INBOX {11}| [Hi\r\nthere\r\n]",
            "CMD a4 SELECT \"INBOX\"",
            "CMD a5 FETCH 1 BODY[]");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Feeds the chunks, draining events after each; describes each event as a string. */
    private static List<String> decode(ImapLimits limits, List<byte[]> chunks) {
        ImapCommandDecoder decoder = new ImapCommandDecoder(limits);
        List<String> events = new ArrayList<>();
        for (byte[] chunk : chunks) {
            decoder.feed(chunk);
            DecoderEvent event;
            while ((event = decoder.next()) != null) {
                events.add(describe(event));
            }
        }
        return events;
    }

    private static String describe(DecoderEvent event) {
        if (event instanceof DecoderEvent.CommandReady ready) {
            List<String> lines = new ArrayList<>();
            for (byte[] line : ready.command().lines()) {
                lines.add(new String(line, StandardCharsets.ISO_8859_1));
            }
            List<String> literals = new ArrayList<>();
            for (byte[] literal : ready.command().literals()) {
                literals.add(new String(literal, StandardCharsets.ISO_8859_1));
            }
            return "CMD " + String.join("|", lines) + (literals.isEmpty() ? "" : " " + literals);
        }
        if (event instanceof DecoderEvent.Refused refused) {
            return "REFUSED " + refused.refusal().reply().trim();
        }
        if (event instanceof DecoderEvent.RawLine raw) {
            return "RAW " + new String(raw.line(), StandardCharsets.ISO_8859_1);
        }
        return "CONT";
    }

    @Test
    void wholeStream() {
        assertEquals(EXPECTED, decode(ImapLimits.DEFAULTS, List.of(bytes(STREAM))).stream().map(ImapCommandDecoderTest::normalise).toList());
    }

    /** Literal lists print with ", " between them; the expectation above writes them with ",". */
    private static String normalise(String event) {
        return event.replace(", ", ",");
    }

    @Test
    void byteByByte() {
        List<byte[]> chunks = new ArrayList<>();
        for (byte b : bytes(STREAM)) {
            chunks.add(new byte[] {b});
        }
        assertEquals(EXPECTED, decode(ImapLimits.DEFAULTS, chunks).stream().map(ImapCommandDecoderTest::normalise).toList());
    }

    @Test
    void everySplit() {
        byte[] all = bytes(STREAM);
        for (int i = 0; i <= all.length; i++) {
            List<String> events = decode(ImapLimits.DEFAULTS, List.of(Arrays.copyOfRange(all, 0, i), Arrays.copyOfRange(all, i, all.length)));
            assertEquals(EXPECTED, events.stream().map(ImapCommandDecoderTest::normalise).toList(), "split at " + i);
        }
    }

    @Test
    void rawLineForContinuations() {
        ImapCommandDecoder decoder = new ImapCommandDecoder(ImapLimits.DEFAULTS);
        decoder.feed(bytes("a IDLE\r\nDONE\r\nb NOOP\r\n"));
        assertEquals("CMD a IDLE", describe(decoder.next()));
        decoder.expectRawLine();
        assertEquals(DecoderState.RAW_LINE, decoder.state());
        assertEquals("RAW DONE", describe(decoder.next()));
        assertEquals("CMD b NOOP", describe(decoder.next()));
        assertNull(decoder.next());
    }

    @Test
    void lineTooLongFailsForGood() {
        ImapLimits limits = ImapLimits.DEFAULTS.withLineLength(1024);
        List<String> events = decode(limits, List.of(bytes("a NOOP " + "x".repeat(2000))));
        assertEquals(List.of("REFUSED * BYE [TOOBIG] Command line too long"), events);
        assertEquals(List.of("REFUSED * BYE [TOOBIG] Command line too long"), decode(limits, List.of(bytes("a NOOP " + "x".repeat(1020) + "\r\n"))));
    }

    @Test
    void literalExactlyAtTheLimitIsRead() {
        ImapLimits limits = ImapLimits.DEFAULTS.withLiteralSize(4);
        assertEquals(List.of("CONT", "CMD a LOGIN {4}| x [abcd]"), decode(limits, List.of(bytes("a LOGIN {4}\r\nabcd x\r\n"))));
    }

    @Test
    void synchronisingLiteralTooBigIsRefusedAndTheSessionGoesOn() {
        ImapLimits limits = ImapLimits.DEFAULTS.withLiteralSize(4);
        assertEquals(List.of("REFUSED a NO [TOOBIG] Literal too big", "CMD b NOOP"),
                decode(limits, List.of(bytes("a APPEND INBOX {5}\r\nb NOOP\r\n"))));
        assertEquals(List.of("REFUSED a NO [TOOBIG] Literal too big", "CMD b NOOP"),
                decode(ImapLimits.DEFAULTS, List.of(bytes("a APPEND INBOX {4294967296}\r\nb NOOP\r\n"))));
        assertEquals(List.of("REFUSED a NO [TOOBIG] Literal too big", "CMD b NOOP"),
                decode(ImapLimits.DEFAULTS, List.of(bytes("a APPEND INBOX {99999999999999999999999}\r\nb NOOP\r\n"))));
    }

    @Test
    void nonSynchronisingLiteralTooBigEndsTheSession() {
        ImapLimits limits = ImapLimits.DEFAULTS.withLiteralSize(4);
        ImapCommandDecoder decoder = new ImapCommandDecoder(limits);
        decoder.feed(bytes("a APPEND INBOX {5+}\r\nhello\r\nb NOOP\r\n"));
        assertEquals("REFUSED * BYE [TOOBIG] Literal too big", describe(decoder.next()));
        assertEquals(DecoderState.FAILED, decoder.state());
        assertNull(decoder.next());
        decoder.feed(bytes("c NOOP\r\n"));
        assertNull(decoder.next());
    }

    @Test
    void tooManyLiterals() {
        StringBuilder in = new StringBuilder("a X");
        for (int i = 0; i < 101; i++) {
            in.append(" {1+}\r\nx");
        }
        List<String> events = decode(ImapLimits.DEFAULTS, List.of(bytes(in + "\r\n")));
        assertEquals(List.of("REFUSED * BYE [LIMIT] Too many literals in one command"), events);
    }

    @Test
    void braceInsideAWordIsNotALiteral() {
        List<String> events = decode(ImapLimits.DEFAULTS, List.of(bytes("a LOGIN x}\r\nb X {}\r\nc X {a}\r\n")));
        assertEquals(List.of("CMD a LOGIN x}", "CMD b X {}", "CMD c X {a}"), events);
    }

    @Test
    void tagOfALine() {
        assertEquals("a1", ImapCommandDecoder.tagOf(bytes("a1 NOOP")));
        assertNull(ImapCommandDecoder.tagOf(bytes("+1 NOOP")));
        assertNull(ImapCommandDecoder.tagOf(bytes("a(b NOOP")));
        assertNull(ImapCommandDecoder.tagOf(bytes("")));
        assertEquals("x", ImapCommandDecoder.tagOf(bytes("x")));
        DecoderEvent event = decode1("\r\n");
        assertInstanceOf(DecoderEvent.CommandReady.class, event);
        assertTrue(true);
    }

    private static DecoderEvent decode1(String input) {
        ImapCommandDecoder decoder = new ImapCommandDecoder(ImapLimits.DEFAULTS);
        decoder.feed(bytes(input));
        return decoder.next();
    }
}
