package dev.torsion.dns.codec;

/**
 * The kinds of field an RDATA is made of; each {@link RRType} is a sequence of them, and one
 * generic encoder, decoder, printer and parser serves every type.
 */
public enum FieldKind {
    /** A domain name never compressed on output but decompressed on input (RFC 3597 section 4). */
    NAME,
    /** A domain name of an RFC 1035 type, compressed on output (RFC 1035 section 4.1.4, RFC 3597 section 4). */
    NAME_COMPRESSED,
    /** An unsigned 8-bit number. */
    U8,
    /** An unsigned 16-bit number. */
    U16,
    /** An unsigned 32-bit number. */
    U32,
    /** A 16-bit RR type, shown by its mnemonic (RRSIG's type covered). */
    TYPE,
    /** A 32-bit time, shown as YYYYMMDDHHmmSS (RFC 4034 section 3.2). */
    TIME,
    /** Four octets of an IPv4 address. */
    IPV4,
    /** Sixteen octets of an IPv6 address, shown as RFC 5952 says. */
    IPV6,
    /** One character-string (RFC 1035 section 3.3): a length octet and up to 255 octets. */
    STRING,
    /** One or more character-strings to the end of the RDATA (TXT). */
    STRINGS,
    /** CAA's tag: a length octet and alphanumerics, shown bare (RFC 8659 section 4.1). */
    CAA_TAG,
    /** Octets to the end of the RDATA, shown as one quoted string (CAA's value). */
    TEXT_REST,
    /** Octets to the end of the RDATA, shown in Base64 (keys, signatures). */
    BASE64_REST,
    /** Octets to the end of the RDATA, shown in hex (digests, certificates). */
    HEX_REST,
    /** A length octet and octets, shown in hex or {@code -} when empty (NSEC3 salt, RFC 5155 section 3.3). */
    HEX_U8,
    /** A length octet and octets, shown in Base32hex (NSEC3 next hashed owner, RFC 5155 section 3.3). */
    BASE32_U8,
    /** The type bit maps of NSEC and NSEC3 (RFC 4034 section 4.1.2). */
    TYPE_BITMAP,
    /** The SvcParams of SVCB and HTTPS (RFC 9460 section 2.2). */
    SVC_PARAMS
}
