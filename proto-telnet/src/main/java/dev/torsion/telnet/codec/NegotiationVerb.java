package dev.torsion.telnet.codec;

/** The four option commands of RFC 854 ("The TELNET Option Negotiation"). */
public enum NegotiationVerb {
    /** The sender will (or does) perform the option. */
    WILL(TelnetCommand.WILL),
    /** The sender will not (or no longer) perform the option. */
    WONT(TelnetCommand.WONT),
    /** The sender asks the receiver to perform the option. */
    DO(TelnetCommand.DO),
    /** The sender asks the receiver not to (or to stop) perform the option. */
    DONT(TelnetCommand.DONT);

    private final int code;

    NegotiationVerb(int code) {
        this.code = code;
    }

    /** The command byte. */
    public int code() {
        return code;
    }

    /** The verb of a command byte, or null when it is not one of the four. */
    public static NegotiationVerb of(int command) {
        return switch (command) {
            case TelnetCommand.WILL -> WILL;
            case TelnetCommand.WONT -> WONT;
            case TelnetCommand.DO -> DO;
            case TelnetCommand.DONT -> DONT;
            default -> null;
        };
    }
}
