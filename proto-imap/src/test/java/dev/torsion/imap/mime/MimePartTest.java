package dev.torsion.imap.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Section numbers of RFC 3501 §6.4.5's example shape: multipart with a message/rfc822 holding a multipart. */
class MimePartTest {
    private static final String NESTED = "Subject: outer\r\nContent-Type: multipart/mixed; boundary=\"o\"\r\n\r\n"
            + "--o\r\nContent-Type: text/plain\r\n\r\nfirst\r\n"
            + "--o\r\nContent-Type: message/rfc822\r\n\r\n"
            + "Subject: inner\r\nContent-Type: multipart/alternative; boundary=i\r\n\r\n"
            + "--i\r\nContent-Type: text/plain\r\n\r\ninner plain\r\n--i\r\nContent-Type: text/html\r\n\r\n<p>inner</p>\r\n--i--\r\n"
            + "\r\n--o\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\nAAAA\r\n--o--\r\n";

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Test
    void sectionNumbersFollowRfc3501() {
        MimePart message = MimePart.parse(NESTED.getBytes(StandardCharsets.US_ASCII));
        assertEquals("multipart", message.type());
        assertEquals(3, message.children().size());
        assertEquals("first", text(message.part(List.of(1)).body()));
        assertEquals("Content-Type: text/plain\r\n\r\n", text(message.part(List.of(1)).header()));
        MimePart rfc822 = message.part(List.of(2));
        assertEquals("message", rfc822.type());
        assertEquals("inner", rfc822.encapsulated().field("Subject"));
        assertEquals("inner plain", text(message.part(List.of(2, 1)).body()));
        assertEquals("<p>inner</p>", text(message.part(List.of(2, 2)).body()));
        assertEquals("AAAA", text(message.part(List.of(3)).body()));
        assertNull(message.part(List.of(4)));
        assertNull(message.part(List.of(2, 3)));
    }

    @Test
    void aSinglePartMessageIsItsOwnPartOne() {
        MimePart message = MimePart.parse("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("body\r\n", text(message.part(List.of(1)).body()));
        assertEquals("text", message.type());
        assertEquals("us-ascii", message.parameters().get("charset"));
        assertEquals(1, message.bodyLines());
    }

    @Test
    void malformedMimeStaysOneLeaf() {
        MimePart noClose = MimePart.parse("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\npart\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(1, noClose.children().size());
        MimePart noBoundary = MimePart.parse("Content-Type: multipart/mixed\r\n\r\njunk\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0, noBoundary.children().size());
        MimePart badType = MimePart.parse("Content-Type: garbage\r\n\r\nx".getBytes(StandardCharsets.US_ASCII));
        assertEquals("text", badType.type());
        assertEquals("plain", badType.subtype());
        StringBuilder bomb = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            bomb.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n--b").append(i).append("\r\n");
        }
        MimePart deep = MimePart.parse(bomb.toString().getBytes(StandardCharsets.US_ASCII));
        int depth = 0;
        for (MimePart p = deep; !p.children().isEmpty(); p = p.children().get(0)) {
            depth++;
        }
        assertEquals(MimePart.MAX_DEPTH, depth);
    }
}
