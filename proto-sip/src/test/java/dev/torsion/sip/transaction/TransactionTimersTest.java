package dev.torsion.sip.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.sip.SipLimits;
import dev.torsion.sip.parse.SipDatagramParser;
import dev.torsion.sip.parse.SipParseException;
import dev.torsion.sip.parse.SipRequest;
import dev.torsion.sip.parse.SipResponse;
import dev.torsion.sip.support.RecordingSender;
import dev.torsion.sip.transport.Destination;
import dev.torsion.sip.transport.Inbound;
import dev.torsion.sip.transport.TransportKind;
import dev.torsion.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every state and timer (A to K) of RFC 3261 section 17 on the deterministic clock. */
class TransactionTimersTest {
    private final TestClock clock = new TestClock();
    private final RecordingSender sender = new RecordingSender();
    private final TransactionLayer layer = new TransactionLayer(clock, sender, TimerSettings.DEFAULTS, SipLimits.DEFAULTS);
    private final List<String> events = new ArrayList<>();
    private final List<ServerTransaction> servers = new ArrayList<>();
    private final ClientTransactionListener listener = new ClientTransactionListener() {
        @Override
        public void provisional(ClientTransaction t, SipResponse r) {
            events.add("provisional " + r.status());
        }

        @Override
        public void finalResponse(ClientTransaction t, SipResponse r) {
            events.add("final " + r.status());
        }

        @Override
        public void timedOut(ClientTransaction t) {
            events.add("timeout");
        }

        @Override
        public void transportError(ClientTransaction t) {
            events.add("transport error");
        }
    };

    TransactionTimersTest() {
        layer.setUser(new TransactionUser() {
            @Override
            public void requestReceived(ServerTransaction transaction) {
                servers.add(transaction);
                events.add("request " + transaction.request().method());
            }

            @Override
            public void ackReceived(Inbound ack) {
                events.add("ack");
            }

            @Override
            public void strayResponse(Inbound response) {
                events.add("stray");
            }

            @Override
            public void ackTimedOut(ServerTransaction transaction) {
                events.add("ack timeout");
            }
        });
    }

    static SipRequest request(String method, String branch) throws SipParseException {
        String text = method + " sip:bob@example.org SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:alice@example.org>;tag=a\r\nTo: <sip:bob@example.org>\r\n"
                + "Call-ID: c1@x\r\nCSeq: 1 " + method + "\r\nContent-Length: 0\r\n\r\n";
        return (SipRequest) SipDatagramParser.parse(text.getBytes(StandardCharsets.UTF_8), SipLimits.DEFAULTS);
    }

    static SipResponse response(int status, String method, String branch) throws SipParseException {
        String text = "SIP/2.0 " + status + " X\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=" + branch + "\r\n"
                + "From: <sip:alice@example.org>;tag=a\r\nTo: <sip:bob@example.org>;tag=b\r\n"
                + "Call-ID: c1@x\r\nCSeq: 1 " + method + "\r\nContent-Length: 0\r\n\r\n";
        return (SipResponse) SipDatagramParser.parse(text.getBytes(StandardCharsets.UTF_8), SipLimits.DEFAULTS);
    }

    private void receive(SipRequest r, TransportKind kind) {
        layer.messageReceived(new Inbound(r, kind, "127.0.0.1", 5070, null));
    }

    private void receive(SipResponse r) {
        layer.messageReceived(new Inbound(r, TransportKind.UDP, "127.0.0.1", 5070, null));
    }

    private void advanceMillis(long ms) {
        clock.advance(Duration.ofMillis(ms));
    }

    private static final Destination UDP = new Destination(TransportKind.UDP, "127.0.0.1", 5070);
    private static final Destination TCP = new Destination(TransportKind.TCP, "127.0.0.1", 5070);

