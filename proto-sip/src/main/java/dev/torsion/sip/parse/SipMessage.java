package dev.torsion.sip.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * A SIP request or response (RFC 3261 section 7): header fields and an opaque body (an SDP body is
 * carried as bytes, never parsed here). The typed accessors parse on demand and throw a
 * {@link SipParseException} when a field is malformed; the parsers have already checked the
 * mandatory ones of every message they hand out.
 */
public abstract sealed class SipMessage permits SipRequest, SipResponse {
    private final SipHeaders headers;
    private byte[] body;
    /**
     * The top Via's field value last parsed and its parse: a proxy reads the top Via several times
     * a message (transport, transaction matching, forwarding), so it is parsed once while that
     * value (the same String object) stays on top.
     */
    private String parsedViaValue;
    private Via parsedVia;

    SipMessage(SipHeaders headers, byte[] body) {
        this.headers = headers;
        this.body = body;
    }

    /** The header fields (mutable: a proxy adds its Via and Record-Route). */
    public SipHeaders headers() {
        return headers;
    }

    /** The body, empty when there is none. */
    public byte[] body() {
        return body;
    }

    /** Replaces the body; the writer sets Content-Length from it. */
    public void setBody(byte[] newBody) {
        this.body = newBody;
    }

    /** The Call-ID, or null. */
    public String callId() {
        return headers.first(HeaderNames.CALL_ID);
    }

    /** The CSeq. */
    public CSeq cseq() throws SipParseException {
        String value = headers.first(HeaderNames.CSEQ);
        if (value == null) {
            throw new SipParseException(400, "Missing CSeq");
        }
        return CSeq.parse(value);
    }

    /** The topmost Via: a copy of its own, which the caller may change. */
    public Via topVia() throws SipParseException {
        String value = headers.first(HeaderNames.VIA);
        if (value == null) {
            throw new SipParseException(400, "Missing Via");
        }
        // Identity, not equals: a field replaced by an equal text is parsed again, which is only slower.
        if (value != parsedViaValue) {
            parsedVia = Via.parse(value);
            parsedViaValue = value;
        }
        return parsedVia.copy();
    }

    /** Every Via, topmost first. */
    public List<Via> vias() throws SipParseException {
        List<String> values = headers.all(HeaderNames.VIA);
        List<Via> vias = new ArrayList<>(values.size());
        for (String value : values) {
            vias.add(Via.parse(value));
        }
        if (!vias.isEmpty()) {
            // The parser validates every Via: the top one's parse is kept for topVia (a copy: the list is the caller's).
            parsedVia = vias.get(0).copy();
            parsedViaValue = values.get(0);
        }
        return vias;
    }

    /** The From value. */
    public NameAddress from() throws SipParseException {
        return NameAddress.parse(required(HeaderNames.FROM), "From");
    }

    /** The To value. */
    public NameAddress to() throws SipParseException {
        return NameAddress.parse(required(HeaderNames.TO), "To");
    }

    /** Every Contact value. */
    public List<NameAddress> contacts() throws SipParseException {
        return nameAddresses(HeaderNames.CONTACT, "Contact");
    }

    /** Every value of a name-addr list ({@code Route}, {@code Record-Route}, {@code Contact}). */
    public List<NameAddress> nameAddresses(String name, String what) throws SipParseException {
        List<NameAddress> values = new ArrayList<>();
        for (String value : headers.all(name)) {
            values.add(NameAddress.parse(value, what));
        }
        return values;
    }

    private String required(String name) throws SipParseException {
        String value = headers.first(name);
        if (value == null) {
            throw new SipParseException(400, "Missing " + name);
        }
        return value;
    }

    /** Whether this is a request. */
    public abstract boolean isRequest();
}
