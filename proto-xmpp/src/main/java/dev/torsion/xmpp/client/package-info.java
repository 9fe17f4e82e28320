/**
 * The XMPP client (RFC 6120/6121): {@link dev.torsion.xmpp.client.XmppClient} negotiates STARTTLS,
 * SASL SCRAM and binding, then offers roster, presence, messages, IQs answered by Deferreds, and
 * ping; its lifecycle is {@link dev.torsion.xmpp.client.XmppClientState}.
 */
package dev.torsion.xmpp.client;
