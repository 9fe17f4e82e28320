/**
 * Offline message storage (XEP-0160): {@link dev.torsion.xmpp.server.offline.OfflineStore} with a
 * memory store and a file store (one file of stanzas per account, read and written on the
 * reactor's thread pool).
 */
package dev.torsion.xmpp.server.offline;
