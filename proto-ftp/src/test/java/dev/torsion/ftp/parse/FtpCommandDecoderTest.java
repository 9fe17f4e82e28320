package dev.torsion.ftp.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FtpCommandDecoderTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<FtpInput> whole(String input) {
        return new FtpCommandDecoder(64).feed(bytes(input));
    }

    private static List<FtpInput> byteByByte(String input) {
        FtpCommandDecoder decoder = new FtpCommandDecoder(64);
        List<FtpInput> out = new ArrayList<>();
        for (byte b : bytes(input)) {
            out.addAll(decoder.feed(new byte[] {b}));
        }
        return out;
    }

    /** Decodes whole, byte by byte and over every split in two; all must agree. */
    private static List<FtpInput> decode(String input) {
        List<FtpInput> expected = whole(input);
        assertEquals(expected, byteByByte(input), "byte by byte: " + input);
        byte[] all = bytes(input);
        for (int cut = 0; cut <= all.length; cut++) {
            FtpCommandDecoder decoder = new FtpCommandDecoder(64);
            List<FtpInput> out = new ArrayList<>(decoder.feed(Arrays.copyOfRange(all, 0, cut)));
            out.addAll(decoder.feed(Arrays.copyOfRange(all, cut, all.length)));
            assertEquals(expected, out, "split at " + cut);
        }
        return expected;
    }

    private static FtpBadLine bad(int code, String text) {
        return new FtpBadLine(FtpReply.of(code, text), false);
    }

    @Test
    void commandsWithAndWithoutArguments() {
        assertEquals(List.of(new FtpCommand("USER", "alice"), new FtpCommand("PASV", ""), new FtpCommand("CWD", " two  spaces ")),
                decode("USER alice\r\npasv\r\nCwD  two  spaces \r\n"));
    }

    @Test
    void bareLineFeedEndsALineAndEmptyLinesAreSkipped() {
        assertEquals(List.of(new FtpCommand("NOOP", ""), new FtpCommand("SYST", "")), decode("NOOP\n\r\n\nSYST\r\n"));
    }

    @Test
    void utf8PathnamesPerRfc2640() {
        assertEquals(List.of(new FtpCommand("RETR", "/Übersicht/日本.txt")),
                new FtpCommandDecoder(64).feed("RETR /Übersicht/日本.txt\r\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void invalidUtf8Earns501() {
        assertEquals(List.of(bad(501, "Invalid UTF-8 in argument")), decode("DELE \u00c3(\r\n"));
    }

    @Test
    void verbsAreOneToFourLetters() {
        assertEquals(List.of(bad(500, "Syntax error, command unrecognized"), bad(500, "Syntax error, command unrecognized"),
                bad(500, "Syntax error, command unrecognized"), new FtpCommand("XPWD", "")),
                decode("RETRIEVE x\r\nUS3R a\r\n USER a\r\nxpwd\r\n"));
    }

    @Test
    void crOrNulInsideALineIsRefusedAndTheNextLineStillWorks() {
        assertEquals(List.of(bad(501, "CR not allowed in a command line"), bad(501, "CR not allowed in a command line"),
                bad(501, "NUL not allowed in a command line"), new FtpCommand("NOOP", "")),
                decode("DELE a\rb\r\nMKD a\r\0b\r\nRNTO a\0b\r\nNOOP\r\n"));
    }

    @Test
    void telnetCommandsAreDropped() {
        // RFC 959 §4.1.3: ABOR comes after IAC IP and the Synch (IAC DM).
        assertEquals(List.of(new FtpCommand("ABOR", "")), decode("\u00ff\u00f4\u00ff\u00f2ABOR\r\n"));
        // The DM taken out of band: IAC followed by the verb's first letter.
        assertEquals(List.of(new FtpCommand("ABOR", "")), decode("\u00ff\u00f4\u00ffABOR\r\n"));
        // Option negotiation and subnegotiation vanish.
        assertEquals(List.of(new FtpCommand("NOOP", "")), decode("\u00ff\u00fb\u0001NO\u00ff\u00fa\u0018xyz\u00ff\u00f0OP\r\n"));
    }

    @Test
    void aborEndsAtItsCrWhenTheLfWentOutOfBand() {
        FtpCommandDecoder decoder = new FtpCommandDecoder(64);
        assertEquals(List.of(new FtpCommand("ABOR", "")), decoder.feed(bytes("ABOR\r")));
        assertEquals(List.of(new FtpCommand("PWD", "")), decoder.feed(bytes("PWD\r\n")));
        assertEquals(List.of(new FtpCommand("ABOR", ""), new FtpCommand("NOOP", "")), decode("abor\r\nNOOP\r\n"));
        assertEquals(List.of(bad(501, "CR not allowed in a command line")), decode("ABORT\rx\r\n"));
    }

    @Test
    void iacIacIsAData0xff() {
        assertEquals(List.of(bad(501, "Invalid UTF-8 in argument")), decode("DELE a\u00ff\u00ffb\r\n"));
        FtpCommandDecoder decoder = new FtpCommandDecoder(64);
        decoder.feed(bytes("DELE x"));
        decoder.feed(new byte[] {(byte) 0xff});
        assertEquals(FtpCommandDecoder.State.IAC, decoder.state());
    }

    @Test
    void overLongLineFailsTheDecoderForGood() {
        FtpCommandDecoder decoder = new FtpCommandDecoder(64);
        List<FtpInput> out = decoder.feed(bytes("NOOP " + "a".repeat(200) + "\r\nNOOP\r\n"));
        assertEquals(List.of(new FtpBadLine(FtpReply.of(421, "Command line too long"), true)), out);
        assertEquals(FtpCommandDecoder.State.FAILED, decoder.state());
        assertTrue(decoder.feed(bytes("NOOP\r\n")).isEmpty());
    }

    @Test
    void theLimitCountsBytesNotTheWayTheyArrive() {
        String exactly = "NOOP " + "a".repeat(59);
        assertEquals(List.of(new FtpCommand("NOOP", "a".repeat(59))), decode(exactly + "\r\n"));
        assertEquals(List.of(new FtpBadLine(FtpReply.of(421, "Command line too long"), true)), decode(exactly + "a\r\n"));
    }

    @Test
    void resetDropsThePartialLine() {
        FtpCommandDecoder decoder = new FtpCommandDecoder(64);
        decoder.feed(bytes("AUTH TLS\r\nUSER inj"));
        assertTrue(decoder.hasPartialLine());
        assertEquals(8, decoder.reset());
        assertFalse(decoder.hasPartialLine());
        assertEquals(List.of(new FtpCommand("USER", "alice")), decoder.feed(bytes("USER alice\r\n")));
    }

    @Test
    void passwordsAreNotPrinted() {
        assertEquals("PASS ****", new FtpCommand("PASS", "secret").toString());
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(959);
        for (int round = 0; round < 200; round++) {
            byte[] junk = new byte[random.nextInt(300)];
            random.nextBytes(junk);
            FtpCommandDecoder decoder = new FtpCommandDecoder(128);
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            for (FtpInput input : decoder.feed(junk)) {
                sink.writeBytes(input.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
