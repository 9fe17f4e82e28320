package dev.torsion.xmpp.muc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.testing.TestClock;
import dev.torsion.xmpp.server.XmppServer;
import dev.torsion.xmpp.support.XmppWire;
import java.util.List;
import org.junit.jupiter.api.Test;

/** XEP-0045 in-process on conference.example.org, local accounts on memory transports. */
class MucServiceTest {
    static final String ROOM = "room@conference.example.org";
    static final String JOIN = "<x xmlns='http://jabber.org/protocol/muc'/>";
    static final String SUBJECT_NONE = "<message type='groupchat' from='room@conference.example.org' to='%s'><subject/></message>";

    private final TestClock clock = new TestClock();
    private final XmppServer server = XmppWire.server(clock);
    private final MucService muc = MucService.attach(server, "conference.example.org", new MucLimits(2, 3, 2, 100));
    private final XmppWire alice = new XmppWire(server, clock).bind("alice", "home");
    private final XmppWire bob = new XmppWire(server, clock).bind("bob", "home");
    private final XmppWire carol = new XmppWire(server, clock).bind("carol", "home");

    private static String item(String affiliation, String role, String jid) {
        return "<item affiliation='" + affiliation + "' role='" + role + "'" + (jid == null ? "" : " jid='" + jid + "'") + "/>";
    }

    private static String presence(String nick, String to, String type, String item, String... codes) {
        StringBuilder out = new StringBuilder("<presence from='" + ROOM + "/" + nick + "' to='" + to + "'"
                + (type == null ? "" : " type='" + type + "'") + "><x xmlns='http://jabber.org/protocol/muc#user'>" + item);
        for (String code : codes) {
            out.append("<status code='").append(code).append("'/>");
        }
        return out.append("</x></presence>").toString();
    }

    /** alice creates the room as Alice, bob joins as Bob. */
    private void aliceAndBobJoin() {
        alice.send("<presence to='" + ROOM + "/Alice'>" + JOIN + "</presence>");
        assertEquals(presence("Alice", "alice@example.org/home", null, item("owner", "moderator", "alice@example.org/home"), "110", "201")
                + String.format(SUBJECT_NONE, "alice@example.org/home"), alice.take());
        bob.send("<presence to='" + ROOM + "/Bob'><status>hi all</status>" + JOIN + "</presence>");
        assertEquals(presence("Alice", "bob@example.org/home", null, item("owner", "moderator", null))
                + "<presence from='" + ROOM + "/Bob' to='bob@example.org/home'><status>hi all</status>"
                + "<x xmlns='http://jabber.org/protocol/muc#user'>" + item("none", "participant", null) + "<status code='110'/></x></presence>"
                + String.format(SUBJECT_NONE, "bob@example.org/home"), bob.take());
        assertEquals("<presence from='" + ROOM + "/Bob' to='alice@example.org/home'><status>hi all</status>"
                + "<x xmlns='http://jabber.org/protocol/muc#user'>" + item("none", "participant", "bob@example.org/home") + "</x></presence>",
                alice.take());
    }

    @Test
    void joinCreatesTheRoomAndOccupantsSeeEachOther() {
        aliceAndBobJoin();
        assertEquals(List.of("room"), muc.rooms());
        assertEquals(2, muc.occupants("room"));
    }

