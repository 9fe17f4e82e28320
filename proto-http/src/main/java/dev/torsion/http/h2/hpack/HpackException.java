package dev.torsion.http.h2.hpack;

/**
 * A header block that breaks HPACK (RFC 7541): a connection error of type COMPRESSION_ERROR
 * (RFC 9113 section 4.3), since the dynamic tables of both ends can no longer agree.
 */
public final class HpackException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A violation described by {@code message}. */
    public HpackException(String message) {
        super(message, null, false, false);
    }
}
