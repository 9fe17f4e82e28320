package dev.torsion.telnet.codec;

/** Option codes of the options this module knows (IANA "Telnet Options" registry). */
public final class TelnetOption {
    /** Binary transmission (RFC 856): refused, the NVT is used. */
    public static final int BINARY = 0;
    /** Echo (RFC 857). */
    public static final int ECHO = 1;
    /** Suppress go-ahead (RFC 858). */
    public static final int SUPPRESS_GO_AHEAD = 3;
    /** Status (RFC 859): refused. */
    public static final int STATUS = 5;
    /** Timing mark (RFC 860): refused. */
    public static final int TIMING_MARK = 6;
    /** Terminal type (RFC 1091). */
    public static final int TERMINAL_TYPE = 24;
    /** Negotiate about window size (RFC 1073). */
    public static final int NAWS = 31;
    /** Terminal speed (RFC 1079): refused. */
    public static final int TERMINAL_SPEED = 32;
    /** Remote flow control (RFC 1372): refused. */
    public static final int TOGGLE_FLOW_CONTROL = 33;
    /** Linemode (RFC 1184). */
    public static final int LINEMODE = 34;
    /** X display location (RFC 1096): refused. */
    public static final int X_DISPLAY_LOCATION = 35;
    /** The old environment option (RFC 1408): refused. */
    public static final int OLD_ENVIRON = 36;
    /** New environment (RFC 1572). */
    public static final int NEW_ENVIRON = 39;

    private TelnetOption() {
    }

    /** The option's name for logs, or its number. */
    public static String name(int option) {
        return switch (option) {
            case BINARY -> "BINARY";
            case ECHO -> "ECHO";
            case SUPPRESS_GO_AHEAD -> "SGA";
            case STATUS -> "STATUS";
            case TIMING_MARK -> "TIMING-MARK";
            case TERMINAL_TYPE -> "TTYPE";
            case NAWS -> "NAWS";
            case TERMINAL_SPEED -> "TSPEED";
            case TOGGLE_FLOW_CONTROL -> "LFLOW";
            case LINEMODE -> "LINEMODE";
            case X_DISPLAY_LOCATION -> "XDISPLOC";
            case OLD_ENVIRON -> "OLD-ENVIRON";
            case NEW_ENVIRON -> "NEW-ENVIRON";
            default -> Integer.toString(option);
        };
    }
}
