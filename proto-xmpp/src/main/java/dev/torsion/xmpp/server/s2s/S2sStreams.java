package dev.torsion.xmpp.server.s2s;

import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.stream.StreamHeader;
import dev.torsion.xmpp.stream.XmlElement;
import dev.torsion.xmpp.stream.XmlWriter;

/** What both ends of a server-to-server stream write (RFC 6120 §4.7, XEP-0220 §2). */
final class S2sStreams {
    private S2sStreams() {
    }

    /** A jabber:server header declaring the {@code db:} prefix, which announces dialback (XEP-0220 §2.1.1). */
    static String header(String from, String to, String id) {
        String header = XmlWriter.streamHeader(new StreamHeader(from, to, id, "1.0", null, Namespaces.SERVER));
        return header.replace("xmlns:stream='" + Namespaces.STREAMS + "'",
                "xmlns:stream='" + Namespaces.STREAMS + "' xmlns:db='" + Namespaces.DIALBACK + "'");
    }

    /** A dialback element ({@code db:result} or {@code db:verify}), written with its prefix. */
    static String dialback(String name, String from, String to, String id, String type, String key) {
        StringBuilder out = new StringBuilder("<db:").append(name);
        XmlElement.Builder attributes = XmlElement.builder(Namespaces.DIALBACK, name).attribute("from", from).attribute("to", to)
                .attribute("id", id).attribute("type", type);
        // Written through the writer for escaping, then given the prefix the header declared.
        String written = XmlWriter.write(attributes.build(), Namespaces.DIALBACK);
        out.append(written, 1 + name.length(), written.length() - 2);
        if (key == null) {
            return out.append("/>").toString();
        }
        return out.append('>').append(key).append("</db:").append(name).append('>').toString();
    }

    /** A stanza (in jabber:client inside this module) as it travels on a jabber:server stream. */
    static byte[] stanza(XmlElement stanza) {
        return XmlWriter.bytes(stanza.withNamespace(Namespaces.CLIENT, Namespaces.SERVER), Namespaces.SERVER);
    }
}
