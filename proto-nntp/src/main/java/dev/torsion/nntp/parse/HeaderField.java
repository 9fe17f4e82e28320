package dev.torsion.nntp.parse;

/**
 * One header field of an article (RFC 5322 §2.2).
 *
 * @param name the field name as written
 * @param value the value, unfolded (RFC 5322 §2.2.3: CR LF before white space removed), with
 *     leading white space removed
 */
public record HeaderField(String name, String value) {
    /** Whether this field is called {@code other}, ignoring case (RFC 5322 §1.2.2). */
    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }
}
