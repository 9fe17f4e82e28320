package dev.torsion.sip.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.sip.SipLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser on well-formed messages: whole, byte by byte and over every split. */
class SipParserTest {
    static final String REGISTER = "REGISTER sip:example.org SIP/2.0\r\n"
            + "v: SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bK776asdhds;rport\r\n"
            + "Via: SIP/2.0/TCP proxy.example.org;branch=z9hG4bKnashds8;received=192.0.2.1,"
            + " SIP/2.0/UDP [2001:db8::1]:5070;branch=z9hG4bK1\r\n"
            + "Max-Forwards : 70\r\n"
            + "t: Bob <sip:bob@example.org>\r\n"
            + "f: \"Bob, the builder\" <sip:bob@example.org>;tag=456248\r\n"
            + "i: 843817637684230@998sdasdh09\r\n"
            + "CSeq: 1826 REGISTER\r\n"
            + "m: \"Doe, John\" <sip:bob@192.0.2.4;transport=tcp>;q=0.7;expires=3600,\r\n"
            + "  <sip:bob@192.0.2.5>;q=0.1\r\n"
            + "Subject: a folded\r\n\tsubject line\r\n"
            + "l: 4\r\n"
            + "\r\n"
            + "v=0\n";

    static final String INVITE_WITH_SDP = "INVITE sip:bob@example.org SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP client.example.org:5060;branch=z9hG4bK74bf9\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:alice@example.org>;tag=9fxced76sl\r\n"
            + "To: <sip:bob@example.org>\r\n"
            + "Call-ID: 3848276298220188511@client.example.org\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Route: <sip:p1.example.org;lr>,<sip:p2.example.org;lr>\r\n"
            + "Contact: <sip:alice@client.example.org;transport=tcp>\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: 31\r\n"
            + "\r\n"
            + "v=0\r\no=- 0 0 IN IP4 1.2.3.4\r\n\r\n";

    static final String RESPONSE = "SIP/2.0 200 OK\r\n"
            + "Via: SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bK776asdhds;rport=5062;received=10.0.0.9\r\n"
            + "To: <sip:bob@example.org>;tag=2493k59kd\r\n"
            + "From: <sip:bob@example.org>;tag=456248\r\n"
            + "Call-ID: 843817637684230@998sdasdh09\r\n"
            + "CSeq: 1826 REGISTER\r\n"
            + "Contact: <sip:bob@192.0.2.4>;expires=7200\r\n"
            + "Content-Length: 0\r\n"
            + "\r\n";

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<SipMessage> feed(SipStreamParser parser, byte[]... pieces) throws SipParseException {
        List<SipMessage> out = new ArrayList<>();
        for (byte[] piece : pieces) {
            parser.feed(piece);
            for (SipMessage m = parser.next(); m != null; m = parser.next()) {
                out.add(m);
            }
        }
        return out;
    }

    static void checkRegister(SipMessage message) throws SipParseException {
        SipRequest request = assertInstanceOf(SipRequest.class, message);
        assertEquals("REGISTER", request.method());
        assertEquals("sip:example.org", request.uri());
        List<Via> vias = request.vias();
        assertEquals(3, vias.size());
        assertEquals("UDP", vias.get(0).transport());
        assertEquals("10.0.0.1", vias.get(0).sentBy().host());
        assertEquals(5062, vias.get(0).sentBy().port());
        assertEquals("z9hG4bK776asdhds", vias.get(0).branch());
        assertTrue(vias.get(0).hasRport());
        assertEquals(-1, vias.get(0).rport());
        assertEquals("192.0.2.1", vias.get(1).received());
        assertEquals(-1, vias.get(1).sentBy().port());
        assertEquals("[2001:db8::1]", vias.get(2).sentBy().host());
        assertEquals("70", request.headers().first("max-forwards"));
        assertEquals("456248", request.from().tag());
        assertEquals("\"Bob, the builder\"", request.from().displayName());
        assertEquals("843817637684230@998sdasdh09", request.callId());
        assertEquals(new CSeq(1826, "REGISTER"), request.cseq());
        List<NameAddress> contacts = request.contacts();
        assertEquals(2, contacts.size());
        assertEquals(0.7, contacts.get(0).q());
        assertEquals(3600, contacts.get(0).expires());
        assertEquals("tcp", contacts.get(0).sipUri().params().get("transport"));
        assertEquals(0.1, contacts.get(1).q());
        assertEquals("a folded subject line", request.headers().first("Subject"));
        assertArrayEquals(bytes("v=0\n"), request.body());
    }

