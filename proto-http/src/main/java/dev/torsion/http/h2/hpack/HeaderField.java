package dev.torsion.http.h2.hpack;

/**
 * One header field as HPACK carries it: name and value as octets, held as ISO-8859-1 strings so
 * that one char is one octet (HTTP/2 field values are octets, RFC 9113 section 8.2).
 *
 * @param name the name (lower-case in HTTP/2)
 * @param value the value
 */
public record HeaderField(String name, String value) {
    /** RFC 7541 section 4.1: an entry's size is its name and value lengths plus 32. */
    public int size() {
        return name.length() + value.length() + 32;
    }
}