    @Test
    void groupchatIsReflectedToEveryoneAndKeptAsHistory() {
        aliceAndBobJoin();
        bob.send("<message to='" + ROOM + "' type='groupchat' id='g1'><body>hello &lt;all&gt;</body></message>");
        String reflected = "<message type='groupchat' id='g1' from='" + ROOM + "/Bob' to='%s'><body>hello &lt;all&gt;</body></message>";
        assertEquals(String.format(reflected, "alice@example.org/home"), alice.take());
        assertEquals(String.format(reflected, "bob@example.org/home"), bob.take());
        for (int i = 2; i <= 3; i++) {
            alice.send("<message to='" + ROOM + "' type='groupchat' id='g" + i + "'><body>n" + i + "</body></message>");
        }
        alice.take();
        bob.take();
        carol.send("<presence to='" + ROOM + "/Carol'>" + JOIN + "</presence>");
        String stamp = "<delay xmlns='urn:xmpp:delay' from='" + ROOM + "' stamp='2026-12-05T23:00:00Z'/>";
        // The history keeps the last two (the limit): g2 and g3, after the presences and before the subject.
        assertEquals(presence("Alice", "carol@example.org/home", null, item("owner", "moderator", null))
                + presence("Bob", "carol@example.org/home", null, item("none", "participant", null)).replace("<x ", "<status>hi all</status><x ")
                + presence("Carol", "carol@example.org/home", null, item("none", "participant", null), "110")
                + "<message type='groupchat' id='g2' from='" + ROOM + "/Alice' to='carol@example.org/home'><body>n2</body>" + stamp + "</message>"
                + "<message type='groupchat' id='g3' from='" + ROOM + "/Alice' to='carol@example.org/home'><body>n3</body>" + stamp + "</message>"
                + String.format(SUBJECT_NONE, "carol@example.org/home"), carol.take());
    }

    @Test
    void historyMaxstanzasIsHonoured() {
        aliceAndBobJoin();
        alice.send("<message to='" + ROOM + "' type='groupchat'><body>old</body></message>");
        alice.take();
        bob.take();
        carol.send("<presence to='" + ROOM + "/Carol'><x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x></presence>");
        String out = carol.take();
        assertTrue(!out.contains("old") && out.endsWith(String.format(SUBJECT_NONE, "carol@example.org/home")), out);
    }

    @Test
    void aNicknameInUseIsAConflict() {
        aliceAndBobJoin();
        carol.send("<presence to='" + ROOM + "/Bob'>" + JOIN + "</presence>");
        assertEquals("<presence type='error' from='" + ROOM + "/Bob' to='carol@example.org/home'>" + JOIN
                + "<error type='cancel'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>", carol.take());
        assertEquals(2, muc.occupants("room"));
        assertEquals("", alice.take());
    }

    @Test
    void aJoinWithoutNicknameIsJidMalformed() {
        carol.send("<presence to='" + ROOM + "'>" + JOIN + "</presence>");
        assertEquals("<presence type='error' from='" + ROOM + "' to='carol@example.org/home'>" + JOIN
                + "<error type='modify'><jid-malformed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>", carol.take());
        assertEquals(List.of(), muc.rooms());
    }

    @Test
    void leavingIsBroadcastAndTheLastOneTakesTheRoomAway() {
        aliceAndBobJoin();
        bob.send("<presence to='" + ROOM + "/Bob' type='unavailable'><status>bye</status></presence>");
        assertEquals("<presence from='" + ROOM + "/Bob' to='alice@example.org/home' type='unavailable'><status>bye</status>"
                + "<x xmlns='http://jabber.org/protocol/muc#user'>" + item("none", "none", "bob@example.org/home") + "</x></presence>",
                alice.take());
        assertEquals("<presence from='" + ROOM + "/Bob' to='bob@example.org/home' type='unavailable'><status>bye</status>"
                + "<x xmlns='http://jabber.org/protocol/muc#user'>" + item("none", "none", null) + "<status code='110'/></x></presence>",
                bob.take());
        alice.send("<presence to='" + ROOM + "/Alice' type='unavailable'/>");
        assertEquals(List.of(), muc.rooms());
    }

    @Test
    void aDisconnectedOccupantLeavesTheRoom() {
        aliceAndBobJoin();
        bob.send("</stream:stream>");
        assertEquals("<presence from='" + ROOM + "/Bob' to='alice@example.org/home' type='unavailable'>"
                + "<x xmlns='http://jabber.org/protocol/muc#user'>" + item("none", "none", "bob@example.org/home") + "</x></presence>",
                alice.take());
        assertEquals(1, muc.occupants("room"));
    }

