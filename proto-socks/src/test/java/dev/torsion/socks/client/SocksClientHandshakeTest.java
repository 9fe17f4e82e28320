package dev.torsion.socks.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The client handshake's bytes (RFC 1928, RFC 1929, SOCKS4a), over every split of the proxy's answers. */
class SocksClientHandshakeTest {
    private static byte[] b(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static final byte[] NAME_REQUEST = concat(b(5, 1, 0, 3, 11), "example.org".getBytes(), b(0, 80));
    private static final byte[] SUCCESS_V4 = b(5, 0, 0, 1, 10, 0, 0, 1, 0x1f, 0x90);

    @Test
    void socks5WithoutLoginSendsTheNameUnresolved() {
        SocksClientHandshake h = new SocksClientHandshake(SocksVersion.SOCKS5, "example.org", 80, null, null);
        assertArrayEquals(b(5, 1, 0), h.start());
        assertArrayEquals(NAME_REQUEST, h.feed(b(5, 0)).send());
        SocksClientHandshake.Step step = h.feed(concat(SUCCESS_V4, "HTTP".getBytes()));
        assertTrue(step.connected());
        assertArrayEquals("HTTP".getBytes(), step.leftover());
        assertEquals(SocksClientState.CONNECTED, h.state());
    }

    @Test
    void socks5WithUserAndPassword() {
        SocksClientHandshake h = new SocksClientHandshake(SocksVersion.SOCKS5, "10.1.2.3", 443, "alice", "s3cret");
        assertArrayEquals(b(5, 2, 0, 2), h.start());
        assertArrayEquals(concat(b(1, 5), "alice".getBytes(), b(6), "s3cret".getBytes()), h.feed(b(5, 2)).send());
        assertArrayEquals(b(5, 1, 0, 1, 10, 1, 2, 3, 1, 0xbb), h.feed(b(1, 0)).send(), "an IPv4 literal goes as ATYP 1");
        assertTrue(h.feed(SUCCESS_V4).connected());
    }

    @Test
    void ipv6LiteralAndDomainReply() {
        SocksClientHandshake h = new SocksClientHandshake(SocksVersion.SOCKS5, "::1", 22, null, null);
        h.start();
        byte[] request = h.feed(b(5, 0)).send();
        assertEquals(4, request[3]);
        assertEquals(22, request.length);
        byte[] reply = concat(b(5, 0, 0, 3, 3), "abc".getBytes(), b(0, 1));
        assertTrue(h.feed(reply).connected());
    }

    @Test
    void everySplitOfTheAnswers() {
        byte[] answers = concat(b(5, 2), b(1, 0), SUCCESS_V4, b(42));
        for (int split = 1; split < answers.length; split++) {
            SocksClientHandshake h = new SocksClientHandshake(SocksVersion.SOCKS5, "example.org", 80, "u", "p");
            h.start();
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            SocksClientHandshake.Step last = null;
            for (int at = 0; at < answers.length && h.state() != SocksClientState.CONNECTED; at += split) {
                last = h.feed(Arrays.copyOfRange(answers, at, Math.min(answers.length, at + split)));
                sent.writeBytes(last.send());
            }
            assertEquals(SocksClientState.CONNECTED, h.state(), "split " + split);
            assertArrayEquals(concat(b(1, 1), "u".getBytes(), b(1), "p".getBytes(), NAME_REQUEST), sent.toByteArray());
        }
    }

    @Test
    void socks4aAndSocks4() {
        SocksClientHandshake named = new SocksClientHandshake(SocksVersion.SOCKS4A, "example.org", 80, "bob", null);
        assertArrayEquals(concat(b(4, 1, 0, 80, 0, 0, 0, 1), "bob".getBytes(), b(0), "example.org".getBytes(), b(0)), named.start());
        assertFalse(named.feed(b(0, 90, 0, 0)).connected());
        SocksClientHandshake.Step step = named.feed(b(0, 0, 0, 0, 7));
        assertTrue(step.connected());
        assertArrayEquals(b(7), step.leftover());
        SocksClientHandshake literal = new SocksClientHandshake(SocksVersion.SOCKS4A, "127.0.0.1", 8080, null, null);
        assertArrayEquals(b(4, 1, 0x1f, 0x90, 127, 0, 0, 1, 0), literal.start());
        SocksClientHandshake notAnAddress = new SocksClientHandshake(SocksVersion.SOCKS4A, "999.0.0.1", 80, null, null);
        assertArrayEquals(concat(b(4, 1, 0, 80, 0, 0, 0, 1, 0), "999.0.0.1".getBytes(), b(0)), notAnAddress.start(),
                "never resolved locally");
    }

    @Test
    void refusals() {
        assertEquals(5, refusal(SocksVersion.SOCKS5, null, b(5, 0), b(5, 5, 0, 1, 0, 0, 0, 0, 0, 0)).reply());
        assertEquals(-1, refusal(SocksVersion.SOCKS5, null, b(5, 0xff)).reply());
        assertEquals(-1, refusal(SocksVersion.SOCKS5, null, b(5, 2)).reply(), "user/password chosen but not offered");
        assertEquals(-1, refusal(SocksVersion.SOCKS5, null, b(4, 0)).reply(), "not SOCKS5");
        assertEquals(-1, refusal(SocksVersion.SOCKS5, null, b(5, 0), b(5, 0, 0, 9, 0, 0)).reply(), "bad ATYP");
        assertEquals(1, refusal(SocksVersion.SOCKS5, "u", b(5, 2), b(1, 1)).reply(), "login refused");
        assertEquals(91, refusal(SocksVersion.SOCKS4A, null, b(0, 91, 0, 0, 0, 0, 0, 0)).reply());
        assertEquals("the proxy refused the connection: connection refused",
                refusal(SocksVersion.SOCKS5, null, b(5, 0), b(5, 5, 0, 1, 0, 0, 0, 0, 0, 0)).getMessage());
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> new SocksClientHandshake(SocksVersion.SOCKS5, "x".repeat(256), 80, null, null));
        assertThrows(IllegalArgumentException.class, () -> new SocksClientHandshake(SocksVersion.SOCKS5, "a\0b", 80, null, null));
        assertThrows(IllegalArgumentException.class, () -> new SocksClientHandshake(SocksVersion.SOCKS5, "a", 0, null, null));
        assertThrows(IllegalArgumentException.class, () -> new SocksClientHandshake(SocksVersion.SOCKS4A, "a", 80, "u", "p"));
        assertThrows(IllegalArgumentException.class, () -> new SocksClientHandshake(SocksVersion.SOCKS5, "a", 80, null, "p"));
    }

    private static SocksConnectError refusal(SocksVersion version, String user, byte[]... answers) {
        SocksClientHandshake h = new SocksClientHandshake(version, "example.org", 80, user, user == null ? null : "pw");
        h.start();
        for (byte[] answer : answers) {
            SocksClientHandshake.Step step = h.feed(answer);
            if (step.failure() != null) {
                assertEquals(SocksClientState.FAILED, h.state());
                return step.failure();
            }
        }
        throw new AssertionError("no refusal");
    }
}
