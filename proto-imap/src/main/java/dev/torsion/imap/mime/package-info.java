/**
 * MIME structure of stored messages for FETCH and SEARCH: {@link dev.torsion.imap.mime.MimePart}
 * splits a message into its parts (RFC 2045, RFC 2046) with Apache Mime4j's field parser.
 */
package dev.torsion.imap.mime;
