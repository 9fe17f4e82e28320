package dev.torsion.nmea.ais;

/** A whole AIS message that cannot be decoded: shorter than its type requires, or reserved. */
public final class AisDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** An exception saying what was wrong. */
    public AisDecodeException(String message) {
        super(message, null, false, false);
    }
}