    @Test
    void aTransportErrorEndsTheTransactionsSentThatWayAndNoOther() throws Exception {
        InviteClientTransaction invite = (InviteClientTransaction) layer.sendRequest(request("INVITE", "z9hG4bKte1"), TCP, listener);
        NonInviteClientTransaction options = (NonInviteClientTransaction) layer.sendRequest(request("OPTIONS", "z9hG4bKte2"),
                TCP, listener);
        NonInviteClientTransaction elsewhere = (NonInviteClientTransaction) layer.sendRequest(request("OPTIONS", "z9hG4bKte3"),
                new Destination(TransportKind.TCP, "127.0.0.1", 5071), listener);
        NonInviteClientTransaction overUdp = (NonInviteClientTransaction) layer.sendRequest(request("OPTIONS", "z9hG4bKte4"),
                UDP, listener);
        sender.take();
        layer.transportFailed(TCP); // section 17.1.4: the connection to 127.0.0.1:5070 could not be made
        assertEquals(List.of("transport error", "transport error"), events);
        assertEquals(InviteClientState.TERMINATED, invite.state());
        assertEquals(NonInviteClientState.TERMINATED, options.state());
        assertEquals(NonInviteClientState.TRYING, elsewhere.state(), "another port");
        assertEquals(NonInviteClientState.TRYING, overUdp.state(), "another transport");
        assertEquals(2, layer.clientCount());
        layer.transportFailed(TCP);
        assertEquals(2, events.size(), "an ended transaction hears nothing more");
    }

    @Test
    void aTransportErrorIsATimeoutToAListenerThatDoesNotAsk() throws Exception {
        List<String> heard = new ArrayList<>();
        layer.sendRequest(request("OPTIONS", "z9hG4bKte5"), TCP, new ClientTransactionListener() {
            @Override
            public void finalResponse(ClientTransaction t, SipResponse r) {
                heard.add("final");
            }

            @Override
            public void timedOut(ClientTransaction t) {
                heard.add("timeout");
            }
        });
        layer.transportFailed(TCP);
        assertEquals(List.of("timeout"), heard);
    }

    @Test
    void timerARetransmitsDoublingAndTimerBGivesUp() throws Exception {
        InviteClientTransaction t = (InviteClientTransaction) layer.sendRequest(request("INVITE", "z9hG4bKa"), UDP, listener);
        assertEquals(List.of("INVITE"), sender.take());
        long[] retransmitAt = {500, 1500, 3500, 7500, 15500, 31500};
        long now = 0;
        for (long at : retransmitAt) {
            advanceMillis(at - now - 1);
            assertEquals(List.of(), sender.take(), "nothing before " + at);
            advanceMillis(1);
            assertEquals(List.of("INVITE"), sender.take(), "timer A at " + at);
            now = at;
        }
        advanceMillis(32_000 - now);
        assertEquals(List.of("timeout"), events);
        assertEquals(InviteClientState.TERMINATED, t.state());
        assertEquals(0, layer.clientCount());
        assertEquals(List.of(), clock.getDelayedCalls());
    }

    @Test
    void provisionalStopsTimerAAndFailureIsAckedThenTimerDEnds() throws Exception {
        InviteClientTransaction t = (InviteClientTransaction) layer.sendRequest(request("INVITE", "z9hG4bKb"), UDP, listener);
        sender.take();
        receive(response(180, "INVITE", "z9hG4bKb"));
        assertEquals(InviteClientState.PROCEEDING, t.state());
        advanceMillis(60_000);
        assertEquals(List.of(), sender.take(), "no retransmission and no timer B once proceeding");
        receive(response(486, "INVITE", "z9hG4bKb"));
        assertEquals(InviteClientState.COMPLETED, t.state());
        List<String> sent = sender.take();
        assertEquals(List.of("ACK"), sent);
        receive(response(486, "INVITE", "z9hG4bKb"));
        assertEquals(List.of("ACK"), sender.take(), "a retransmitted final is ACKed again");
        advanceMillis(31_999);
        assertEquals(InviteClientState.COMPLETED, t.state());
        advanceMillis(1);
        assertEquals(InviteClientState.TERMINATED, t.state(), "timer D: 32 s over UDP");
        assertEquals(List.of("provisional 180", "final 486"), events);
    }

