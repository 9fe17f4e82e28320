package dev.torsion.imap.mime;

/**
 * One header field as it stands in the message.
 *
 * @param name the field name as written
 * @param value the value unfolded (RFC 5322 §2.2.3: CR LF before white space removed), not decoded
 */
public record HeaderField(String name, String value) {
}
