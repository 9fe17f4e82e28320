/**
 * The client-to-server XMPP server: {@link dev.torsion.xmpp.server.XmppServer} (what one reactor's
 * sessions share: bindings, rosters, offline messages, routing), {@link dev.torsion.xmpp.server.ClientSession}
 * (one stream, its lifecycle in {@link dev.torsion.xmpp.server.XmppSessionState}) and the factory.
 */
package dev.torsion.xmpp.server;