    @Test
    void ackOfAFailureCopiesTheInviteAndTheResponseTo() throws Exception {
        layer.sendRequest(request("INVITE", "z9hG4bKack"), UDP, listener);
        sender.take();
        receive(response(404, "INVITE", "z9hG4bKack"));
        SipRequest ack = (SipRequest) sender.sent.get(0);
        assertEquals("ACK", ack.method());
        assertEquals("sip:bob@example.org", ack.uri());
        assertEquals("z9hG4bKack", ack.topVia().branch());
        assertEquals("b", ack.to().tag());
        assertEquals("1 ACK", ack.cseq().toString());
    }

    @Test
    void inviteOverTcpDoesNotRetransmitAndSuccessEndsAtOnce() throws Exception {
        InviteClientTransaction t = (InviteClientTransaction) layer.sendRequest(request("INVITE", "z9hG4bKc"), TCP, listener);
        sender.take();
        advanceMillis(10_000);
        assertEquals(List.of(), sender.take(), "no timer A over a reliable transport");
        receive(response(200, "INVITE", "z9hG4bKc"));
        assertEquals(InviteClientState.TERMINATED, t.state());
        assertEquals(List.of("final 200"), events);
        receive(response(200, "INVITE", "z9hG4bKc"));
        assertEquals(List.of("final 200", "stray"), events, "a retransmitted 2xx goes to the TU");
    }

    @Test
    void inviteFailureOverTcpEndsWithTimerDZero() throws Exception {
        InviteClientTransaction t = (InviteClientTransaction) layer.sendRequest(request("INVITE", "z9hG4bKd"), TCP, listener);
        receive(response(500, "INVITE", "z9hG4bKd"));
        assertEquals(InviteClientState.COMPLETED, t.state());
        advanceMillis(0);
        assertEquals(InviteClientState.TERMINATED, t.state());
    }

    @Test
    void timerBFiresAt64T1() throws Exception {
        layer.sendRequest(request("INVITE", "z9hG4bKe"), TCP, listener);
        advanceMillis(31_999);
        assertEquals(List.of(), events);
        advanceMillis(1);
        assertEquals(List.of("timeout"), events);
    }

    @Test
    void timerECapsAtT2AndTimerFGivesUp() throws Exception {
        NonInviteClientTransaction t = (NonInviteClientTransaction) layer.sendRequest(request("OPTIONS", "z9hG4bKf"), UDP, listener);
        sender.take();
        long[] at = {500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500};
        long now = 0;
        for (long a : at) {
            advanceMillis(a - now - 1);
            assertEquals(List.of(), sender.take());
            advanceMillis(1);
            assertEquals(List.of("OPTIONS"), sender.take(), "timer E at " + a);
            now = a;
        }
        advanceMillis(32_000 - now);
        assertEquals(NonInviteClientState.TERMINATED, t.state());
        assertEquals(List.of("timeout"), events);
    }

    @Test
    void timerEFiresEveryT2OnceProceedingAndTimerKEnds() throws Exception {
        NonInviteClientTransaction t = (NonInviteClientTransaction) layer.sendRequest(request("REGISTER", "z9hG4bKg"), UDP, listener);
        sender.take();
        receive(response(100, "REGISTER", "z9hG4bKg"));
        assertEquals(NonInviteClientState.PROCEEDING, t.state());
        advanceMillis(500);
        assertEquals(List.of("REGISTER"), sender.take(), "the pending timer E still fires");
        advanceMillis(3999);
        assertEquals(List.of(), sender.take());
        advanceMillis(1);
        assertEquals(List.of("REGISTER"), sender.take(), "then every T2");
        receive(response(200, "REGISTER", "z9hG4bKg"));
        assertEquals(NonInviteClientState.COMPLETED, t.state());
        receive(response(200, "REGISTER", "z9hG4bKg"));
        assertEquals(List.of("provisional 100", "final 200"), events, "retransmissions are absorbed");
        advanceMillis(4999);
        assertEquals(NonInviteClientState.COMPLETED, t.state());
        advanceMillis(1);
        assertEquals(NonInviteClientState.TERMINATED, t.state(), "timer K: T4 over UDP");
        assertEquals(List.of(), sender.take());
    }

