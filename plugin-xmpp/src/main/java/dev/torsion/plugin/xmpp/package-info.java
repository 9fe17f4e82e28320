/** {@code torsion xmpp}: the runner plugin serving XMPP clients with {@code dev.torsion.xmpp.server}. */
package dev.torsion.plugin.xmpp;
