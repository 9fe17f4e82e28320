package dev.torsion.xmpp.server;

import dev.torsion.xmpp.stream.XmlElement;

/**
 * Where the stanzas for one domain other than the server's own go (RFC 6120 §10.4): a connected
 * component (XEP-0114), the in-process multi-user chat service (XEP-0045), a remote server. Called
 * on the reactor thread; the stanza is in {@code jabber:client} with a checked 'from'.
 */
public interface DomainRoute {
    /** Takes {@code stanza}, addressed to this route's domain. */
    void deliver(XmlElement stanza);
}