    @Test
    void timerKIsZeroOverTcp() throws Exception {
        NonInviteClientTransaction t = (NonInviteClientTransaction) layer.sendRequest(request("BYE", "z9hG4bKh"), TCP, listener);
        receive(response(200, "BYE", "z9hG4bKh"));
        advanceMillis(0);
        assertEquals(NonInviteClientState.TERMINATED, t.state());
    }

    @Test
    void inviteServerSendsTryingRetransmitsWithTimerGAndGivesUpWithTimerH() throws Exception {
        receive(request("INVITE", "z9hG4bKi"), TransportKind.UDP);
        assertEquals(List.of("100"), sender.take());
        InviteServerTransaction t = (InviteServerTransaction) servers.get(0);
        receive(request("INVITE", "z9hG4bKi"), TransportKind.UDP);
        assertEquals(List.of("100"), sender.take(), "a retransmitted INVITE gets the last provisional");
        assertEquals(1, servers.size());
        t.respond(486, "Busy Here");
        assertEquals(List.of("486"), sender.take());
        long[] at = {500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500};
        long now = 0;
        for (long a : at) {
            advanceMillis(a - now);
            assertEquals(List.of("486"), sender.take(), "timer G at " + a);
            now = a;
        }
        advanceMillis(32_000 - now);
        assertEquals(InviteServerState.TERMINATED, t.state());
        assertEquals(List.of("request INVITE", "ack timeout"), events);
    }

    @Test
    void inviteServerAckConfirmsAndTimerIEnds() throws Exception {
        receive(request("INVITE", "z9hG4bKj"), TransportKind.UDP);
        InviteServerTransaction t = (InviteServerTransaction) servers.get(0);
        t.respond(603, "Decline");
        sender.take();
        receive(request("ACK", "z9hG4bKj"), TransportKind.UDP);
        assertEquals(InviteServerState.CONFIRMED, t.state());
        advanceMillis(1000);
        assertEquals(List.of(), sender.take(), "timer G stopped by the ACK");
        receive(request("ACK", "z9hG4bKj"), TransportKind.UDP);
        assertEquals(List.of("request INVITE"), events, "a retransmitted ACK is absorbed");
        advanceMillis(3999);
        assertEquals(InviteServerState.CONFIRMED, t.state());
        advanceMillis(1);
        assertEquals(InviteServerState.TERMINATED, t.state(), "timer I: T4 over UDP");
        assertEquals(0, layer.serverCount());
    }

    @Test
    void inviteServerSuccessIsAcceptedUntilTimerLAndTheAckGoesToTheTu() throws Exception {
        receive(request("INVITE", "z9hG4bKk"), TransportKind.UDP);
        InviteServerTransaction t = (InviteServerTransaction) servers.get(0);
        sender.take();
        t.respond(200, "OK");
        assertEquals(InviteServerState.ACCEPTED, t.state());
        assertEquals(List.of("200"), sender.take());
        receive(request("INVITE", "z9hG4bKk"), TransportKind.UDP);
        assertEquals(List.of(), sender.take(), "RFC 6026: a retransmitted INVITE is absorbed");
        assertEquals(1, servers.size(), "and is not a new request");
        t.respond(200, "OK");
        assertEquals(List.of("200"), sender.take(), "the TU's 2xx retransmission passes");
        receive(request("ACK", "z9hG4bKother"), TransportKind.UDP);
        receive(request("ACK", "z9hG4bKk"), TransportKind.UDP);
        assertEquals(List.of("request INVITE", "ack", "ack"), events);
        advanceMillis(31_999);
        assertEquals(InviteServerState.ACCEPTED, t.state());
        advanceMillis(1);
        assertEquals(InviteServerState.TERMINATED, t.state(), "timer L: 64*T1");
        assertEquals(0, layer.serverCount());
    }

    @Test
    void inviteServerOverTcpHasNoTimerGAndTimerIZero() throws Exception {
        receive(request("INVITE", "z9hG4bKl"), TransportKind.TCP);
        InviteServerTransaction t = (InviteServerTransaction) servers.get(0);
        sender.take();
        t.respond(480, "Temporarily Unavailable");
        sender.take();
        advanceMillis(10_000);
        assertEquals(List.of(), sender.take());
        receive(request("ACK", "z9hG4bKl"), TransportKind.TCP);
        advanceMillis(0);
        assertEquals(InviteServerState.TERMINATED, t.state());
    }

