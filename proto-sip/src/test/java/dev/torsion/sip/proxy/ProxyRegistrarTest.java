package dev.torsion.sip.proxy;

import static dev.torsion.sip.support.SipWorld.answer;
import static dev.torsion.sip.support.SipWorld.register;
import static dev.torsion.sip.support.SipWorld.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.sip.parse.NameAddress;
import dev.torsion.sip.parse.SipMessage;
import dev.torsion.sip.parse.SipRequest;
import dev.torsion.sip.parse.SipResponse;
import dev.torsion.sip.parse.SipWriter;
import dev.torsion.sip.registrar.MemoryLocationService;
import dev.torsion.sip.support.SipWorld;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registrar and the stateful proxy on the memory transport and the TestClock. */
class ProxyRegistrarTest {
    private static final int ALICE = 6001;
    private static final int BOB1 = 6002;
    private static final int BOB2 = 6003;
    private final SipWorld world = new SipWorld(null);

    private void registerBob() throws Exception {
        world.send(BOB1, register("bob", BOB1, "z9hG4bKr1", 1,
                "Contact: <sip:bob@127.0.0.1:" + BOB1 + ">;q=0.5\r\n"));
        assertEquals(200, world.response(BOB1).status());
        world.send(BOB2, register("bob", BOB2, "z9hG4bKr2", 1,
                "Contact: <sip:bob@127.0.0.1:" + BOB2 + ">;expires=600\r\n"));
        SipResponse ok = world.response(BOB2);
        assertEquals(200, ok.status());
        List<NameAddress> contacts = ok.contacts();
        assertEquals(2, contacts.size(), "every current binding is listed");
        assertNotNull(ok.headers().first("Date"));
    }

    @Test
    void registerListsBindingsHighestQFirstWithExpires() throws Exception {
        registerBob();
        world.send(BOB2, register("bob", BOB2, "z9hG4bKr3", 2, ""));
        SipResponse query = world.response(BOB2);
        List<NameAddress> contacts = query.contacts();
        assertEquals("sip:bob@127.0.0.1:" + BOB2, contacts.get(0).uri());
        assertEquals("600", contacts.get(0).params().get("expires"));
        assertEquals("sip:bob@127.0.0.1:" + BOB1, contacts.get(1).uri());
        assertEquals("3600", contacts.get(1).params().get("expires"));
        assertEquals(0.5, contacts.get(1).q());
    }

    @Test
    void bindingsExpire() throws Exception {
        registerBob();
        world.clock.advance(Duration.ofSeconds(601));
        world.send(BOB2, register("bob", BOB2, "z9hG4bKr4", 3, ""));
        assertEquals(1, world.response(BOB2).contacts().size());
        world.clock.advance(Duration.ofSeconds(3000));
        world.send(ALICE, request("INVITE", "sip:bob@example.org", ALICE, "z9hG4bKi0", "sip:alice@example.org",
                "sip:bob@example.org", "call-0", 1, ""));
        List<SipMessage> toAlice = world.to(ALICE);
        assertEquals(100, ((SipResponse) toAlice.get(0)).status());
        assertEquals(480, ((SipResponse) toAlice.get(1)).status());
    }

    @Test
    void wildcardRemovesEverythingOnlyWithExpiresZero() throws Exception {
        registerBob();
        world.send(BOB1, register("bob", BOB1, "z9hG4bKw1", 2, "Contact: *\r\n"));
        SipResponse refused = world.response(BOB1);
        assertEquals(400, refused.status());
        assertEquals("Invalid Wildcard Contact", refused.reason());
        world.send(BOB1, register("bob", BOB1, "z9hG4bKw2", 3, "Contact: *\r\nExpires: 0\r\n"));
        SipResponse ok = world.response(BOB1);
        assertEquals(200, ok.status());
        assertEquals(0, ok.contacts().size());
    }

    @Test
    void expiresZeroRemovesOneContactAndTooBriefIs423() throws Exception {
        registerBob();
        world.send(BOB1, register("bob", BOB1, "z9hG4bKe1", 2, "Contact: <sip:bob@127.0.0.1:" + BOB1 + ">;expires=0\r\n"));
        assertEquals(1, world.response(BOB1).contacts().size());
        world.send(BOB1, register("bob", BOB1, "z9hG4bKe2", 3, "Contact: <sip:bob@127.0.0.1:" + BOB1 + ">;expires=30\r\n"));
        SipResponse brief = world.response(BOB1);
        assertEquals(423, brief.status());
        assertEquals("60", brief.headers().first("Min-Expires"));
        world.send(BOB2, register("bob", BOB2, "z9hG4bKe3", 1, "Contact: <sip:bob@127.0.0.1:" + BOB2 + ">\r\n"));
        assertEquals(500, world.response(BOB2).status(), "a REGISTER not newer than the binding (same Call-ID, CSeq)");
    }

