package dev.torsion.ssh.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The identification line (RFC 4253 section 4.2), whole and byte by byte, and its limits. */
class VersionExchangeTest {
    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void wholeAndByteByByte() throws Exception {
        byte[] input = ascii("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n\u0000\u0000\u0000\u000c");
        VersionExchange whole = new VersionExchange(255, 0);
        assertTrue(whole.feed(input));
        assertEquals("SSH-2.0-OpenSSH_9.2p1 Debian-2", whole.version());
        assertArrayEquals(new byte[] {0, 0, 0, 12}, whole.rest());
        VersionExchange bytes = new VersionExchange(255, 0);
        int i = 0;
        while (!bytes.feed(new byte[] {input[i++]})) {
            assertEquals(VersionExchange.State.READING, bytes.state());
        }
        assertEquals("SSH-2.0-OpenSSH_9.2p1 Debian-2", bytes.version());
    }

    @Test
    void serverMaySendLinesFirstAndBareLf() throws Exception {
        VersionExchange reader = new VersionExchange(255, 2);
        assertTrue(reader.feed(ascii("hello\r\nworld\nSSH-1.99-old\n")));
        assertEquals("SSH-1.99-old", reader.version());
        VersionExchange strict = new VersionExchange(255, 2);
        assertThrows(SshProtocolException.class, () -> strict.feed(ascii("a\nb\nc\nSSH-2.0-x\r\n")));
    }

    @Test
    void refusals() {
        assertThrows(SshProtocolException.class, () -> new VersionExchange(255, 0).feed(ascii("GET / HTTP/1.1\r\n")));
        SshProtocolException v1 = assertThrows(SshProtocolException.class,
                () -> new VersionExchange(255, 0).feed(ascii("SSH-1.5-old\r\n")));
        assertEquals(DisconnectReason.PROTOCOL_VERSION_NOT_SUPPORTED, v1.reasonCode());
        VersionExchange endless = new VersionExchange(255, 0);
        assertThrows(SshProtocolException.class, () -> endless.feed(ascii("SSH-2.0-" + "x".repeat(300))));
        assertEquals(VersionExchange.State.FAILED, endless.state());
        assertThrows(SshProtocolException.class, () -> new VersionExchange(255, 0).feed(ascii("SSH-2.0-a\u0001b\r\n")));
    }

    @Test
    void incompleteLineWaits() throws Exception {
        VersionExchange reader = new VersionExchange(255, 0);
        assertFalse(reader.feed(ascii("SSH-2.0-x")));
        assertEquals(VersionExchange.State.READING, reader.state());
    }
}
