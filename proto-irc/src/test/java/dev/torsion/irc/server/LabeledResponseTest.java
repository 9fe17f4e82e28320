package dev.torsion.irc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.defer.Deferred;
import dev.torsion.irc.server.MessageFilter.Verdict;
import dev.torsion.irc.support.Wire;
import dev.torsion.irc.support.Wire.Client;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IRCv3 labeled-response with batch: ACK, one labeled reply, a batch, and a reply that waited for a Deferred. */
class LabeledResponseTest {
    private static final String S = ":irc.example.org ";

    @Test
    void labelsAckOneReplyAndBatches() {
        Wire wire = new Wire();
        Client bob = wire.register("bob");
        Client alice = wire.register("alice");
        alice.send("CAP REQ :batch labeled-response echo-message\r\n");
        alice.take();
        alice.send("@label=a1 PING x\r\n@label=a2 PONG x\r\n@label=a3 ISON bob\r\n");
        assertEquals("@label=a1 " + S + "PONG irc.example.org x\r\n" + "@label=a2 " + S + "ACK\r\n"
                + "@label=a3 " + S + "303 alice bob\r\n", alice.take());
        alice.send("@label=w1 WHOWAS nobody\r\n");
        assertEquals("@label=w1 " + S + "BATCH +L4 labeled-response\r\n"
                + "@batch=L4 " + S + "406 alice nobody :There was no such nickname\r\n"
                + "@batch=L4 " + S + "369 alice nobody :End of WHOWAS\r\n"
                + S + "BATCH -L4\r\n", alice.take());
        alice.send("@label=m1 PRIVMSG bob :hi\r\n");
        assertEquals("@label=m1 :alice!~alice@192.168.1.1 PRIVMSG bob hi\r\n", alice.take());
        assertEquals(":alice!~alice@192.168.1.1 PRIVMSG bob hi\r\n", bob.take());
        bob.send("@label=z PING x\r\n");
        assertEquals(S + "PONG irc.example.org x\r\n", bob.take());
    }

    @Test
    void aReplyAfterADeferredKeepsItsLabelAndOthersMessagesDoNot() {
        List<Deferred<Verdict>> pending = new ArrayList<>();
        Wire wire = new Wire(c -> c.withFilter((sender, account, command, targets, text) -> {
            if (!sender.startsWith("alice")) {
                return Deferred.succeed(Verdict.deliver());
            }
            Deferred<Verdict> d = new Deferred<>();
            pending.add(d);
            return d;
        }));
        Client alice = wire.register("alice");
        Client bob = wire.register("bob");
        alice.send("CAP REQ :batch labeled-response\r\n");
        alice.take();
        alice.send("@label=f1 PRIVMSG bob :spam\r\n");
        bob.send("PRIVMSG alice :meanwhile\r\n");
        assertEquals(":bob!~bob@192.168.1.1 PRIVMSG alice meanwhile\r\n", alice.take());
        pending.get(0).callback(Verdict.refuse("No"));
        assertEquals("@label=f1 " + S + "404 alice bob No\r\n", alice.take());
    }
}
