package dev.torsion.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.SocketType;
import dev.torsion.sip.SipLimits;
import dev.torsion.sip.support.RecordingUdp;
import dev.torsion.testing.StringTransport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed and hostile messages through the real transport layer: each gets exactly its status
 * line (sent back by its Via, RFC 3261 section 18.2.2) or is dropped silently where RFC 3261 says
 * so, and never reaches the transaction layer. Over UDP each is one datagram; over TCP each is fed
 * whole and byte by byte, and the connection closes after it.
 */
class SipHostileCorpusTest {
    private static final String VIA = "Via: SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bKhostile;rport\r\n";
    private static final String TAIL = "Max-Forwards: 70\r\n"
            + "From: <sip:alice@example.org>;tag=a1\r\n"
            + "To: <sip:bob@example.org>\r\n"
            + "Call-ID: hostile-1@192.0.2.10\r\n"
            + "CSeq: 1 OPTIONS\r\n";

    private static String options(String extra) {
        return "OPTIONS sip:bob@example.org SIP/2.0\r\n" + VIA + TAIL + extra + "Content-Length: 0\r\n\r\n";
    }

    private static String without(String header) {
        return options("").replaceAll("(?m)^" + header + ":[^\r]*\r\n", "");
    }

    static Stream<Arguments> corpus() {
        StringBuilder viaList = new StringBuilder("Via: SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bKhostile;rport");
        StringBuilder viaLines = new StringBuilder(VIA);
        for (int i = 0; i < 70; i++) {
            viaList.append(", SIP/2.0/UDP 10.0.").append(i).append(".1;branch=z9hG4bK").append(i);
            viaLines.append("Via: SIP/2.0/UDP 10.0.").append(i).append(".1;branch=z9hG4bK").append(i).append("\r\n");
        }
        String hugeViaList = "OPTIONS sip:bob@example.org SIP/2.0\r\n" + viaList + "\r\n" + TAIL + "Content-Length: 0\r\n\r\n";
        String hugeViaLines = "OPTIONS sip:bob@example.org SIP/2.0\r\n" + viaLines + TAIL + "Content-Length: 0\r\n\r\n";
        String folds = "Subject: a\r\n" + " b\r\n".repeat(9);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 130; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        String response = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKours\r\n"
                + "From: <sip:alice@example.org>;tag=a1\r\nTo: <sip:bob@example.org>;tag=b\r\n"
                + "Call-ID: r@x\r\nCSeq: 1 OPTIONS\r\n";
        return Stream.of(
                Arguments.of("folding before the first header", "400 Folding Before First Header",
                        "OPTIONS sip:bob@example.org SIP/2.0\r\n continued\r\n" + VIA + TAIL + "Content-Length: 0\r\n\r\n"),
                Arguments.of("folding abuse", "400 Header Folding Abuse", options(folds)),
                Arguments.of("huge Via list on one line", "400 Too Many Via Values", hugeViaList),
                Arguments.of("huge Via list on many lines", "400 Too Many Via Values", hugeViaLines),
                Arguments.of("too many headers", "513 Message Too Large", options(many.toString())),
                Arguments.of("header section too large", "513 Message Too Large", options("X-Big: " + "b".repeat(17_000) + "\r\n")),
                Arguments.of("missing Call-ID", "400 Missing Call-ID", without("Call-ID")),
                Arguments.of("missing From", "400 Missing From", without("From")),
                Arguments.of("missing To", "400 Missing To", without("To")),
                Arguments.of("missing CSeq", "400 Missing CSeq", without("CSeq")),
                Arguments.of("missing Via: nowhere to answer", null, without("Via")),
                Arguments.of("two Call-IDs", "400 Duplicate Call-ID", options("i: other@x\r\n")),
                Arguments.of("two Content-Lengths", "400 Duplicate Content-Length", options("l: 0\r\n")),
                Arguments.of("CSeq method mismatch", "400 CSeq Method Mismatch", options("").replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE")),
                Arguments.of("CSeq not a number", "400 Malformed CSeq", options("").replace("CSeq: 1 OPTIONS", "CSeq: x OPTIONS")),
                Arguments.of("CSeq beyond 2**31", "400 Malformed CSeq", options("").replace("CSeq: 1 OPTIONS", "CSeq: 2147483648 OPTIONS")),
                Arguments.of("Max-Forwards not a number", "400 Malformed Max-Forwards", options("").replace("Max-Forwards: 70", "Max-Forwards: many")),
                Arguments.of("Content-Length with letters", "400 Malformed Content-Length", options("").replace("Content-Length: 0", "Content-Length: 0x0")),
                Arguments.of("Content-Length negative", "400 Malformed Content-Length", options("").replace("Content-Length: 0", "Content-Length: -1")),
                Arguments.of("Content-Length over the body limit", "513 Message Too Large", options("").replace("Content-Length: 0", "Content-Length: 9999999")),
                Arguments.of("malformed From", "400 Malformed From", options("").replace("From: <sip:alice@example.org>;tag=a1", "From: <sip:alice@example.org")),
                Arguments.of("malformed Contact", "400 Malformed Contact", options("Contact: <sip:a@b;x=\"\r\n")),
                Arguments.of("NUL in a header", "400 Control Character In Header", options("Subject: a\0b\r\n")),
                Arguments.of("space inside a header name", "400 Malformed Header Name", options("Call ID: x\r\n")),
                Arguments.of("header without a colon", "400 Malformed Header Line", options("NoColon\r\n")),
                Arguments.of("request line with two spaces", "400 Malformed Request Line", options("").replace("OPTIONS sip:bob@example.org", "OPTIONS  sip:bob@example.org")),
                Arguments.of("SIP/3.0", "505 Version Not Supported", options("").replace("SIP/2.0\r\n", "SIP/3.0\r\n")),
                Arguments.of("lowercase junk version", "400 Malformed SIP Version", options("").replace("SIP/2.0\r\n", "SIPP/2.0\r\n")),
                Arguments.of("http Request-URI", "416 Unsupported URI Scheme", options("").replace("OPTIONS sip:bob@example.org", "OPTIONS http://example.org/")),
                Arguments.of("Request-URI too long", "414 Request-URI Too Long", options("").replace("sip:bob@example.org SIP", "sip:" + "b".repeat(8200) + "@example.org SIP")),
                Arguments.of("malformed top Via: nowhere to answer", null, options("").replace("SIP/2.0/UDP 192.0.2.10:5070", "SIP/2.0/UDP 192.0.2.10:99999")),
                Arguments.of("bare LF: framing untrusted, dropped", null, options("").replace("To: <sip:bob@example.org>\r\n", "To: <sip:bob@example.org>\n")),
                Arguments.of("malformed ACK is never answered", null, options("").replace("OPTIONS", "ACK").replace("Call-ID", "X-Call-ID")),
                Arguments.of("response without Call-ID: dropped (18.1.2)", null, response.replace("Call-ID: r@x\r\n", "") + "Content-Length: 0\r\n\r\n"),
                Arguments.of("response for another sent-by: dropped (18.1.2)", null, response.replace("127.0.0.1:5060", "203.0.113.9:5060") + "Content-Length: 0\r\n\r\n"),
                Arguments.of("response with a bad status: dropped", null, response.replace("200 OK", "2000 OK") + "Content-Length: 0\r\n\r\n"));
    }

    private static final class Harness {
        final List<Inbound> delivered = new ArrayList<>();
        final SipTransport layer = new SipTransport(null, SipLimits.DEFAULTS, "127.0.0.1");
        final RecordingUdp udp = new RecordingUdp("127.0.0.1", 5060);

        Harness() {
            layer.setHandler(delivered::add);
            layer.datagramProtocol().makeConnection(udp);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void overUdp(String name, String expected, String input) {
        Harness h = new Harness();
        h.layer.datagramProtocol().datagramReceived(input.getBytes(StandardCharsets.UTF_8),
                new IPv4Address(SocketType.UDP, "198.51.100.7", 40000));
        assertEquals(List.of(), h.delivered);
        List<RecordingUdp.Sent> sent = h.udp.take();
        if (expected == null) {
            assertEquals(List.of(), sent);
            return;
        }
        assertEquals(1, sent.size(), name);
        String reply = sent.get(0).text();
        assertTrue(reply.startsWith("SIP/2.0 " + expected + "\r\n"), reply);
        // RFC 3581: back to the source address and port, stamped into the Via.
        assertEquals("198.51.100.7", sent.get(0).host());
        assertEquals(40000, sent.get(0).port());
        assertTrue(reply.contains("Via: SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bKhostile;rport=40000;received=198.51.100.7\r\n"), reply);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void overTcpWhole(String name, String expected, String input) {
        overTcp(name, expected, input, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void overTcpByteByByte(String name, String expected, String input) {
        overTcp(name, expected, input, true);
    }

    private static void overTcp(String name, String expected, String input, boolean byteByByte) {
        Harness h = new Harness();
        Protocol protocol = h.layer.streamFactory(TransportKind.TCP).buildProtocol(null);
        StringTransport transport = new StringTransport(new IPv4Address(SocketType.TCP, "127.0.0.1", 5060),
                new IPv4Address(SocketType.TCP, "198.51.100.7", 40001));
        protocol.makeConnection(transport);
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        if (byteByByte) {
            for (byte b : bytes) {
                protocol.dataReceived(new byte[] {b});
            }
        } else {
            protocol.dataReceived(bytes);
        }
        assertEquals(List.of(), h.delivered);
        String reply = transport.valueAsString();
        if (expected == null) {
            assertEquals("", reply);
        } else {
            assertTrue(reply.startsWith("SIP/2.0 " + expected + "\r\n"), reply);
            assertTrue(reply.endsWith("Content-Length: 0\r\n\r\n"), reply);
        }
        // A well-formed response for someone else is only ignored; anything malformed loses the framing.
        assertEquals(!name.contains("another sent-by"), transport.isDisconnecting(), "connection closed");
        assertEquals(List.of(), h.udp.take());
    }

    @Test
    void aContentLengthShorterThanTheBodyLosesTheStreamButNotTheDatagram() {
        String lying = options("").replace("Content-Length: 0\r\n\r\n", "Content-Length: 2\r\n\r\nhello\r\n\r\n");
        Harness udp = new Harness();
        udp.layer.datagramProtocol().datagramReceived(lying.getBytes(StandardCharsets.UTF_8),
                new IPv4Address(SocketType.UDP, "198.51.100.7", 40000));
        assertEquals(1, udp.delivered.size(), "section 18.3: over UDP the bytes beyond Content-Length are discarded");
        assertEquals("he", new String(udp.delivered.get(0).message().body(), StandardCharsets.UTF_8));

        Harness tcp = new Harness();
        Protocol protocol = tcp.layer.streamFactory(TransportKind.TCP).buildProtocol(null);
        StringTransport transport = new StringTransport(new IPv4Address(SocketType.TCP, "127.0.0.1", 5060),
                new IPv4Address(SocketType.TCP, "198.51.100.7", 40001));
        protocol.makeConnection(transport);
        protocol.dataReceived(lying.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, tcp.delivered.size(), "the message as its Content-Length frames it");
        assertEquals("", transport.valueAsString(), "the rest is no message and has no Via to answer");
        assertTrue(transport.isDisconnecting(), "over a stream the framing is lost: the connection closes");
    }
}
