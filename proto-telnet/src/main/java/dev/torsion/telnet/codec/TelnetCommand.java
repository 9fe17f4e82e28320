package dev.torsion.telnet.codec;

/** The command bytes of RFC 854 ("TELNET COMMAND STRUCTURE") and RFC 885 (EOR). */
public final class TelnetCommand {
    /** Interpret As Command. */
    public static final int IAC = 255;
    /** Refuse or stop an option on the peer's side. */
    public static final int DONT = 254;
    /** Ask the peer to enable an option on its side. */
    public static final int DO = 253;
    /** Refuse or stop an option on our side. */
    public static final int WONT = 252;
    /** Offer or confirm an option on our side. */
    public static final int WILL = 251;
    /** Start of subnegotiation (RFC 855). */
    public static final int SB = 250;
    /** Go ahead. */
    public static final int GA = 249;
    /** Erase line. */
    public static final int EL = 248;
    /** Erase character. */
    public static final int EC = 247;
    /** Are you there. */
    public static final int AYT = 246;
    /** Abort output. */
    public static final int AO = 245;
    /** Interrupt process. */
    public static final int IP = 244;
    /** Break. */
    public static final int BRK = 243;
    /** Data mark (the Synch). */
    public static final int DM = 242;
    /** No operation. */
    public static final int NOP = 241;
    /** End of subnegotiation (RFC 855). */
    public static final int SE = 240;
    /** End of record (RFC 885). */
    public static final int EOR = 239;

    private TelnetCommand() {
    }

    /** The command's name for logs, or its number. */
    public static String name(int command) {
        return switch (command) {
            case IAC -> "IAC";
            case DONT -> "DONT";
            case DO -> "DO";
            case WONT -> "WONT";
            case WILL -> "WILL";
            case SB -> "SB";
            case GA -> "GA";
            case EL -> "EL";
            case EC -> "EC";
            case AYT -> "AYT";
            case AO -> "AO";
            case IP -> "IP";
            case BRK -> "BRK";
            case DM -> "DM";
            case NOP -> "NOP";
            case SE -> "SE";
            case EOR -> "EOR";
            default -> Integer.toString(command);
        };
    }
}
