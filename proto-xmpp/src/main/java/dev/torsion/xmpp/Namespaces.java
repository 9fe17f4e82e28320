package dev.torsion.xmpp;

/** The XML namespaces of XMPP (RFC 6120 §11.2, RFC 6121 and the XEPs implemented here). */
public final class Namespaces {
    /** The stream element's namespace (RFC 6120 §4.8.1). */
    public static final String STREAMS = "http://etherx.jabber.org/streams";
    /** The content namespace of client-to-server streams (RFC 6120 §4.8.2). */
    public static final String CLIENT = "jabber:client";
    /** The content namespace of server-to-server streams (RFC 6120 §4.8.2). */
    public static final String SERVER = "jabber:server";
    /** The content namespace of component streams the server accepts (XEP-0114 §3). */
    public static final String COMPONENT_ACCEPT = "jabber:component:accept";
    /** Server dialback elements, prefixed {@code db:} (XEP-0220 §2). */
    public static final String DIALBACK = "jabber:server:dialback";
    /** The stream feature of server dialback (XEP-0220 §2.4). */
    public static final String DIALBACK_FEATURE = "urn:xmpp:features:dialback";
    /** Multi-user chat, the join element of presence (XEP-0045 §7.2). */
    public static final String MUC = "http://jabber.org/protocol/muc";
    /** Multi-user chat, occupant information in presence and messages (XEP-0045 §7.2.2). */
    public static final String MUC_USER = "http://jabber.org/protocol/muc#user";
    /** Multi-user chat, owner requests: room configuration and destruction (XEP-0045 §10). */
    public static final String MUC_OWNER = "http://jabber.org/protocol/muc#owner";
    /** Data forms (XEP-0004). */
    public static final String DATA_FORMS = "jabber:x:data";
    /** Stream management (XEP-0198 §2, version 3). */
    public static final String SM = "urn:xmpp:sm:3";
    /** Stream error conditions (RFC 6120 §4.9.2). */
    public static final String STREAM_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";
    /** Stanza error conditions (RFC 6120 §8.3.2). */
    public static final String STANZA_ERRORS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    /** STARTTLS (RFC 6120 §5.4). */
    public static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    /** SASL (RFC 6120 §6.4). */
    public static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    /** Resource binding (RFC 6120 §7). */
    public static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    /** Session establishment, kept as an optional no-op (RFC 3921 §3, draft-cridland-xmpp-session). */
    public static final String SESSION = "urn:ietf:params:xml:ns:xmpp-session";
    /** The roster (RFC 6121 §2). */
    public static final String ROSTER = "jabber:iq:roster";
    /** Service discovery, info (XEP-0030). */
    public static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    /** Service discovery, items (XEP-0030). */
    public static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
    /** XMPP ping (XEP-0199). */
    public static final String PING = "urn:xmpp:ping";
    /** Delayed delivery, stamped on offline messages (XEP-0203). */
    public static final String DELAY = "urn:xmpp:delay";
    /** In-band registration (XEP-0077). */
    public static final String REGISTER = "jabber:iq:register";
    /** The stream feature of in-band registration (XEP-0077 §4). */
    public static final String REGISTER_FEATURE = "http://jabber.org/features/iq-register";
    /** The disco feature of offline message storage (XEP-0160 §5). */
    public static final String OFFLINE_FEATURE = "msgoffline";
    /** The {@code xml:} prefix's namespace (Namespaces in XML §3). */
    public static final String XML = "http://www.w3.org/XML/1998/namespace";

    private Namespaces() {
    }
}