    @Test
    void privateMessagesGoToTheRealJidUnderTheRoomJid() {
        aliceAndBobJoin();
        bob.send("<message to='" + ROOM + "/Alice' type='chat'><body>psst</body></message>");
        assertEquals("<message type='chat' from='" + ROOM + "/Bob' to='alice@example.org/home'><body>psst</body>"
                + "<x xmlns='http://jabber.org/protocol/muc#user'/></message>", alice.take());
        bob.send("<message to='" + ROOM + "/Nobody' type='chat' id='p2'><body>?</body></message>");
        assertEquals("<message type='error' id='p2' from='" + ROOM + "/Nobody' to='bob@example.org/home'><body>?</body>"
                + "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>", bob.take());
        carol.send("<message to='" + ROOM + "/Alice' type='chat' id='p3'><body>let me in</body></message>");
        assertEquals("<message type='error' id='p3' from='" + ROOM + "/Alice' to='carol@example.org/home'><body>let me in</body>"
                + "<error type='modify'><not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>", carol.take());
    }

    @Test
    void onlyOccupantsTalkAndOnlyModeratorsSetTheSubject() {
        aliceAndBobJoin();
        carol.send("<message to='" + ROOM + "' type='groupchat' id='c1'><body>hi</body></message>");
        assertEquals("<message type='error' id='c1' from='" + ROOM + "' to='carol@example.org/home'><body>hi</body>"
                + "<error type='modify'><not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>", carol.take());
        bob.send("<message to='" + ROOM + "' type='groupchat' id='s1'><subject>mine</subject></message>");
        assertEquals("<message type='error' id='s1' from='" + ROOM + "' to='bob@example.org/home'><subject>mine</subject>"
                + "<error type='auth'><forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>", bob.take());
        alice.send("<message to='" + ROOM + "' type='groupchat' id='s2'><subject>Torsion</subject></message>");
        String subject = "<message type='groupchat' id='s2' from='" + ROOM + "/Alice' to='%s'><subject>Torsion</subject></message>";
        assertEquals(String.format(subject, "bob@example.org/home"), bob.take());
        alice.take();
        carol.send("<presence to='" + ROOM + "/Carol'>" + JOIN + "</presence>");
        assertTrue(carol.take().endsWith(String.format(subject, "carol@example.org/home")));
        carol.send("<message to='room2@conference.example.org' type='groupchat' id='c2'><body>x</body></message>");
        assertTrue(carol.take().contains("<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"));
    }

    @Test
    void aNicknameChangeIs303ThenTheNewPresence() {
        aliceAndBobJoin();
        bob.send("<presence to='" + ROOM + "/Robert'/>");
        assertEquals(presence("Bob", "alice@example.org/home", "unavailable",
                "<item affiliation='none' role='participant' jid='bob@example.org/home' nick='Robert'/>", "303")
                + presence("Robert", "alice@example.org/home", null, item("none", "participant", "bob@example.org/home")), alice.take());
        assertEquals(presence("Bob", "bob@example.org/home", "unavailable",
                "<item affiliation='none' role='participant' nick='Robert'/>", "303", "110")
                + presence("Robert", "bob@example.org/home", null, item("none", "participant", null), "110"), bob.take());
    }

    @Test
    void roomsAndOccupantsAreLimited() {
        aliceAndBobJoin();
        carol.send("<presence to='" + ROOM + "/Carol'>" + JOIN + "</presence>");
        carol.take();
        alice.take();
        bob.take();
        XmppWire dave = new XmppWire(server, clock).bind("alice", "other");
        dave.send("<presence to='" + ROOM + "/Dave'>" + JOIN + "</presence>");
        assertTrue(dave.take().contains("<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"));
        dave.send("<presence to='second@conference.example.org/Dave'>" + JOIN + "</presence>");
        dave.take();
        dave.send("<presence to='third@conference.example.org/Dave'>" + JOIN + "</presence>");
        assertEquals("<presence type='error' from='third@conference.example.org/Dave' to='alice@example.org/other'>" + JOIN
                + "<error type='cancel'><not-allowed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>", dave.take());
        assertEquals(List.of("room", "second"), muc.rooms());
    }

