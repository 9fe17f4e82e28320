package dev.torsion.xmpp.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.support.Streams;
import org.junit.jupiter.api.Test;

class XmlWriterTest {
    @Test
    void escapesMarkupInTextAndAttributes() {
        XmlElement element = XmlElement.builder(Namespaces.CLIENT, "message").attribute("to", "a'b\"c<d>&e")
                .child(XmlElement.builder(Namespaces.CLIENT, "body").text("1 < 2 && 3 > 2 ]]> 'q' \"q\"").build()).build();
        assertEquals("<message to='a&apos;b&quot;c&lt;d&gt;&amp;e'><body>1 &lt; 2 &amp;&amp; 3 &gt; 2 ]]&gt; 'q' \"q\"</body></message>",
                XmlWriter.write(element, Namespaces.CLIENT));
    }

    @Test
    void keepsWhitespaceThroughNormalizationAndReplacesWhatXmlCannotCarry() {
        XmlElement element = XmlElement.builder(Namespaces.CLIENT, "m").attribute("a", "x\ty\nz\r")
                .text("l1\r\nl2\u0000\u0007\uFFFE\uD800!").build();
        assertEquals("<m a='x&#9;y&#10;z&#13;'>l1&#13;\nl2\uFFFD\uFFFD\uFFFD\uFFFD!</m>", XmlWriter.write(element, Namespaces.CLIENT));
    }

    @Test
    void declaresNamespacesWhereTheyChange() {
        XmlElement element = XmlElement.builder(Namespaces.CLIENT, "iq").attribute(Namespaces.XML, "lang", "en")
                .child(XmlElement.builder(Namespaces.ROSTER, "query")
                        .child(XmlElement.builder(Namespaces.ROSTER, "item").attribute("urn:x", "k", "v").build()).build())
                .build();
        assertEquals("<iq xml:lang='en'><query xmlns='jabber:iq:roster'><item xmlns:ns0='urn:x' ns0:k='v'/></query></iq>",
                XmlWriter.write(element, Namespaces.CLIENT));
        assertEquals("<iq xmlns='jabber:client' xml:lang='en'><query xmlns='jabber:iq:roster'><item xmlns:ns0='urn:x' ns0:k='v'/></query></iq>",
                XmlWriter.write(element, ""));
    }

    @Test
    void whatIsWrittenReadsBackEqual() {
        XmlElement element = XmlElement.builder(Namespaces.CLIENT, "message").attribute("to", "a'b\"c<\t\n\r>&")
                .attribute(Namespaces.XML, "lang", "de").attribute("urn:x", "k", "v")
                .child(XmlElement.builder(Namespaces.CLIENT, "body").text("x\r\ny <&> ]]> \uD83D\uDE00 'q\"").build())
                .child(XmlElement.builder("urn:other", "x").child(XmlElement.builder("urn:other", "y").text("t").build()).build())
                .build();
        String written = XmlWriter.write(element, Namespaces.CLIENT);
        Streams.Outcome outcome = Streams.byteByByte(Streams.HEADER + written);
        assertEquals(element, ((StreamEvent.Stanza) outcome.events().get(1)).element());
    }

    @Test
    void writesHeadersAndErrors() {
        assertEquals("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
                + "id='abc' from='example.org' version='1.0' xml:lang='en'>",
                XmlWriter.streamHeader(new StreamHeader("example.org", null, "abc", "1.0", "en", Namespaces.CLIENT)));
        assertEquals("<stream:error><not-well-formed xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>a &lt;b&gt;</text></stream:error></stream:stream>",
                XmlWriter.streamError(StreamErrorCondition.NOT_WELL_FORMED, "a <b>"));
    }
}
