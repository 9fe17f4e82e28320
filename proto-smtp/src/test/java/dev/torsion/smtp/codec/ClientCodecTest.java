package dev.torsion.smtp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.smtp.SmtpReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientCodecTest {
    @Test
    void parsesMultiLineRepliesAcrossEverySplit() {
        String wire = "250-mx.example.org\r\n250-PIPELINING\r\n250 SIZE 100\r\n354 go\r\n";
        for (int split = 0; split <= wire.length(); split++) {
            ReplyParser parser = new ReplyParser();
            InputBuffer input = new InputBuffer();
            input.append(wire.substring(0, split).getBytes(StandardCharsets.US_ASCII));
            List<SmtpReply> seen = new ArrayList<>();
            for (SmtpReply r; (r = parser.next(input)) != null; ) {
                seen.add(r);
            }
            input.append(wire.substring(split).getBytes(StandardCharsets.US_ASCII));
            for (SmtpReply r; (r = parser.next(input)) != null; ) {
                seen.add(r);
            }
            assertEquals(List.of(new SmtpReply(250, null, List.of("mx.example.org", "PIPELINING", "SIZE 100")),
                    new SmtpReply(354, null, List.of("go"))), seen, "split " + split);
        }
    }

    @Test
    void refusesWhatIsNotAReply() {
        for (String bad : new String[] {"HTTP/1.1 200 OK\r\n", "250-a\r\n251 b\r\n", "25\r\n", "250x\r\n", "250 ok\n",
                "250 " + "x".repeat(600) + "\r\n", "250-x\r\n".repeat(101)}) {
            ReplyParser parser = new ReplyParser();
            InputBuffer input = new InputBuffer();
            input.append(bad.getBytes(StandardCharsets.US_ASCII));
            assertNull(parser.next(input), bad);
            assertTrue(parser.isFailed(), bad);
        }
    }
}
