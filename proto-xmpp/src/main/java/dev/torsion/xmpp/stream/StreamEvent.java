package dev.torsion.xmpp.stream;

/** What the stream reader yields: the opening tag, one top-level element, or the closing tag. */
public sealed interface StreamEvent permits StreamEvent.Opened, StreamEvent.Stanza, StreamEvent.Closed {
    /** The opening stream tag (RFC 6120 §4.7). */
    record Opened(StreamHeader header) implements StreamEvent {
    }

    /** One complete top-level element: a stanza or a negotiation element (RFC 6120 §4.1). */
    record Stanza(XmlElement element) implements StreamEvent {
    }

    /** The closing stream tag (RFC 6120 §4.4). */
    record Closed() implements StreamEvent {
    }
}
