package dev.torsion.xmpp.server;

import static dev.torsion.xmpp.support.XmppWire.CLIENT_HEADER;
import static dev.torsion.xmpp.support.XmppWire.SERVER_HEADER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.testing.StringTransport;
import dev.torsion.testing.TestClock;
import dev.torsion.xmpp.server.component.ComponentServerFactory;
import dev.torsion.xmpp.server.component.ComponentSession;
import dev.torsion.xmpp.server.component.ComponentSessionState;
import dev.torsion.xmpp.support.XmppWire;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input against the server, each with the exact stream error it earns (RFC 6120 §4.9.3),
 * replayed whole and byte by byte; the connection is closed after each.
 */
class XmppHostileCorpusTest {
    private static final String BILLION_LAUGHS = "<?xml version='1.0'?>\n<!DOCTYPE lolz [\n <!ENTITY lol 'lol'>\n"
            + " <!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>\n"
            + " <!ENTITY lol3 '&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'>\n"
            + " <!ENTITY lol9 '&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;'>\n]>\n"
            + "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='example.org' "
            + "version='1.0'>&lol9;";

    /** Where the input starts: a fresh connection, after TLS, after SASL, or bound. */
    enum Stage {
        FRESH(wire -> { }),
        TLS(XmppWire::startTls),
        AUTHENTICATED(wire -> wire.authenticate("alice")),
        BOUND(wire -> wire.bind("alice", "home"));

        final Consumer<XmppWire> setUp;

        Stage(Consumer<XmppWire> setUp) {
            this.setUp = setUp;
        }
    }