    @Test
    void nonInviteServerAbsorbsThenRepeatsAndTimerJEnds() throws Exception {
        receive(request("OPTIONS", "z9hG4bKm"), TransportKind.UDP);
        NonInviteServerTransaction t = (NonInviteServerTransaction) servers.get(0);
        receive(request("OPTIONS", "z9hG4bKm"), TransportKind.UDP);
        assertEquals(List.of(), sender.take(), "TRYING absorbs retransmissions");
        t.respond(183, "Session Progress");
        assertEquals(NonInviteServerState.PROCEEDING, t.state());
        receive(request("OPTIONS", "z9hG4bKm"), TransportKind.UDP);
        assertEquals(List.of("183", "183"), sender.take());
        t.respond(200, "OK");
        receive(request("OPTIONS", "z9hG4bKm"), TransportKind.UDP);
        assertEquals(List.of("200", "200"), sender.take());
        advanceMillis(31_999);
        assertEquals(NonInviteServerState.COMPLETED, t.state());
        advanceMillis(1);
        assertEquals(NonInviteServerState.TERMINATED, t.state(), "timer J: 64*T1 over UDP");
        assertEquals(1, servers.size());
    }

    @Test
    void timerJIsZeroOverTcp() throws Exception {
        receive(request("OPTIONS", "z9hG4bKn"), TransportKind.TCP);
        NonInviteServerTransaction t = (NonInviteServerTransaction) servers.get(0);
        t.respond(200, "OK");
        advanceMillis(0);
        assertEquals(NonInviteServerState.TERMINATED, t.state());
    }

    @Test
    void cancelIsItsOwnTransactionAndFindsItsInvite() throws Exception {
        receive(request("INVITE", "z9hG4bKo"), TransportKind.UDP);
        receive(request("CANCEL", "z9hG4bKo"), TransportKind.UDP);
        assertEquals(2, servers.size());
        assertSame(servers.get(0), layer.inviteFor(servers.get(1).request()));
    }

    @Test
    void responsesMatchByBranchAndMethod() throws Exception {
        layer.sendRequest(request("INVITE", "z9hG4bKp"), UDP, listener);
        receive(response(200, "INVITE", "z9hG4bKq"));
        receive(response(200, "CANCEL", "z9hG4bKp"));
        assertEquals(List.of("stray", "stray"), events);
    }

    @Test
    void configuredT1DrivesTheTimers() throws Exception {
        TimerSettings fast = new TimerSettings(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(1));
        TransactionLayer quick = new TransactionLayer(clock, sender, fast, SipLimits.DEFAULTS);
        quick.sendRequest(request("OPTIONS", "z9hG4bKr"), UDP, listener);
        sender.take();
        advanceMillis(100);
        assertEquals(List.of("OPTIONS"), sender.take());
        advanceMillis(6300);
        assertEquals(List.of("timeout"), events.subList(events.size() - 1, events.size()));
    }

    @Test
    void transactionLimitEarns503() throws Exception {
        TransactionLayer small = new TransactionLayer(clock, sender, TimerSettings.DEFAULTS, SipLimits.DEFAULTS.withMaxTransactions(1));
        small.setUser(layerUser());
        small.messageReceived(new Inbound(request("OPTIONS", "z9hG4bKs1"), TransportKind.UDP, "127.0.0.1", 5070, null));
        small.messageReceived(new Inbound(request("OPTIONS", "z9hG4bKs2"), TransportKind.UDP, "127.0.0.1", 5070, null));
        SipResponse busy = (SipResponse) sender.sent.get(0);
        assertEquals(List.of("503"), sender.take());
        assertEquals("5", busy.headers().first("Retry-After"));
        assertTrue(busy.to().tag() != null);
    }

    private TransactionUser layerUser() {
        return new TransactionUser() {
            @Override
            public void requestReceived(ServerTransaction transaction) {
            }

            @Override
            public void ackReceived(Inbound ack) {
            }

            @Override
            public void strayResponse(Inbound response) {
            }
        };
    }
}