    @Test
    void discoOfTheServiceAndOfARoom() {
        aliceAndBobJoin();
        // XEP-0030 §4: the server lists the chat service among its items.
        carol.send("<iq to='example.org' type='get' id='d0'><query xmlns='http://jabber.org/protocol/disco#items'/></iq>");
        assertEquals("<iq type='result' id='d0' from='example.org' to='carol@example.org/home'>"
                + "<query xmlns='http://jabber.org/protocol/disco#items'><item jid='conference.example.org'/></query></iq>", carol.take());
        carol.send("<iq to='conference.example.org' type='get' id='d1'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
        String info = carol.take();
        assertTrue(info.startsWith("<iq type='result' id='d1' from='conference.example.org' to='carol@example.org/home'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info'><identity category='conference' type='text' name='Chatrooms'/>"
                + "<feature var='http://jabber.org/protocol/muc'/>"), info);
        carol.send("<iq to='conference.example.org' type='get' id='d2'><query xmlns='http://jabber.org/protocol/disco#items'/></iq>");
        assertEquals("<iq type='result' id='d2' from='conference.example.org' to='carol@example.org/home'>"
                + "<query xmlns='http://jabber.org/protocol/disco#items'><item jid='" + ROOM + "' name='room (2)'/></query></iq>", carol.take());
        carol.send("<iq to='" + ROOM + "' type='get' id='d3'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
        String roomInfo = carol.take();
        assertTrue(roomInfo.contains("<identity category='conference' type='text' name='room'/>")
                && roomInfo.contains("<feature var='muc_semianonymous'/>") && roomInfo.contains("<feature var='muc_temporary'/>"), roomInfo);
        carol.send("<iq to='" + ROOM + "' type='get' id='d4'><query xmlns='http://jabber.org/protocol/disco#items'/></iq>");
        assertEquals("<iq type='result' id='d4' from='" + ROOM + "' to='carol@example.org/home'>"
                + "<query xmlns='http://jabber.org/protocol/disco#items'><item jid='" + ROOM + "/Alice'/><item jid='" + ROOM + "/Bob'/>"
                + "</query></iq>", carol.take());
        carol.send("<iq to='nothere@conference.example.org' type='get' id='d5'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
        assertTrue(carol.take().contains("<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"));
    }

    @Test
    void theOwnerAcceptsTheInstantRoomThenDestroysIt() {
        aliceAndBobJoin();
        String submit = "<query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'/></query></iq>";
        bob.send("<iq to='" + ROOM + "' type='set' id='o1'>" + submit);
        assertTrue(bob.take().contains("<error type='auth'><forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"));
        alice.send("<iq to='" + ROOM + "' type='set' id='o2'>" + submit);
        assertEquals("<iq type='result' id='o2' from='" + ROOM + "' to='alice@example.org/home'/>", alice.take());
        alice.send("<iq to='" + ROOM + "' type='set' id='o3'><query xmlns='http://jabber.org/protocol/muc#owner'>"
                + "<destroy><reason>done</reason></destroy></query></iq>");
        String gone = "<presence from='" + ROOM + "/%s' to='%s' type='unavailable'><x xmlns='http://jabber.org/protocol/muc#user'>"
                + "<item affiliation='none' role='none'/><destroy><reason>done</reason></destroy></x></presence>";
        assertEquals(String.format(gone, "Bob", "bob@example.org/home"), bob.take());
        assertEquals(String.format(gone, "Alice", "alice@example.org/home")
                + "<iq type='result' id='o3' from='" + ROOM + "' to='alice@example.org/home'/>", alice.take());
        assertEquals(List.of(), muc.rooms());
    }
}
