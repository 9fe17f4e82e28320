package dev.torsion.dns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.codec.Message;
import dev.torsion.dns.codec.MessageCodec;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.codec.Question;
import dev.torsion.dns.codec.RRType;
import dev.torsion.dns.codec.TcpFrameDecoder;
import dev.torsion.testing.StringTransport;
import dev.torsion.testing.TestClock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/** Queries in flight on one TCP connection answered as their lookups complete, with reading paused at the limit. */
class DnsTcpProtocolTest {
    /** An authority whose answers the test releases one by one. */
    private static final class SlowAuthority implements Authority {
        final Queue<Deferred<Answer>> pending = new ArrayDeque<>();

        @Override
        public boolean covers(Name name) {
            return true;
        }

        @Override
        public int specificity(Name name) {
            return 0;
        }

        @Override
        public Deferred<Answer> query(Question question) {
            Deferred<Answer> d = new Deferred<>();
            pending.add(d);
            return d;
        }
    }

    private static byte[] query(int id) {
        return TcpFrameDecoder.frame(MessageCodec.encode(Message.query(id, Question.of(Name.parse("q.test."), RRType.A), false, null)));
    }

    @Test
    void readingPausesAtTheLimitAndResumesAsAnswersGoOut() throws Exception {
        SlowAuthority slow = new SlowAuthority();
        DnsLimits limits = new DnsLimits(1, 1232, 2, DnsLimits.DEFAULTS.tcpIdleTimeout(), 8, 16384, 8, 1000,
                DnsLimits.DEFAULTS.queryTimeout(), 3, 10, 10800);
        DnsServer server = new DnsServer(List.of(slow), null, limits, peer -> false);
        DnsTcpProtocol protocol = new DnsTcpProtocol(server, new TestClock());
        StringTransport transport = new StringTransport();
        protocol.makeConnection(transport);
        protocol.dataReceived(query(1));
        assertEquals(StringTransport.ProducerState.PRODUCING, transport.producerState());
        protocol.dataReceived(query(2));
        assertEquals(StringTransport.ProducerState.PAUSED, transport.producerState(), "two in flight: paused");
        // The second answer completes first and goes out first (RFC 7766 section 7).
        Deferred<Answer> first = slow.pending.poll();
        slow.pending.poll().callback(Answer.of(List.of()));
        assertEquals(StringTransport.ProducerState.PRODUCING, transport.producerState());
        first.callback(Answer.of(List.of()));
        List<byte[]> replies = new TcpFrameDecoder().feed(transport.value());
        assertEquals(2, MessageCodec.decode(replies.get(0), limits).id());
        assertEquals(1, MessageCodec.decode(replies.get(1), limits).id());
        assertFalse(transport.isDisconnecting());
    }

    @Test
    void aBadFrameClosesOnlyAfterTheAnswersInFlight() {
        SlowAuthority slow = new SlowAuthority();
        DnsServer server = new DnsServer(List.of(slow), null, DnsLimits.DEFAULTS, peer -> false);
        DnsTcpProtocol protocol = new DnsTcpProtocol(server, new TestClock());
        StringTransport transport = new StringTransport();
        protocol.makeConnection(transport);
        protocol.dataReceived(query(7));
        protocol.dataReceived(new byte[] {0, 0});
        assertEquals(DnsTcpState.DRAINING, protocol.state());
        assertFalse(transport.isDisconnecting());
        slow.pending.poll().callback(Answer.of(List.of()));
        assertTrue(transport.isDisconnecting());
        assertEquals(1, new TcpFrameDecoder().feed(transport.value()).size());
    }

    @Test
    void nothingAfterAHeaderlessMessageInTheSameSegmentIsAnswered() {
        SlowAuthority slow = new SlowAuthority();
        DnsServer server = new DnsServer(List.of(slow), null, DnsLimits.DEFAULTS, peer -> false);
        DnsTcpProtocol protocol = new DnsTcpProtocol(server, new TestClock());
        StringTransport transport = new StringTransport();
        protocol.makeConnection(transport);
        byte[] shortMessage = {0, 3, 1, 2, 3};
        byte[] next = query(8);
        byte[] both = new byte[shortMessage.length + next.length];
        System.arraycopy(shortMessage, 0, both, 0, shortMessage.length);
        System.arraycopy(next, 0, both, shortMessage.length, next.length);
        protocol.dataReceived(both);
        assertTrue(transport.isDisconnecting());
        assertTrue(slow.pending.isEmpty(), "the query after it was not read");
    }
}