    record Case(String name, Stage stage, byte[] input, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static String error(String condition) {
        return "<stream:error><" + condition + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>";
    }

    private static Case fresh(String name, String input, String condition) {
        return new Case(name, Stage.FRESH, input.getBytes(StandardCharsets.UTF_8), SERVER_HEADER + error(condition));
    }

    private static Case at(Stage stage, String name, String input, String condition) {
        return new Case(name, stage, input.getBytes(StandardCharsets.UTF_8), error(condition));
    }

    static List<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        cases.add(fresh("billion laughs", BILLION_LAUGHS, "restricted-xml"));
        cases.add(fresh("external DTD", "<?xml version='1.0'?><!DOCTYPE stream SYSTEM 'http://evil.example/x.dtd'>" + CLIENT_HEADER,
                "restricted-xml"));
        cases.add(fresh("XXE file entity", "<!DOCTYPE x [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>" + CLIENT_HEADER + "&xxe;",
                "restricted-xml"));
        cases.add(fresh("comment before the stream", "<!-- hello -->" + CLIENT_HEADER, "restricted-xml"));
        cases.add(fresh("processing instruction", "<?xml version='1.0'?><?evil x?>" + CLIENT_HEADER, "restricted-xml"));
        cases.add(fresh("latin-1 encoding", "<?xml version='1.0' encoding='ISO-8859-1'?>" + CLIENT_HEADER.substring(21),
                "unsupported-encoding"));
        cases.add(new Case("UTF-16 byte order mark", Stage.FRESH,
                concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, CLIENT_HEADER.getBytes(StandardCharsets.UTF_16BE)),
                SERVER_HEADER + error("unsupported-encoding")));
        cases.add(fresh("not a stream", "<html><body>", "invalid-namespace"));
        cases.add(fresh("wrong streams namespace", "<stream:stream xmlns:stream='urn:evil' xmlns='jabber:client' version='1.0'>",
                "invalid-namespace"));
        cases.add(fresh("server content namespace", "<stream:stream xmlns:stream='http://etherx.jabber.org/streams' "
                + "xmlns='jabber:server' version='1.0'>", "invalid-namespace"));
        cases.add(fresh("other prefix", "<s:stream xmlns:s='http://etherx.jabber.org/streams' xmlns='jabber:client' version='1.0'>",
                "bad-namespace-prefix"));
        cases.add(fresh("no version", CLIENT_HEADER.substring(21).replace(" version='1.0'", ""), "unsupported-version"));
        cases.add(fresh("version 2", CLIENT_HEADER.replace("1.0", "2.0").replace("<?xml version='2.0'?>", "<?xml version='1.0'?>"),
                "unsupported-version"));
        cases.add(fresh("unknown host", CLIENT_HEADER.replace("example.org", "other.example"), "host-unknown"));
        cases.add(at(Stage.TLS, "unbound prefix", "<x:message/><presence/>", "not-well-formed"));
        cases.add(fresh("NUL byte", CLIENT_HEADER.substring(0, 30) + "\0" + CLIENT_HEADER.substring(30), "not-well-formed"));
        cases.add(new Case("invalid UTF-8", Stage.FRESH,
                concat(CLIENT_HEADER.substring(0, 60).getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, (byte) 0x28},
                        CLIENT_HEADER.substring(60).getBytes(StandardCharsets.UTF_8)),
                SERVER_HEADER + error("not-well-formed")));
        cases.add(at(Stage.TLS, "message before authentication", "<message to='bob@example.org'><body>hi</body></message>",
                "not-authorized"));
        cases.add(at(Stage.TLS, "iq before authentication", "<iq type='get' id='1'><query xmlns='jabber:iq:roster'/></iq>",
                "not-authorized"));
        cases.add(at(Stage.AUTHENTICATED, "presence before binding", "<presence/>", "not-authorized"));
        cases.add(at(Stage.TLS, "unknown element before authentication", "<evil xmlns='urn:x'/>", "unsupported-stanza-type"));
        cases.add(at(Stage.TLS, "comment in the stream", "<!-- x -->", "restricted-xml"));
        cases.add(at(Stage.TLS, "processing instruction in the stream", "<?pi data?>", "restricted-xml"));
        cases.add(at(Stage.BOUND, "entity reference in a stanza", "<message><body>&foo;</body></message>", "restricted-xml"));
        cases.add(at(Stage.BOUND, "entity reference in an attribute", "<message to='&foo;'/><presence/>", "restricted-xml"));
        cases.add(at(Stage.BOUND, "DOCTYPE inside the stream", "<!DOCTYPE x><message/>", "not-well-formed"));
        cases.add(at(Stage.BOUND, "deep nesting", "<message>" + "<x>".repeat(40) + "</x>".repeat(40) + "</message>",
                "policy-violation"));
        cases.add(at(Stage.BOUND, "huge stanza", "<message><body>" + "A".repeat(300 * 1024) + "</body></message>",
                "policy-violation"));
        cases.add(at(Stage.BOUND, "attribute flood", "<message " + attributes(100) + "/>", "policy-violation"));
        cases.add(at(Stage.BOUND, "namespace flood", "<message " + namespaces(40) + "/>", "policy-violation"));
        cases.add(at(Stage.BOUND, "unclosed element then stream end", "<message><body>hi</stream:stream>", "not-well-formed"));
        cases.add(at(Stage.BOUND, "mismatched tags", "<message></body><presence/>", "not-well-formed"));
        cases.add(at(Stage.BOUND, "text between stanzas", "hello<presence/>", "bad-format"));
        cases.add(at(Stage.BOUND, "unknown top-level element", "<evil xmlns='urn:x'/>", "unsupported-stanza-type"));
        cases.add(at(Stage.BOUND, "spoofed from", "<message from='bob@example.org/x' to='carol@example.org'/>", "invalid-from"));
        return cases;
    }

    static Stream<Arguments> replays() {
        return corpus().stream().flatMap(c -> Stream.of(Arguments.of(c, false), Arguments.of(c, true)));
    }

    @ParameterizedTest(name = "{0} (byte by byte: {1})")
    @MethodSource("replays")
    void earnsItsStreamError(Case hostile, boolean byteByByte) {
        TestClock clock = new TestClock();
        XmppWire wire = new XmppWire(XmppWire.server(clock), clock);
        hostile.stage().setUp.accept(wire);
        assertTrue(!wire.closed(), "closed before the hostile input");
        wire.sendBytes(hostile.input(), byteByByte);
        assertEquals(hostile.expected(), wire.take());
        assertTrue(wire.closed(), "connection not closed");
        assertEquals(XmppSessionState.CLOSED, wire.session.state());
    }

    // ---------------------------------------------------------------- component streams (XEP-0114)

    private static final String COMPONENT_HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='echo.example.org'>";
    private static final String COMPONENT_REPLY = "<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' "
            + "xmlns:stream='http://etherx.jabber.org/streams' id='000000000000000000000000' from='echo.example.org'>";
    private static final String COMPONENT_REPLY_ANONYMOUS = "<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' "
            + "xmlns:stream='http://etherx.jabber.org/streams' id='000000000000000000000000'>";
    /** SHA-1 of "000000000000000000000000" + "s3cret" (Python's hashlib). */
    private static final String HANDSHAKE = "<handshake>e1e49e23db8d8a92172b4d4f3513121706b4ff05</handshake>";

    static List<Case> componentCorpus() {
        List<Case> cases = new ArrayList<>();
        cases.add(component("billion laughs", BILLION_LAUGHS.replace("jabber:client", "jabber:component:accept")
                .replace("to='example.org' version='1.0'", "to='echo.example.org'"), COMPONENT_REPLY_ANONYMOUS, "restricted-xml"));
        cases.add(component("client namespace on the component port", COMPONENT_HEADER.replace("jabber:component:accept", "jabber:client"),
                COMPONENT_REPLY_ANONYMOUS, "invalid-namespace"));
        cases.add(component("version 2.0", COMPONENT_HEADER.replace("to=", "version='2.0' to="), COMPONENT_REPLY_ANONYMOUS,
                "unsupported-version"));
        cases.add(component("handshake as the root", "<handshake>00</handshake>", COMPONENT_REPLY_ANONYMOUS, "invalid-namespace"));
        cases.add(component("no domain", COMPONENT_HEADER.replace(" to='echo.example.org'", ""), COMPONENT_REPLY_ANONYMOUS,
                "host-unknown"));
        cases.add(component("unknown domain", COMPONENT_HEADER.replace("echo.", "mail."), COMPONENT_REPLY.replace("echo.", "mail."),
                "host-unknown"));
        cases.add(component("message before the handshake", COMPONENT_HEADER + "<message from='echo.example.org' to='alice@example.org'/>",
                COMPONENT_REPLY, "not-authorized"));
        cases.add(component("wrong handshake", COMPONENT_HEADER + "<handshake>e1e49e23db8d8a92172b4d4f3513121706b4ff06</handshake>",
                COMPONENT_REPLY, "not-authorized"));
        cases.add(component("empty handshake", COMPONENT_HEADER + "<handshake/>", COMPONENT_REPLY, "not-authorized"));
        cases.add(component("300 KiB handshake", COMPONENT_HEADER + "<handshake>" + "a".repeat(300 * 1024) + "</handshake>",
                COMPONENT_REPLY, "policy-violation"));
        String accepted = COMPONENT_REPLY + "<handshake/>";
        cases.add(component("spoofed from", COMPONENT_HEADER + HANDSHAKE + "<message from='alice@example.org' to='bob@example.org'/>",
                accepted, "invalid-from"));
        cases.add(component("no from", COMPONENT_HEADER + HANDSHAKE + "<message to='bob@example.org'/>", accepted, "invalid-from"));
        cases.add(component("no to", COMPONENT_HEADER + HANDSHAKE + "<presence from='echo.example.org'/>", accepted,
                "improper-addressing"));
        cases.add(component("not a stanza", COMPONENT_HEADER + HANDSHAKE + "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>", accepted,
                "unsupported-stanza-type"));
        cases.add(component("client namespace stanza", COMPONENT_HEADER + HANDSHAKE
                + "<message xmlns='jabber:client' from='echo.example.org' to='bob@example.org'/>", accepted, "unsupported-stanza-type"));
        cases.add(component("deep nesting", COMPONENT_HEADER + HANDSHAKE + "<a>".repeat(40), accepted, "policy-violation"));
        return cases;
    }

    private static Case component(String name, String input, String before, String condition) {
        return new Case("component: " + name, Stage.FRESH, input.getBytes(StandardCharsets.UTF_8), before + error(condition));
    }

    static Stream<Arguments> componentReplays() {
        return componentCorpus().stream().flatMap(c -> Stream.of(Arguments.of(c, false), Arguments.of(c, true)));
    }

    @ParameterizedTest(name = "{0} (byte by byte: {1})")
    @MethodSource("componentReplays")
    void componentStreamsEarnTheirStreamError(Case hostile, boolean byteByByte) {
        TestClock clock = new TestClock();
        XmppServer server = XmppWire.server(clock);
        StringTransport transport = new StringTransport();
        ComponentSession session = (ComponentSession) new ComponentServerFactory(server, Map.of("echo.example.org", "s3cret"), clock)
                .buildProtocol(null);
        session.makeConnection(transport);
        if (byteByByte) {
            for (byte b : hostile.input()) {
                session.dataReceived(new byte[] {b});
            }
        } else {
            session.dataReceived(hostile.input().clone());
        }
        assertEquals(hostile.expected(), transport.valueAsString());
        assertTrue(transport.isDisconnecting(), "connection not closed");
        assertEquals(ComponentSessionState.CLOSED, session.state());
        assertTrue(!server.hasRoute("echo.example.org"), "the route outlived the stream");
    }

    private static String attributes(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append("a").append(i).append("='v' ");
        }
        return out.toString();
    }

    private static String namespaces(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append("xmlns:p").append(i).append("='urn:n").append(i).append("' ");
        }
        return out.toString();
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
