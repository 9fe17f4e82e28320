package dev.torsion.xmpp.stream;

import dev.torsion.xmpp.Namespaces;
import java.nio.charset.StandardCharsets;

/**
 * Writes stream headers, stanzas and stream errors as UTF-8 XML (RFC 6120 §11). Text and attribute
 * values are escaped so that a reader gets back exactly what was written: markup characters become
 * entities, and tab, line feed and carriage return in attributes (and carriage return in text)
 * become character references, which attribute-value and line-end normalization leave alone
 * (XML 1.0 §2.11, §3.3.3). Characters XML 1.0 cannot carry at all (most C0 controls, U+FFFE,
 * U+FFFF, unpaired surrogates, §2.2) are replaced by U+FFFD. Elements in the streams namespace
 * are written with the {@code stream:} prefix of the stream header, so they belong inside a stream.
 */
public final class XmlWriter {
    private XmlWriter() {
    }

    /**
     * The opening tag of a stream (RFC 6120 §4.7), preceded by the XML declaration: null attributes
     * are left out; {@code contentNamespace} is the default namespace (jabber:client for clients).
     */
    public static String streamHeader(StreamHeader header) {
        StringBuilder out = new StringBuilder(256);
        out.append("<?xml version='1.0'?><stream:stream xmlns='");
        escape(out, header.contentNamespace(), true);
        out.append("' xmlns:stream='").append(Namespaces.STREAMS).append('\'');
        optionalAttribute(out, "id", header.id());
        optionalAttribute(out, "from", header.from());
        optionalAttribute(out, "to", header.to());
        optionalAttribute(out, "version", header.version());
        optionalAttribute(out, "xml:lang", header.lang());
        return out.append('>').toString();
    }

    /** The closing tag of a stream (RFC 6120 §4.4). */
    public static String streamClose() {
        return "</stream:stream>";
    }

    /**
     * A stream error (RFC 6120 §4.9.2) followed by the closing stream tag, with an optional
     * human-readable {@code text} (null for none).
     */
    public static String streamError(StreamErrorCondition condition, String text) {
        StringBuilder out = new StringBuilder(160);
        out.append("<stream:error><").append(condition.elementName()).append(" xmlns='")
                .append(Namespaces.STREAM_ERRORS).append("'/>");
        if (text != null) {
            out.append("<text xmlns='").append(Namespaces.STREAM_ERRORS).append("'>");
            escape(out, text, false);
            out.append("</text>");
        }
        return out.append("</stream:error>").append(streamClose()).toString();
    }

    /** {@code element} as XML, declaring its namespace unless it is {@code defaultNamespace}. */
    public static String write(XmlElement element, String defaultNamespace) {
        StringBuilder out = new StringBuilder(128);
        write(out, element, defaultNamespace);
        return out.toString();
    }

    /** {@code element} as UTF-8 bytes, declaring its namespace unless it is {@code defaultNamespace}. */
    public static byte[] bytes(XmlElement element, String defaultNamespace) {
        return write(element, defaultNamespace).getBytes(StandardCharsets.UTF_8);
    }

    private static void write(StringBuilder out, XmlElement element, String defaultNamespace) {
        // Elements of the streams namespace (features, error) take the "stream" prefix the stream
        // header declared (RFC 6120 §4.8.5) and leave the default namespace as it was.
        boolean streamsElement = element.namespace().equals(Namespaces.STREAMS);
        String tag = streamsElement ? "stream:" + element.name() : element.name();
        String childDefault = streamsElement ? defaultNamespace : element.namespace();
        out.append('<').append(tag);
        if (!streamsElement && !element.namespace().equals(defaultNamespace)) {
            out.append(" xmlns='");
            escape(out, element.namespace(), true);
            out.append('\'');
        }
        int prefixes = 0;
        for (XmlAttribute attribute : element.attributes()) {
            out.append(' ');
            if (attribute.namespace().equals(Namespaces.XML)) {
                out.append("xml:");
            } else if (!attribute.namespace().isEmpty()) {
                // An attribute in a namespace needs a prefix (Namespaces in XML §6.2); a fresh one each.
                String prefix = "ns" + prefixes++;
                out.append("xmlns:").append(prefix).append("='");
                escape(out, attribute.namespace(), true);
                out.append("' ").append(prefix).append(':');
            }
            out.append(attribute.name()).append("='");
            escape(out, attribute.value(), true);
            out.append('\'');
        }
        if (element.children().isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        for (XmlNode child : element.children()) {
            if (child instanceof XmlElement inner) {
                write(out, inner, childDefault);
            } else if (child instanceof XmlText text) {
                escape(out, text.text(), false);
            }
        }
        out.append("</").append(tag).append('>');
    }

    private static void optionalAttribute(StringBuilder out, String name, String value) {
        if (value != null) {
            out.append(' ').append(name).append("='");
            escape(out, value, true);
            out.append('\'');
        }
    }

    /** Appends {@code text} escaped for character data or (with {@code attribute}) a quoted value. */
    static void escape(StringBuilder out, String text, boolean attribute) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\'' -> out.append(attribute ? "&apos;" : "'");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\r' -> out.append("&#13;");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> i = appendChecked(out, text, i, c);
            }
        }
    }

    /** Appends one character (or surrogate pair) that XML 1.0 allows, else U+FFFD; returns the last index used. */
    private static int appendChecked(StringBuilder out, String text, int i, char c) {
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(i + 1));
            return i + 1;
        }
        boolean allowed = c >= 0x20 && !Character.isSurrogate(c) && c != 0xFFFE && c != 0xFFFF;
        out.append(allowed ? c : '\uFFFD');
        return i;
    }
}
