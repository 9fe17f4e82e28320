package dev.torsion.xmpp.server;

import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.stream.XmlElement;

/** Stanza error replies (RFC 6120 §8.3): the condition, its type, and the addresses swapped. */
public final class StanzaErrors {
    /** §8.3.3.19 service-unavailable: no such service or recipient here. */
    public static final String SERVICE_UNAVAILABLE = "service-unavailable";
    /** §8.3.3.1 bad-request. */
    public static final String BAD_REQUEST = "bad-request";
    /** §8.3.3.8 jid-malformed. */
    public static final String JID_MALFORMED = "jid-malformed";
    /** §8.3.3.9 not-acceptable. */
    public static final String NOT_ACCEPTABLE = "not-acceptable";
    /** §8.3.3.10 not-allowed. */
    public static final String NOT_ALLOWED = "not-allowed";
    /** §8.3.3.7 item-not-found. */
    public static final String ITEM_NOT_FOUND = "item-not-found";
    /** §8.3.3.16 remote-server-not-found. */
    public static final String REMOTE_SERVER_NOT_FOUND = "remote-server-not-found";
    /** §8.3.3.18 resource-constraint. */
    public static final String RESOURCE_CONSTRAINT = "resource-constraint";
    /** §8.3.3.4 feature-not-implemented. */
    public static final String FEATURE_NOT_IMPLEMENTED = "feature-not-implemented";
    /** §8.3.3.3 conflict. */
    public static final String CONFLICT = "conflict";
    /** §8.3.3.5 forbidden. */
    public static final String FORBIDDEN = "forbidden";

    private StanzaErrors() {
    }

    /** The error type RFC 6120 §8.3.3 suggests for {@code condition}. */
    public static String typeOf(String condition) {
        return switch (condition) {
            case BAD_REQUEST, JID_MALFORMED, NOT_ACCEPTABLE -> "modify";
            case RESOURCE_CONSTRAINT -> "wait";
            case FORBIDDEN -> "auth";
            default -> "cancel";
        };
    }

    /**
     * The error reply to {@code stanza} (§8.3.1): same kind and id, 'to' and 'from' swapped
     * ({@code from} when the original had no 'to'), type "error" and the condition.
     */
    public static XmlElement reply(XmlElement stanza, String condition, String from) {
        String originalTo = stanza.attribute("to");
        XmlElement error = XmlElement.builder(Namespaces.CLIENT, "error").attribute("type", typeOf(condition))
                .child(XmlElement.empty(Namespaces.STANZA_ERRORS, condition)).build();
        return XmlElement.builder(stanza.namespace(), stanza.name()).attribute("type", "error")
                .attribute("id", stanza.attribute("id"))
                .attribute("from", originalTo == null ? from : originalTo)
                .attribute("to", stanza.attribute("from"))
                .child(error).build();
    }

    /**
     * As {@link #reply}, with the original stanza's child elements kept before the error (§8.3.1
     * allows it; XEP-0045 clients recognise a refused join by the {@code <x/>} it carried).
     */
    public static XmlElement replyWithPayload(XmlElement stanza, String condition, String from) {
        XmlElement reply = reply(stanza, condition, from);
        XmlElement.Builder withPayload = XmlElement.builder(reply.namespace(), reply.name());
        reply.attributes().forEach(a -> withPayload.attribute(a.namespace(), a.name(), a.value()));
        for (XmlElement child : stanza.elements()) {
            if (!child.is(stanza.namespace(), "error")) {
                withPayload.child(child);
            }
        }
        return withPayload.child(reply.elements().get(0)).build();
    }
}
