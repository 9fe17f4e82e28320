package dev.torsion.ftp.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FtpReplyDecoderTest {
    private static List<FtpReply> decode(String input) {
        byte[] all = input.getBytes(StandardCharsets.UTF_8);
        List<FtpReply> expected = new FtpReplyDecoder(256, 10).feed(all);
        FtpReplyDecoder bytewise = new FtpReplyDecoder(256, 10);
        List<FtpReply> out = new ArrayList<>();
        for (byte b : all) {
            out.addAll(bytewise.feed(new byte[] {b}));
        }
        assertEquals(expected, out, "byte by byte");
        for (int cut = 0; cut <= all.length; cut++) {
            FtpReplyDecoder split = new FtpReplyDecoder(256, 10);
            List<FtpReply> parts = new ArrayList<>(split.feed(Arrays.copyOfRange(all, 0, cut)));
            parts.addAll(split.feed(Arrays.copyOfRange(all, cut, all.length)));
            assertEquals(expected, parts, "split at " + cut);
        }
        return expected;
    }

    @Test
    void singleAndMultiLineReplies() {
        assertEquals(List.of(FtpReply.of(220, "ready"), new FtpReply(211, List.of("Features:", " SIZE", "230 not the end", "End")),
                FtpReply.of(150, "FILE: x")),
                decode("220 ready\r\n211-Features:\r\n SIZE\r\n230 not the end\r\n211 End\r\n150 FILE: x\n"));
    }

    @Test
    void writerAndReaderAgree() {
        FtpReply reply = new FtpReply(214, List.of("Help", "226 inside", "End"));
        assertEquals(List.of(new FtpReply(214, List.of("Help", " 226 inside", "End"))),
                new FtpReplyDecoder(256, 10).feed(reply.encode()));
    }

    @Test
    void malformedInputFailsTheDecoder() {
        FtpReplyDecoder decoder = new FtpReplyDecoder(256, 10);
        assertTrue(decoder.feed("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII)).isEmpty());
        assertEquals(FtpReplyDecoder.State.FAILED, decoder.state());
        FtpReplyDecoder longLine = new FtpReplyDecoder(16, 10);
        longLine.feed("220 ".concat("x".repeat(40)).getBytes(StandardCharsets.US_ASCII));
        assertEquals(FtpReplyDecoder.State.FAILED, longLine.state());
        FtpReplyDecoder endless = new FtpReplyDecoder(256, 3);
        endless.feed("211-a\r\nb\r\nc\r\nd\r\ne\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("reply has too many lines", endless.failure());
    }
}
