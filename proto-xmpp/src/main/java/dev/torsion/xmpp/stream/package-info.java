/**
 * The XML stream codec of XMPP (RFC 6120 §4, §11): a pure non-blocking reader on Aalto that yields
 * the stream header and each top-level element as an immutable tree, with limits and restricted
 * XML enforced, and a writer that escapes correctly. No I/O here.
 */
package dev.torsion.xmpp.stream;