    @Test
    void parsesWholeMessageWithCompactFormsListsAndFolding() throws Exception {
        List<SipMessage> messages = feed(new SipStreamParser(SipLimits.DEFAULTS), bytes(REGISTER));
        assertEquals(1, messages.size());
        checkRegister(messages.get(0));
    }

    @Test
    void parsesByteByByte() throws Exception {
        SipStreamParser parser = new SipStreamParser(SipLimits.DEFAULTS);
        byte[] all = bytes(REGISTER + INVITE_WITH_SDP + RESPONSE);
        List<byte[]> pieces = new ArrayList<>();
        for (byte b : all) {
            pieces.add(new byte[] {b});
        }
        List<SipMessage> messages = feed(parser, pieces.toArray(new byte[0][]));
        assertEquals(3, messages.size());
        checkRegister(messages.get(0));
        assertEquals(31, messages.get(1).body().length);
        assertEquals(200, ((SipResponse) messages.get(2)).status());
        assertEquals(ParseState.IDLE, parser.state());
        assertEquals(0, parser.buffered());
    }

    @Test
    void parsesOverEverySplit() throws Exception {
        byte[] all = bytes("\r\n\r\n" + REGISTER + INVITE_WITH_SDP);
        for (int i = 0; i <= all.length; i++) {
            SipStreamParser parser = new SipStreamParser(SipLimits.DEFAULTS);
            List<SipMessage> messages = feed(parser, Arrays.copyOfRange(all, 0, i), Arrays.copyOfRange(all, i, all.length));
            assertEquals(2, messages.size(), "split at " + i);
            checkRegister(messages.get(0));
            SipRequest invite = (SipRequest) messages.get(1);
            assertEquals(2, invite.nameAddresses(HeaderNames.ROUTE, "Route").size());
            assertArrayEquals(bytes("v=0\r\no=- 0 0 IN IP4 1.2.3.4\r\n\r\n"), invite.body());
        }
    }

    @Test
    void writerRoundTripsAndFixesContentLength() throws Exception {
        SipMessage parsed = feed(new SipStreamParser(SipLimits.DEFAULTS), bytes(INVITE_WITH_SDP)).get(0);
        parsed.headers().set(HeaderNames.CONTENT_LENGTH, "999");
        byte[] written = SipWriter.encode(parsed);
        String text = new String(written, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("INVITE sip:bob@example.org SIP/2.0\r\nVia: SIP/2.0/TCP client.example.org:5060;branch=z9hG4bK74bf9\r\n"));
        assertTrue(text.contains("Route: <sip:p1.example.org;lr>\r\nRoute: <sip:p2.example.org;lr>\r\n"));
        assertTrue(text.contains("Content-Length: 31\r\n\r\nv=0"));
        SipMessage again = feed(new SipStreamParser(SipLimits.DEFAULTS), written).get(0);
        assertArrayEquals(parsed.body(), again.body());
        assertEquals(parsed.headers().size(), again.headers().size());
    }

    @Test
    void writesCompactFormsUnderFullNames() throws Exception {
        SipMessage parsed = feed(new SipStreamParser(SipLimits.DEFAULTS), bytes(REGISTER)).get(0);
        String text = new String(SipWriter.encode(parsed), StandardCharsets.UTF_8);
        assertTrue(text.contains("\r\nCall-ID: 843817637684230@998sdasdh09\r\n"));
        assertTrue(text.contains("\r\nContact: \"Doe, John\" <sip:bob@192.0.2.4;transport=tcp>;q=0.7;expires=3600\r\n"));
        assertFalse(text.contains("\r\ni:"));
    }

