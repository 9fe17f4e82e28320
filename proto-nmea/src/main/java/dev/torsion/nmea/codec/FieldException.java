package dev.torsion.nmea.codec;

/** A field that does not parse; caught by {@link SentenceParser} and turned into a rejection. */
final class FieldException extends Exception {
    private static final long serialVersionUID = 1L;

    FieldException(String message) {
        super(message, null, false, false);
    }
}
