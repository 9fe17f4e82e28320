package dev.torsion.ftp.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FtpReplyTest {
    private static String wire(FtpReply reply) {
        return new String(reply.encode(), StandardCharsets.UTF_8);
    }

    @Test
    void oneLine() {
        assertEquals("230 Login successful.\r\n", wire(FtpReply.of(230, "Login successful.")));
    }

    @Test
    void multiLinePerRfc959Section42() {
        assertEquals("211-Features:\r\n SIZE\r\n UTF8\r\n211 End\r\n", wire(new FtpReply(211, List.of("Features:", " SIZE", " UTF8", "End"))));
    }

    @Test
    void middleLinesStartingWithADigitAreIndented() {
        assertEquals("214-Help\r\n 226 not the end\r\n214 End\r\n", wire(new FtpReply(214, List.of("Help", "226 not the end", "End"))));
    }

    @Test
    void lineBreaksInTextCannotForgeAReply() {
        assertEquals("257 \"/a??226 x\" created\r\n", wire(FtpReply.of(257, FtpReply.quotePath("/a\r\n226 x") + " created")));
    }

    @Test
    void quotesInPathsAreDoubled() {
        assertEquals("\"/say \"\"hi\"\"\"", FtpReply.quotePath("/say \"hi\""));
    }

    @Test
    void codesOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FtpReply.of(99, "x"));
        assertThrows(IllegalArgumentException.class, () -> new FtpReply(200, List.of()));
    }
}
