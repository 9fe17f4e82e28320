package dev.torsion.dns.server;

import static dev.torsion.testing.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.codec.Message;
import dev.torsion.dns.codec.MessageCodec;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.codec.Presentation;
import dev.torsion.dns.codec.Question;
import dev.torsion.dns.codec.RData;
import dev.torsion.dns.codec.RRType;
import dev.torsion.dns.codec.Rcode;
import dev.torsion.dns.codec.ResourceRecord;
import dev.torsion.internet.Address;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.SocketType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The upstream answers only allowed clients, and only queries with RD set. */
class RecursionAclTest {
    private static final Authority UPSTREAM = new Authority() {
        @Override
        public boolean covers(Name name) {
            return true;
        }

        @Override
        public int specificity(Name name) {
            return -1;
        }

        @Override
        public Deferred<Answer> query(Question question) {
            return Deferred.succeed(new Answer(Rcode.NOERROR, false, List.of(ResourceRecord.of(question.name(), 60,
                    RData.of(RRType.A, (Object) Presentation.parseAddress("192.0.2.9", 4)))), List.of(), List.of()));
        }
    };

    private static Message ask(DnsServer server, boolean rd, Address peer) throws Exception {
        byte[] query = MessageCodec.encode(Message.query(5, Question.of(Name.parse("far.example."), RRType.A), rd, null));
        return MessageCodec.decode(successResultOf(server.handle(query, DnsServer.Transport.UDP, peer)).replies().get(0),
                DnsLimits.DEFAULTS);
    }

    @Test
    void onlyAllowedClientsAskingForRecursionGetTheUpstream() throws Exception {
        Address local = new IPv4Address(SocketType.UDP, "127.0.0.1", 4000);
        Address stranger = new IPv4Address(SocketType.UDP, "203.0.113.7", 4000);
        DnsServer server = new DnsServer(List.of(), UPSTREAM, DnsLimits.DEFAULTS, peer -> false)
                .setRecursionAllowed(peer -> peer.equals(local));
        Message answered = ask(server, true, local);
        assertEquals(Rcode.NOERROR, answered.rcode());
        assertEquals(1, answered.answers().size());
        assertTrue(answered.has(Message.RA) && !answered.has(Message.AA));
        assertEquals(Rcode.REFUSED, ask(server, true, stranger).rcode(), "no open resolver");
        assertEquals(Rcode.REFUSED, ask(server, false, local).rcode(), "no RD, no recursion");
    }
}