    @Test
    void datagramBodyRunsToTheEndWithoutContentLength() throws Exception {
        String noLength = INVITE_WITH_SDP.replace("Content-Length: 31\r\n", "");
        SipMessage message = SipDatagramParser.parse(bytes(noLength), SipLimits.DEFAULTS);
        assertEquals(31, message.body().length);
    }

    @Test
    void datagramBytesBeyondContentLengthAreDiscarded() throws Exception {
        SipMessage message = SipDatagramParser.parse(bytes(INVITE_WITH_SDP + "garbage"), SipLimits.DEFAULTS);
        assertEquals(31, message.body().length);
    }

    @Test
    void datagramContentLengthBeyondTheDatagramIsA400() {
        String lying = INVITE_WITH_SDP.replace("Content-Length: 31", "Content-Length: 500");
        SipParseException e = assertThrows(SipParseException.class,
                () -> SipDatagramParser.parse(bytes(lying), SipLimits.DEFAULTS));
        assertEquals(400, e.status());
        assertEquals("Content-Length Exceeds Datagram", e.reason());
        assertInstanceOf(SipRequest.class, e.partial());
    }

    @Test
    void datagramOfCrlfsIsAKeepAlive() throws Exception {
        assertNull(SipDatagramParser.parse(bytes("\r\n\r\n"), SipLimits.DEFAULTS));
    }

    @Test
    void streamWithoutContentLengthFails() {
        SipStreamParser parser = new SipStreamParser(SipLimits.DEFAULTS);
        parser.feed(bytes(RESPONSE.replace("Content-Length: 0\r\n", "")));
        SipParseException e = assertThrows(SipParseException.class, parser::next);
        assertEquals("Missing Content-Length", e.reason());
        assertEquals(ParseState.FAILED, parser.state());
    }

    @Test
    void uriAndNameAddressForms() throws Exception {
        SipUri uri = SipUri.parse("sips:alice:secret@[2001:db8::2]:5061;transport=tls;lr?subject=x");
        assertEquals("sips", uri.scheme());
        assertEquals("alice", uri.userName());
        assertEquals("[2001:db8::2]", uri.host());
        assertEquals(5061, uri.port());
        assertTrue(uri.params().has("lr"));
        assertEquals("subject=x", uri.headers());
        assertEquals("sips:alice@[2001:db8::2]", uri.addressOfRecord());
        NameAddress bare = NameAddress.parse("sip:carol@chicago.com;tag=887s", "To");
        assertEquals("sip:carol@chicago.com", bare.uri());
        assertEquals("887s", bare.tag());
        assertTrue(NameAddress.parse("*", "Contact").isWildcard());
        assertEquals(416, assertThrows(SipParseException.class, () -> SipUri.parse("http://x")).status());
    }

    @Test
    void anUnfinishedHeadCannotOutgrowTheLimits() {
        SipStreamParser parser = new SipStreamParser(SipLimits.DEFAULTS);
        byte[] line = bytes("X-Filler: " + "f".repeat(1000) + "\r\n");
        SipParseException thrown = null;
        parser.feed(bytes("OPTIONS sip:a@b SIP/2.0\r\n"));
        for (int i = 0; i < 40 && thrown == null; i++) {
            parser.feed(line);
            try {
                assertNull(parser.next());
            } catch (SipParseException e) {
                thrown = e;
            }
        }
        assertEquals(513, thrown.status());
        assertNull(thrown.partial(), "nothing to address a reply with: the connection closes");
        assertEquals(ParseState.FAILED, parser.state());
        assertEquals(0, parser.buffered(), "the buffer is released");
    }

    @Test
    void crlfKeepAlivesBetweenMessagesAreSkipped() throws Exception {
        List<SipMessage> messages = feed(new SipStreamParser(SipLimits.DEFAULTS), bytes("\r\n\r\n" + RESPONSE + "\r\n\r\n" + RESPONSE));
        assertEquals(2, messages.size());
    }
}
