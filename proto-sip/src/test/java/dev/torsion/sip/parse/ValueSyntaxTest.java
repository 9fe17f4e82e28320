package dev.torsion.sip.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torsion.sip.SipLimits;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The hand-written checks that replaced regular expressions on the proxy's path (host, port,
 * CSeq, display name, status code) accept and refuse what the grammar says, and the top Via read
 * several times a message is one parse handed out as independent copies.
 */
class ValueSyntaxTest {
    @Test
    void hostsAndPortsFollowSection25() throws Exception {
        assertEquals(new HostPort("a", -1), HostPort.parse("a"));
        assertEquals(new HostPort("proxy.example.org.", 5060), HostPort.parse("proxy.example.org.:5060"));
        assertEquals(new HostPort("192.0.2.1", 65535), HostPort.parse("192.0.2.1:65535"));
        assertEquals(new HostPort("[2001:db8::1]", 5070), HostPort.parse("[2001:db8::1]:5070"));
        assertEquals(new HostPort("[::ffff:192.0.2.1]", -1), HostPort.parse("[::ffff:192.0.2.1]"));
        for (String bad : new String[] {"", "-a", "a-", ".a", "a_b", "a b", "[]", "[2001:db8::g]", "[::1", "[::1]5060",
            "a:", "a:65536", "a:123456", "a:+1", "é.example"}) {
            SipParseException e = assertThrows(SipParseException.class, () -> HostPort.parse(bad), bad);
            assertEquals(400, e.status(), bad);
        }
    }

    @Test
    void cseqIsANumberAndAMethodApartByWhitespace() throws Exception {
        assertEquals(new CSeq(1, "INVITE"), CSeq.parse("1 INVITE"));
        assertEquals(new CSeq(2147483647L, "BYE"), CSeq.parse(" 2147483647 \t BYE "));
        assertEquals(new CSeq(7, "OPTIONS"), CSeq.parse("7\tOPTIONS"));
        for (String bad : new String[] {"", "1", "INVITE", "1INVITE", "1 INVITE X", "x INVITE", "2147483648 INVITE",
            "12345678901 INVITE", "1 INV@TE", " 1 "}) {
            assertThrows(SipParseException.class, () -> CSeq.parse(bad), bad);
        }
    }

    @Test
    void displayNamesAreTokensOrOneQuotedString() throws Exception {
        assertEquals("Bob the  builder", NameAddress.parse("Bob the  builder <sip:bob@example.org>", "From").displayName());
        assertEquals("Bob\tB.", NameAddress.parse("Bob\tB. <sip:bob@example.org>", "From").displayName());
        assertEquals("\"Doe, John\"", NameAddress.parse("\"Doe, John\" <sip:j@example.org>", "To").displayName());
        assertNull(NameAddress.parse("<sip:bob@example.org>", "To").displayName());
        for (String bad : new String[] {"Bob, B <sip:b@example.org>", "B@b <sip:b@example.org>", "\"Bob <sip:b@example.org>"}) {
            SipParseException e = assertThrows(SipParseException.class, () -> NameAddress.parse(bad, "From"), bad);
            assertEquals("Malformed From", e.reason(), bad);
        }
    }

    @Test
    void statusCodesAreThreeDigitsFromOneToSix() throws Exception {
        for (String code : new String[] {"100", "199", "200", "699"}) {
            SipResponse response = (SipResponse) SipDatagramParser.parse(bytes(response(code)), SipLimits.DEFAULTS);
            assertEquals(Integer.parseInt(code), response.status());
        }
        for (String code : new String[] {"099", "700", "2x0", "20 ", "-20"}) {
            assertThrows(SipParseException.class, () -> SipDatagramParser.parse(bytes(response(code)), SipLimits.DEFAULTS), code);
        }
    }

    @Test
    void theTopViaIsParsedOnceAndHandedOutAsCopies() throws Exception {
        SipMessage message = SipDatagramParser.parse(bytes(response("200")), SipLimits.DEFAULTS);
        Via first = message.topVia();
        first.params().set("received", "192.0.2.9");
        Via second = message.topVia();
        assertNotSame(first, second);
        assertNull(second.received(), "a change to one copy does not reach the next reader");
        assertEquals("z9hG4bK776", second.branch());
        message.vias().get(0).params().set("branch", "z9hG4bKchanged");
        assertEquals("z9hG4bK776", message.topVia().branch(), "nor does a change to the list vias() gave");

        message.headers().removeFirst(HeaderNames.VIA);
        message.headers().addFirst(HeaderNames.VIA, "SIP/2.0/TCP other.example.org:5070;branch=z9hG4bKnew");
        Via replaced = message.topVia();
        assertEquals("TCP", replaced.transport());
        assertEquals(new HostPort("other.example.org", 5070), replaced.sentBy());
        assertEquals("z9hG4bKnew", replaced.branch(), "a replaced field is read again");
    }

    private static String response(String code) {
        return "SIP/2.0 " + code + " Whatever\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bK776\r\n"
                + "To: <sip:bob@example.org>;tag=2493k59kd\r\n"
                + "From: <sip:bob@example.org>;tag=456248\r\n"
                + "Call-ID: 843817637684230@998sdasdh09\r\n"
                + "CSeq: 1826 REGISTER\r\n"
                + "Content-Length: 0\r\n"
                + "\r\n";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
