package dev.torsion.dns.server;

import static dev.torsion.testing.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.codec.Message;
import dev.torsion.dns.codec.MessageCodec;
import dev.torsion.dns.codec.Rcode;
import dev.torsion.dns.codec.TcpFrameDecoder;
import dev.torsion.dns.support.TestZone;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.SocketType;
import dev.torsion.testing.StringTransport;
import dev.torsion.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile messages and the exact outcome each earns: a FORMERR (or other RCODE) reply with the
 * query's ID, a silent drop, or (over TCP) a close. Replayed over UDP, and over TCP whole and
 * byte by byte.
 */
class HostileQueryCorpusTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final IPv4Address PEER = new IPv4Address(SocketType.TCP, "127.0.0.1", 40000);
    private static DnsServer server;

    /** What a message earns. */
    enum Expect { REPLY, DROP, CLOSE }

    record Case(String name, String hex, Expect expect, int rcode) {
        byte[] bytes() {
            return HEX.parseHex(hex);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void serve() throws Exception {
        server = new DnsServer(List.of(new ZoneAuthority(TestZone.load(), DnsLimits.DEFAULTS)), null, DnsLimits.DEFAULTS,
                peer -> true);
    }

    static Stream<Case> corpus() {
        String www = "03777777076578616d706c65036f726700";
        return Stream.of(
                new Case("a sane query, for contrast", "beef01000001000000000000" + www + "00010001", Expect.REPLY, Rcode.NOERROR),
                new Case("shorter than a header", "beef0100000100", Expect.DROP, 0),
                new Case("a pointer to itself", "beef01000001000000000000c00c00010001", Expect.REPLY, Rcode.FORMERR),
                new Case("a two-pointer loop", "beef01000001000000000000" + "c00ec00c" + "00010001", Expect.REPLY, Rcode.FORMERR),
                new Case("a forward pointer", "beef01000001000000000000c01000010001000000", Expect.REPLY, Rcode.FORMERR),
                new Case("a label of 64", "beef01000001000000000000" + "40" + "61".repeat(64) + "0000010001", Expect.REPLY, Rcode.FORMERR),
                new Case("a name of 256", "beef01000001000000000000" + ("3f" + "61".repeat(63)).repeat(4) + "0000010001",
                        Expect.REPLY, Rcode.FORMERR),
                new Case("the reserved label type 01", "beef01000001000000000000" + "41" + "0000010001", Expect.REPLY, Rcode.FORMERR),
                new Case("65535 questions claimed", "beef0100ffff000000000000" + www + "00010001", Expect.REPLY, Rcode.FORMERR),
                new Case("65535 additional records claimed", "beef0100000100000000ffff" + www + "00010001", Expect.REPLY, Rcode.FORMERR),
                new Case("two questions", "beef01000002000000000000" + www + "00010001" + www + "00010001", Expect.REPLY, Rcode.FORMERR),
                new Case("a truncated question", "beef01000001000000000000" + www + "0001", Expect.REPLY, Rcode.FORMERR),
                new Case("a truncated record", "beef01000001000000000001" + www + "00010001" + "0000290200000000000004000a", Expect.REPLY,
                        Rcode.FORMERR),
                new Case("trailing garbage", "beef01000001000000000000" + www + "00010001" + "ff", Expect.REPLY, Rcode.FORMERR),
                new Case("two OPT records", "beef01000001000000000002" + www + "00010001" + "0000290200000000000000".repeat(2),
                        Expect.REPLY, Rcode.FORMERR),
                new Case("EDNS version 1", "beef01000001000000000001" + www + "00010001" + "0000291000000100000000", Expect.REPLY,
                        Rcode.BADVERS),
                new Case("a response sent to the server", "beef81800001000000000000" + www + "00010001", Expect.DROP, 0),
                new Case("a malformed response", "beef81800001000000000000c00c00010001", Expect.DROP, 0),
                new Case("an UPDATE (opcode 5)", "beef28000001000000000000" + www + "00010001", Expect.REPLY, Rcode.NOTIMP),
                new Case("class CH", "beef01000001000000000000" + www + "00010003", Expect.REPLY, Rcode.REFUSED),
                new Case("a name outside the zones", "beef010000010000000000000378797a0000010001", Expect.REPLY, Rcode.REFUSED),
                new Case("no question", "beef01000000000000000000", Expect.REPLY, Rcode.FORMERR));
    }

    @ParameterizedTest(name = "UDP: {0}")
    @MethodSource("corpus")
    void overUdp(Case c) {
        Outcome outcome = successResultOf(server.handle(c.bytes(), DnsServer.Transport.UDP, PEER));
        assertFalse(outcome.close() && c.expect() != Expect.CLOSE);
        if (c.expect() == Expect.REPLY) {
            assertEquals(1, outcome.replies().size());
            checkReply(c, outcome.replies().get(0));
        } else {
            assertTrue(outcome.replies().isEmpty(), "dropped");
        }
    }

    @ParameterizedTest(name = "TCP whole: {0}")
    @MethodSource("corpus")
    void overTcpWhole(Case c) {
        replayTcp(c, false);
    }

    @ParameterizedTest(name = "TCP byte by byte: {0}")
    @MethodSource("corpus")
    void overTcpByteByByte(Case c) {
        replayTcp(c, true);
    }

    private void replayTcp(Case c, boolean byteByByte) {
        TestClock clock = new TestClock();
        DnsTcpProtocol protocol = new DnsTcpProtocol(server, clock);
        StringTransport transport = new StringTransport();
        protocol.makeConnection(transport);
        byte[] framed = TcpFrameDecoder.frame(c.bytes());
        if (byteByByte) {
            for (byte b : framed) {
                protocol.dataReceived(new byte[] {b});
            }
        } else {
            protocol.dataReceived(framed);
        }
        List<byte[]> replies = new TcpFrameDecoder().feed(transport.value());
        // Under TCP a message with no readable header leaves the stream suspect: it is closed.
        Expect expect = c.expect() == Expect.DROP && c.bytes().length < 12 ? Expect.CLOSE : c.expect();
        switch (expect) {
            case REPLY -> {
                assertEquals(1, replies.size());
                checkReply(c, replies.get(0));
                assertFalse(transport.isDisconnecting());
            }
            case DROP -> {
                assertTrue(replies.isEmpty());
                assertFalse(transport.isDisconnecting());
            }
            case CLOSE -> {
                assertTrue(replies.isEmpty());
                assertTrue(transport.isDisconnecting());
            }
        }
    }

    private static void checkReply(Case c, byte[] reply) {
        Message m = decode(reply);
        assertEquals(0xbeef, m.id());
        assertTrue(m.has(Message.QR));
        assertEquals(c.rcode(), m.rcode(), c.name());
    }

    private static Message decode(byte[] reply) {
        try {
            return MessageCodec.decode(reply, DnsLimits.DEFAULTS);
        } catch (Exception e) {
            throw new AssertionError("the server's reply does not decode", e);
        }
    }

    @Test
    void aLengthOf65535WithNoDataIsClosedByTheIdleTimeout() {
        TestClock clock = new TestClock();
        DnsTcpProtocol protocol = new DnsTcpProtocol(server, clock);
        StringTransport transport = new StringTransport();
        protocol.makeConnection(transport);
        protocol.dataReceived(new byte[] {(byte) 0xff, (byte) 0xff});
        clock.advance(Duration.ofSeconds(9));
        assertFalse(transport.isDisconnecting());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(transport.isDisconnecting());
        assertEquals(DnsTcpState.DRAINING, protocol.state());
        assertEquals(0, transport.value().length);
    }

    @Test
    void aZeroLengthPrefixCloses() {
        DnsTcpProtocol protocol = new DnsTcpProtocol(server, new TestClock());
        StringTransport transport = new StringTransport();
        protocol.makeConnection(transport);
        protocol.dataReceived(new byte[] {0, 0});
        assertTrue(transport.isDisconnecting());
    }

    @Test
    void severalQueriesInOneSegmentAreAllAnswered() {
        DnsTcpProtocol protocol = new DnsTcpProtocol(server, new TestClock());
        StringTransport transport = new StringTransport();
        protocol.makeConnection(transport);
        List<byte[]> frames = new ArrayList<>();
        for (int id = 1; id <= 5; id++) {
            frames.add(TcpFrameDecoder.frame(HEX.parseHex(String.format("%04x", id)
                    + "01000001000000000000" + "03777777076578616d706c65036f726700" + "00010001")));
        }
        byte[] all = frames.stream().reduce(new byte[0], (a, b) -> {
            byte[] out = new byte[a.length + b.length];
            System.arraycopy(a, 0, out, 0, a.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        });
        protocol.dataReceived(all);
        List<byte[]> replies = new TcpFrameDecoder().feed(transport.value());
        assertEquals(5, replies.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(i + 1, decode(replies.get(i)).id());
        }
    }
}
