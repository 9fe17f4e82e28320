package dev.torsion.xmpp.stream;

/** Where an {@link XmlStreamReader} is in one stream; {@link #FAILED} is terminal. */
public enum ReaderState {
    /** Before the opening stream tag: only the XML declaration and whitespace may come. */
    AWAITING_HEADER,
    /** Inside the stream: stanzas and whitespace. */
    OPEN,
    /** The closing stream tag was read; later bytes are ignored. */
    CLOSED,
    /** A violation was found; the stream must end with its error. */
    FAILED;

    /** The root element was read. */
    ReaderState opened() {
        return check(AWAITING_HEADER, OPEN);
    }

    /** The closing tag was read. */
    ReaderState closed() {
        return check(OPEN, CLOSED);
    }

    /** A violation: terminal. */
    ReaderState failed() {
        return FAILED;
    }

    /** A stream restart (RFC 6120 §4.3.3) begins a new stream. */
    ReaderState restarted() {
        if (this == FAILED) {
            throw new IllegalStateException("a failed stream cannot restart");
        }
        return AWAITING_HEADER;
    }

    private ReaderState check(ReaderState from, ReaderState to) {
        if (this != from) {
            throw new IllegalStateException("stream reader in " + this + ", expected " + from);
        }
        return to;
    }
}