    @Test
    void registerForAnotherDomainIs404() throws Exception {
        world.send(BOB1, request("REGISTER", "sip:example.org", BOB1, "z9hG4bKd", "sip:bob@other.org",
                "sip:bob@other.org", "d1", 1, "Contact: <sip:bob@127.0.0.1:6002>\r\n"));
        assertEquals(404, world.response(BOB1).status());
    }

    @Test
    void inviteForksInParallelWithRecordRouteAndTheAnswerCancelsTheOtherBranch() throws Exception {
        registerBob();
        world.send(ALICE, request("INVITE", "sip:bob@example.org", ALICE, "z9hG4bKinv1", "sip:alice@example.org",
                "sip:bob@example.org", "call-1", 1, "Contact: <sip:alice@127.0.0.1:6001>\r\n"));
        assertEquals(100, world.response(ALICE).status());
        SipRequest fork1 = world.request(BOB1);
        SipRequest fork2 = world.request(BOB2);
        for (SipRequest fork : List.of(fork1, fork2)) {
            assertEquals("69", fork.headers().first("Max-Forwards"));
            assertEquals("<sip:127.0.0.1:5060;lr>", fork.headers().first("Record-Route"));
            assertEquals(2, fork.vias().size());
            assertEquals("127.0.0.1", fork.topVia().sentBy().host());
            assertTrue(fork.topVia().branch().startsWith("z9hG4bK"));
        }
        assertEquals("sip:bob@127.0.0.1:" + BOB1, fork1.uri());
        assertEquals("sip:bob@127.0.0.1:" + BOB2, fork2.uri());
        world.send(BOB1, answer(fork1, 180, "Ringing", "b1", ""));
        SipResponse ringing = world.response(ALICE);
        assertEquals(180, ringing.status());
        assertEquals(1, ringing.vias().size(), "our Via is taken off");
        world.send(BOB2, answer(fork2, 180, "Ringing", "b2", ""));
        assertEquals(180, world.response(ALICE).status());
        world.send(BOB2, answer(fork2, 200, "OK", "b2", "Contact: <sip:bob@127.0.0.1:6003>\r\n"));
        SipResponse ok = world.response(ALICE);
        assertEquals(200, ok.status());
        assertEquals("b2", ok.to().tag());
        SipRequest cancel = world.request(BOB1);
        assertEquals("CANCEL", cancel.method());
        assertEquals(fork1.topVia().branch(), cancel.topVia().branch(), "section 9.1: the branch of the INVITE");
        world.send(BOB1, answer(cancel, 200, "OK", "b1", ""));
        world.send(BOB1, answer(fork1, 487, "Request Terminated", "b1", ""));
        assertEquals("ACK", world.request(BOB1).method(), "the 487 is ACKed hop by hop");
        assertEquals(List.of(), world.to(ALICE), "nothing more upstream after the 2xx");
        assertEquals(0, world.server.proxy().pendingForks());
        // The ACK of the 2xx, routed by the Record-Route, goes on statelessly to bob.
        world.send(ALICE, request("ACK", "sip:bob@127.0.0.1:6003", ALICE, "z9hG4bKack1", "sip:alice@example.org",
                "sip:bob@example.org", "call-1", 1, "Route: <sip:127.0.0.1:5060;lr>\r\n").replace("To: <sip:bob@example.org>", "To: <sip:bob@example.org>;tag=b2"));
        SipRequest ack = world.request(BOB2);
        assertEquals("ACK", ack.method());
        assertEquals(2, ack.vias().size());
        assertEquals(0, ack.headers().count("Route"), "our own Route is consumed");
        // And a BYE the same way, through a transaction.
        world.send(BOB2, request("BYE", "sip:alice@127.0.0.1:6001", BOB2, "z9hG4bKbye1", "sip:bob@example.org",
                "sip:alice@example.org", "call-1", 1, "Route: <sip:127.0.0.1:5060;lr>\r\n"));
        SipRequest bye = world.request(ALICE);
        world.send(ALICE, answer(bye, 200, "OK", null, ""));
        assertEquals(200, world.response(BOB2).status());
    }

