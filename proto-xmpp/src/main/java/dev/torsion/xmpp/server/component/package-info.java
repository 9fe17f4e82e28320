/** The server side of the component protocol (XEP-0114): the component listener and its streams. */
package dev.torsion.xmpp.server.component;
