/**
 * Rosters (RFC 6121 §2) and their subscription states (§3, Appendix A), and where they are kept:
 * {@link dev.torsion.xmpp.server.roster.RosterStore} with a file store (one file per account,
 * written off the reactor thread) and a memory store.
 */
package dev.torsion.xmpp.server.roster;