    @Test
    void bestFinalResponseGoesUpWhenEveryBranchFailed() throws Exception {
        registerBob();
        world.send(ALICE, request("INVITE", "sip:bob@example.org", ALICE, "z9hG4bKinv2", "sip:alice@example.org",
                "sip:bob@example.org", "call-2", 1, ""));
        world.response(ALICE);
        SipRequest fork1 = world.request(BOB1);
        SipRequest fork2 = world.request(BOB2);
        world.send(BOB1, answer(fork1, 503, "Service Unavailable", "b1", ""));
        assertEquals(List.of(), world.to(ALICE));
        world.send(BOB2, answer(fork2, 486, "Busy Here", "b2", ""));
        SipResponse busy = world.response(ALICE);
        assertEquals(486, busy.status(), "the lowest class wins (section 16.7 step 6)");
        world.send(ALICE, request("ACK", "sip:bob@example.org", ALICE, "z9hG4bKinv2", "sip:alice@example.org",
                "sip:bob@example.org", "call-2", 1, "").replace("To: <sip:bob@example.org>", "To: " + busy.headers().first("To").replace("To: ", "")));
        assertEquals(List.of(), world.to(ALICE));
    }

    @Test
    void clientCancelCancelsBranchesAndA487GoesUp() throws Exception {
        registerBob();
        world.send(ALICE, request("INVITE", "sip:bob@example.org", ALICE, "z9hG4bKinv3", "sip:alice@example.org",
                "sip:bob@example.org", "call-3", 1, ""));
        world.response(ALICE);
        SipRequest fork1 = world.request(BOB1);
        SipRequest fork2 = world.request(BOB2);
        world.send(BOB1, answer(fork1, 180, "Ringing", "b1", ""));
        world.response(ALICE);
        world.send(ALICE, request("CANCEL", "sip:bob@example.org", ALICE, "z9hG4bKinv3", "sip:alice@example.org",
                "sip:bob@example.org", "call-3", 1, ""));
        assertEquals(200, world.response(ALICE).status());
        assertEquals("CANCEL", world.request(BOB1).method());
        assertEquals(List.of(), world.to(BOB2), "no CANCEL before a provisional (section 9.1)");
        world.send(BOB2, answer(fork2, 100, "Trying", null, ""));
        world.send(BOB2, answer(fork2, 180, "Ringing", "b2", ""));
        assertEquals("CANCEL", world.request(BOB2).method());
        world.send(BOB1, answer(fork1, 487, "Request Terminated", "b1", ""));
        world.send(BOB2, answer(fork2, 487, "Request Terminated", "b2", ""));
        List<SipMessage> up = world.to(ALICE);
        assertEquals(487, ((SipResponse) up.get(up.size() - 1)).status());
    }

    @Test
    void cancelWithoutItsInviteIs481() throws Exception {
        world.send(ALICE, request("CANCEL", "sip:bob@example.org", ALICE, "z9hG4bKnone", "sip:alice@example.org",
                "sip:bob@example.org", "call-4", 1, ""));
        assertEquals(481, world.response(ALICE).status());
    }

    @Test
    void maxForwardsZeroIs483AndOptionsToUsIs200() throws Exception {
        world.send(ALICE, request("INVITE", "sip:bob@example.org", ALICE, "z9hG4bKmf", "sip:alice@example.org",
                "sip:bob@example.org", "call-5", 1, "").replace("Max-Forwards: 70", "Max-Forwards: 0"));
        List<SipMessage> got = world.to(ALICE);
        assertEquals(483, ((SipResponse) got.get(got.size() - 1)).status());
        world.send(ALICE, request("OPTIONS", "sip:example.org", ALICE, "z9hG4bKopt", "sip:alice@example.org",
                "sip:example.org", "opt-1", 1, ""));
        SipResponse ok = world.response(ALICE);
        assertEquals(200, ok.status());
        assertTrue(ok.headers().all("Allow").contains("REGISTER"));
        registerBob();
        world.send(ALICE, request("OPTIONS", "sip:bob@example.org", ALICE, "z9hG4bKopt2", "sip:alice@example.org",
                "sip:bob@example.org", "opt-2", 1, "").replace("Max-Forwards: 70", "Max-Forwards: 0"));
        assertEquals(483, world.response(ALICE).status(), "an OPTIONS for a user would be forwarded: 483");
        assertEquals(List.of(), world.to(BOB1));
        assertEquals(List.of(), world.to(BOB2));
    }

