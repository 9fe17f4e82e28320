package dev.torsion.imap.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ParsedMessagesTest {
    private static byte[] message(String subject) {
        return ("Subject: " + subject + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void theSameArrayIsParsedOnceAnEqualOneAgain() {
        ParsedMessages cache = new ParsedMessages(10, 1 << 20);
        byte[] one = message("one");
        MimePart parsed = cache.get(one);
        assertSame(parsed, cache.get(one));
        assertEquals("one", cache.get(one).field("Subject"));
        assertNotSame(parsed, cache.get(message("one")));
    }

    @Test
    void boundedInEntriesAndOctetsDroppingTheLeastRecentlyUsed() {
        ParsedMessages cache = new ParsedMessages(2, 1 << 20);
        byte[] a = message("a");
        byte[] b = message("b");
        MimePart first = cache.get(a);
        cache.get(b);
        cache.get(a);
        cache.get(message("c"));
        assertEquals(2, cache.size());
        assertSame(first, cache.get(a), "a was used last, b went");
        ParsedMessages small = new ParsedMessages(100, 16 * 40);
        for (int i = 0; i < 50; i++) {
            small.get(message("m" + i));
        }
        // The last ones are 22 octets each: 640 octets hold 29 of them.
        assertEquals(29, small.size());
        byte[] big = ("Subject: " + "x".repeat(40) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        assertNotSame(small.get(big), small.get(big), "over a sixteenth of the bound: never kept");
    }
}
