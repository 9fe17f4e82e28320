/** The component side of the component protocol (XEP-0114) and its handshake. */
package dev.torsion.xmpp.component;
