/** Server-to-server streams with server dialback (XEP-0220, keys per XEP-0185). */
package dev.torsion.xmpp.server.s2s;