    @Test
    void aRequestThatComesBackUnchangedIsALoop() throws Exception {
        // bob's contact is the proxy itself: the INVITE spirals once, then loops.
        world.send(BOB1, register("bob", BOB1, "z9hG4bKl1", 1, "Contact: <sip:bob@127.0.0.1:5060>\r\n"));
        world.response(BOB1);
        world.send(ALICE, request("INVITE", "sip:bob@example.org", ALICE, "z9hG4bKloop", "sip:alice@example.org",
                "sip:bob@example.org", "call-6", 1, ""));
        world.response(ALICE);
        SipRequest spiral = world.request(5060);
        world.send(5060, new String(SipWriter.encode(spiral), StandardCharsets.UTF_8));
        List<SipMessage> spiralled = world.to(5060);
        assertEquals(100, ((SipResponse) spiralled.get(0)).status());
        SipRequest loop = (SipRequest) spiralled.get(1);
        assertEquals(spiral.uri(), loop.uri(), "the second pass is not retargeted: a loop");
        world.send(5060, new String(SipWriter.encode(loop), StandardCharsets.UTF_8));
        List<SipMessage> back = world.to(5060);
        assertEquals(482, ((SipResponse) back.get(back.size() - 1)).status());
    }

    @Test
    void unknownUserIs480AndForeignHostNameIs404() throws Exception {
        world.send(ALICE, request("MESSAGE", "sip:nobody@example.org", ALICE, "z9hG4bKu", "sip:alice@example.org",
                "sip:nobody@example.org", "m-1", 1, ""));
        assertEquals(480, world.response(ALICE).status());
        world.send(ALICE, request("MESSAGE", "sip:someone@far.example.net", ALICE, "z9hG4bKu2", "sip:alice@example.org",
                "sip:someone@far.example.net", "m-2", 1, ""));
        assertEquals(404, world.response(ALICE).status());
    }

    @Test
    void timerCCancelsABranchThatRingsForever() throws Exception {
        world.send(BOB1, register("bob", BOB1, "z9hG4bKc1", 1, "Contact: <sip:bob@127.0.0.1:" + BOB1 + ">\r\n"));
        world.response(BOB1);
        world.send(ALICE, request("INVITE", "sip:bob@example.org", ALICE, "z9hG4bKtc", "sip:alice@example.org",
                "sip:bob@example.org", "call-c", 1, ""));
        world.response(ALICE);
        SipRequest fork = world.request(BOB1);
        world.send(BOB1, answer(fork, 180, "Ringing", "b1", ""));
        world.response(ALICE);
        world.clock.advance(Duration.ofSeconds(120));
        world.send(BOB1, answer(fork, 180, "Ringing", "b1", ""));
        world.response(ALICE);
        world.clock.advance(Duration.ofSeconds(180));
        assertEquals(List.of(), world.to(BOB1), "a provisional restarted timer C");
        world.clock.advance(Duration.ofSeconds(1));
        SipRequest cancel = world.request(BOB1);
        assertEquals("CANCEL", cancel.method());
        world.send(BOB1, answer(cancel, 200, "OK", "b1", ""));
        world.send(BOB1, answer(fork, 487, "Request Terminated", "b1", ""));
        List<SipMessage> up = world.to(ALICE);
        assertEquals(487, ((SipResponse) up.get(up.size() - 1)).status());
    }

    @Test
    void aFullLocationServiceEarns503UntilBindingsExpire() throws Exception {
        SipWorld small = new SipWorld(null, new MemoryLocationService(1));
        small.send(BOB1, register("bob", BOB1, "z9hG4bKf1", 1, "Contact: <sip:bob@127.0.0.1:" + BOB1 + ">;expires=60\r\n"));
        assertEquals(200, small.response(BOB1).status());
        small.send(BOB2, register("dan", BOB2, "z9hG4bKf2", 1, "Contact: <sip:dan@127.0.0.1:" + BOB2 + ">\r\n"));
        SipResponse full = small.response(BOB2);
        assertEquals(503, full.status());
        assertEquals("60", full.headers().first("Retry-After"));
        small.clock.advance(Duration.ofSeconds(61));
        small.send(BOB2, register("dan", BOB2, "z9hG4bKf3", 2, "Contact: <sip:dan@127.0.0.1:" + BOB2 + ">\r\n"));
        assertEquals(200, small.response(BOB2).status(), "bob's binding expired and made room");
    }
}
