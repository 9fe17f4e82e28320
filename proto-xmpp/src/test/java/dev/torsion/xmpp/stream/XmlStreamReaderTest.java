package dev.torsion.xmpp.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.XmppLimits;
import dev.torsion.xmpp.support.Streams;
import dev.torsion.xmpp.support.Streams.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmlStreamReaderTest {
    private static final String STANZAS = "<message to='bob@example.org' type='chat' xml:lang='fr'>"
            + "<body>caf\u00e9 &amp; &lt;cr\u00e8me&gt; &#x1F600; <![CDATA[<raw>&]]></body>"
            + "<x xmlns='urn:example' a='&apos;q&quot;'/></message> \n\t"
            + "<iq type='get' id='1'><ping xmlns='urn:xmpp:ping'/></iq>";
    private static final String STREAM = Streams.HEADER + STANZAS + "</stream:stream>";

    private static XmlElement message() {
        return XmlElement.builder(Namespaces.CLIENT, "message")
                .attribute("to", "bob@example.org").attribute("type", "chat").attribute(Namespaces.XML, "lang", "fr")
                .child(XmlElement.builder(Namespaces.CLIENT, "body").text("caf\u00e9 & <cr\u00e8me> \uD83D\uDE00 <raw>&").build())
                .child(XmlElement.builder("urn:example", "x").attribute("a", "'q\"").build())
                .build();
    }

    private static XmlElement iq() {
        return XmlElement.builder(Namespaces.CLIENT, "iq").attribute("type", "get").attribute("id", "1")
                .child(XmlElement.empty(Namespaces.PING, "ping")).build();
    }

    private static void assertWholeStream(Outcome outcome) {
        assertNull(outcome.error(), () -> "unexpected " + outcome.error());
        List<StreamEvent> events = outcome.events();
        assertEquals(4, events.size(), events::toString);
        StreamHeader header = ((StreamEvent.Opened) events.get(0)).header();
        assertEquals(new StreamHeader(null, "example.org", null, "1.0", null, Namespaces.CLIENT), header);
        assertEquals(message(), ((StreamEvent.Stanza) events.get(1)).element());
        assertEquals(iq(), ((StreamEvent.Stanza) events.get(2)).element());
        assertInstanceOf(StreamEvent.Closed.class, events.get(3));
    }

    @Test
    void readsAStreamWhole() {
        assertWholeStream(Streams.read(STREAM));
    }

    @Test
    void readsAStreamByteByByte() {
        assertWholeStream(Streams.byteByByte(STREAM));
    }

    @Test
    void readsAStreamOverEverySplit() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int i = 1; i < bytes.length; i++) {
            assertWholeStream(Streams.read(XmppLimits.DEFAULTS, bytes, i));
        }
    }

    @Test
    void readsEverySplitIntoThree() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int i = 1; i < bytes.length; i += 7) {
            for (int j = i; j < bytes.length; j += 5) {
                assertWholeStream(Streams.read(XmppLimits.DEFAULTS, bytes, i, j));
            }
        }
    }

    @Test
    void waitsForMoreBytes() throws Exception {
        XmlStreamReader reader = new XmlStreamReader(XmppLimits.DEFAULTS, Namespaces.CLIENT);
        reader.feed(Streams.HEADER.getBytes(StandardCharsets.UTF_8));
        assertInstanceOf(StreamEvent.Opened.class, reader.next());
        reader.feed("<presence".getBytes(StandardCharsets.UTF_8));
        assertNull(reader.next());
        reader.feed("/>".getBytes(StandardCharsets.UTF_8));
        assertEquals(XmlElement.empty(Namespaces.CLIENT, "presence"), ((StreamEvent.Stanza) reader.next()).element());
        assertNull(reader.next());
        assertEquals(ReaderState.OPEN, reader.state());
    }

    @Test
    void restartKeepsTheBytesAfterTheLastElement() throws Exception {
        XmlStreamReader reader = new XmlStreamReader(XmppLimits.DEFAULTS, Namespaces.CLIENT);
        reader.feed((Streams.HEADER + "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AA==</auth>"
                + Streams.HEADER + "<presence/>").getBytes(StandardCharsets.UTF_8));
        assertInstanceOf(StreamEvent.Opened.class, reader.next());
        assertEquals("auth", ((StreamEvent.Stanza) reader.next()).element().name());
        reader.restart(true);
        assertEquals(ReaderState.AWAITING_HEADER, reader.state());
        assertInstanceOf(StreamEvent.Opened.class, reader.next());
        assertEquals("presence", ((StreamEvent.Stanza) reader.next()).element().name());
    }

    @Test
    void restartWithoutKeepingDropsPlaintextAfterStarttls() throws Exception {
        XmlStreamReader reader = new XmlStreamReader(XmppLimits.DEFAULTS, Namespaces.CLIENT);
        reader.feed((Streams.HEADER + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/><injected/>").getBytes(StandardCharsets.UTF_8));
        reader.feed("<more/>".getBytes(StandardCharsets.UTF_8));
        reader.next();
        assertEquals("starttls", ((StreamEvent.Stanza) reader.next()).element().name());
        reader.restart(false);
        assertEquals(0, reader.pendingBytes());
        reader.feed((Streams.HEADER + "<presence/>").getBytes(StandardCharsets.UTF_8));
        assertInstanceOf(StreamEvent.Opened.class, reader.next());
        assertEquals("presence", ((StreamEvent.Stanza) reader.next()).element().name());
    }

    @Test
    void whitespaceKeepalivesDoNotCountTowardTheNextStanza() {
        XmppLimits limits = XmppLimits.DEFAULTS.withMaxStanzaSize(200);
        String input = Streams.HEADER + " ".repeat(150) + "<presence/>" + " ".repeat(150) + "<presence/>";
        Outcome outcome = Streams.read(limits, input.getBytes(StandardCharsets.UTF_8), Streams.HEADER.length() + 150);
        assertNull(outcome.error());
        assertEquals(3, outcome.events().size());
    }

    @Test
    void stanzaExactlyAtTheLimitPassesAndOneByteMoreFails() {
        String stanza = "<message><body>" + "x".repeat(300) + "</body></message>";
        XmppLimits exact = XmppLimits.DEFAULTS.withMaxStanzaSize(stanza.length());
        byte[] bytes = (Streams.HEADER + stanza).getBytes(StandardCharsets.UTF_8);
        assertNull(Streams.read(exact, bytes).error());
        assertNull(Streams.byteByByte(exact, bytes).error());
        XmppLimits smaller = XmppLimits.DEFAULTS.withMaxStanzaSize(stanza.length() - 1);
        assertEquals(StreamErrorCondition.POLICY_VIOLATION, Streams.read(smaller, bytes).error().condition());
        assertEquals(StreamErrorCondition.POLICY_VIOLATION, Streams.byteByByte(smaller, bytes).error().condition());
    }

    @Test
    void depthAtTheLimitPassesAndOneMoreFails() {
        XmppLimits limits = XmppLimits.DEFAULTS.withMaxDepth(3);
        assertNull(Streams.read(limits, (Streams.HEADER + "<a><b><c/></b></a>").getBytes(StandardCharsets.UTF_8)).error());
        Outcome deeper = Streams.read(limits, (Streams.HEADER + "<a><b><c><d/></c></b></a>").getBytes(StandardCharsets.UTF_8));
        assertEquals(StreamErrorCondition.POLICY_VIOLATION, deeper.error().condition());
    }

    @Test
    void aFailedReaderKeepsFailing() throws Exception {
        XmlStreamReader reader = new XmlStreamReader(XmppLimits.DEFAULTS, Namespaces.CLIENT);
        // Aalto reports a mismatched end tag when the next markup begins.
        reader.feed((Streams.HEADER + "<a></b><c/>").getBytes(StandardCharsets.UTF_8));
        reader.next();
        XmppStreamException first = assertThrows(XmppStreamException.class, reader::next);
        assertEquals(StreamErrorCondition.NOT_WELL_FORMED, first.condition());
        reader.feed("<presence/>".getBytes(StandardCharsets.UTF_8));
        assertEquals(first, assertThrows(XmppStreamException.class, reader::next));
        assertEquals(ReaderState.FAILED, reader.state());
    }

    @Test
    void bytesAfterTheClosingTagAreIgnored() throws Exception {
        Outcome outcome = Streams.read(Streams.HEADER + "</stream:stream><garbage");
        assertNull(outcome.error());
        assertInstanceOf(StreamEvent.Closed.class, outcome.events().get(1));
    }
}
