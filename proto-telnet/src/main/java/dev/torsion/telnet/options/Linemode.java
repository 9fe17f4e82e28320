package dev.torsion.telnet.options;

import java.util.OptionalInt;

/**
 * LINEMODE basics (RFC 1184): the MODE subnegotiation only. The server proposes a mode mask; the
 * client answers with the same mask and MODE_ACK set when it agrees (section 2.2). FORWARDMASK and
 * SLC are not implemented.
 */
public final class Linemode {
    /** The MODE sub-command. */
    public static final int MODE = 1;
    /** The client edits lines locally. */
    public static final int EDIT = 1;
    /** The client traps signals (interrupt, ...) and sends Telnet commands for them. */
    public static final int TRAPSIG = 2;
    /** The mask acknowledges one received. */
    public static final int MODE_ACK = 4;
    /** The client expands tabs. */
    public static final int SOFT_TAB = 8;
    /** The client echoes non-printables literally. */
    public static final int LIT_ECHO = 16;

    private Linemode() {
    }

    /** The parameters of MODE {@code mask}. */
    public static byte[] mode(int mask) {
        return new byte[] {MODE, (byte) mask};
    }

    /** The mask of a MODE, or empty when the parameters are not a MODE of exactly one mask byte. */
    public static OptionalInt decodeMode(byte[] parameters) {
        if (parameters.length != 2 || parameters[0] != MODE) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(parameters[1] & 0xFF);
    }
}
