package dev.torsion.telnet.codec;

/** The peer broke a limit of the decoder; the session must end (Telnet has no error reply). */
public final class TelnetDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why decoding stopped. */
    public enum Reason {
        /** A subnegotiation grew past {@code TelnetLimits.maxSubnegotiation}. */
        SUBNEGOTIATION_TOO_LONG,
        /** The decoder had already failed. */
        ALREADY_FAILED
    }

    private final Reason reason;

    /** A decoding failure for {@code reason}. */
    public TelnetDecodeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why decoding stopped. */
    public Reason reason() {
        return reason;
    }
}
