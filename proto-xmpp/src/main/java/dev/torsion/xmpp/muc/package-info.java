/** Multi-user chat (XEP-0045): the service, its rooms and occupants, served in process as a route of the server. */
package dev.torsion.xmpp.muc;
