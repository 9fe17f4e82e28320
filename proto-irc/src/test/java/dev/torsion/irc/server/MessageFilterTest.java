package dev.torsion.irc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.defer.Deferred;
import dev.torsion.irc.server.MessageFilter.Verdict;
import dev.torsion.irc.support.Wire;
import dev.torsion.irc.support.Wire.Client;
import dev.torsion.testing.StringTransport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The message filter: replacement, refusal, failure, and a late answer keeping the sender's order. */
class MessageFilterTest {
    private static final String S = ":irc.example.org ";
    private static final String A = ":alice!~alice@192.168.1.1 ";

    @Test
    void replacesRefusesAndFails() {
        MessageFilter filter = (sender, account, command, targets, text) -> {
            if (text.contains("spam")) {
                return Deferred.succeed(Verdict.refuse("No spam here"));
            }
            if (text.contains("boom")) {
                return Deferred.fail(new IllegalStateException("filter down"));
            }
            if (text.contains("inject")) {
                return Deferred.succeed(Verdict.replace("x\r\nQUIT"));
            }
            return Deferred.succeed(text.contains("darn") ? Verdict.replace(text.replace("darn", "****")) : Verdict.deliver());
        };
        Wire wire = new Wire(c -> c.withFilter(filter));
        Client alice = wire.register("alice");
        Client bob = wire.register("bob");
        alice.send("PRIVMSG bob :oh darn\r\nPRIVMSG bob :buy spam\r\nNOTICE bob :spam notice\r\nPRIVMSG bob :boom\r\n"
                + "PRIVMSG bob :inject\r\nPRIVMSG bob :fine\r\n");
        assertEquals(A + "PRIVMSG bob :oh ****\r\n" + A + "PRIVMSG bob fine\r\n", bob.take());
        assertEquals(S + "404 alice bob :No spam here\r\n" + S + "404 alice bob :Message refused\r\n"
                + S + "404 alice bob :Message refused\r\n", alice.take());
    }

    @Test
    void aLateVerdictHoldsTheSendersNextCommands() {
        List<Deferred<Verdict>> pending = new ArrayList<>();
        Wire wire = new Wire(c -> c.withFilter((sender, account, command, targets, text) -> {
            Deferred<Verdict> d = new Deferred<>();
            pending.add(d);
            return d;
        }));
        Client alice = wire.register("alice");
        Client bob = wire.register("bob");
        alice.send("PRIVMSG bob :first\r\nPING :after\r\nPRIVMSG bob :second\r\n");
        assertEquals("", alice.take());
        assertEquals(StringTransport.ProducerState.PAUSED, alice.transport.producerState());
        assertEquals(1, pending.size());
        pending.get(0).callback(Verdict.deliver());
        assertEquals(A + "PRIVMSG bob first\r\n", bob.take());
        assertEquals(S + "PONG irc.example.org after\r\n", alice.take());
        assertEquals(2, pending.size());
        pending.get(1).callback(Verdict.deliver());
        assertEquals(A + "PRIVMSG bob second\r\n", bob.take());
        assertEquals(StringTransport.ProducerState.PRODUCING, alice.transport.producerState());
    }
}
