/**
 * XMPP (RFC 6120 core, RFC 6121 instant messaging and presence): the limits of a stream
 * ({@link dev.torsion.xmpp.XmppLimits}), the namespaces, and JIDs. The XML stream codec is in
 * {@code stream}, the client-to-server server in {@code server}.
 */
package dev.torsion.xmpp;
