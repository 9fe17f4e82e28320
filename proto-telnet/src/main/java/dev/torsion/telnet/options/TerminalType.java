package dev.torsion.telnet.options;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** TERMINAL-TYPE (RFC 1091): the server sends SEND (1), the client answers IS (0) name. */
public final class TerminalType {
    /** The IS sub-command. */
    public static final int IS = 0;
    /** The SEND sub-command. */
    public static final int SEND = 1;

    private TerminalType() {
    }

    /** The parameters of a SEND. */
    public static byte[] send() {
        return new byte[] {SEND};
    }

    /** Whether the parameters are a SEND. */
    public static boolean isSend(byte[] parameters) {
        return parameters.length == 1 && parameters[0] == SEND;
    }

    /** The parameters of IS {@code name} (RFC 1091: ASCII). */
    public static byte[] is(String name) {
        byte[] text = name.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[text.length + 1];
        out[0] = IS;
        System.arraycopy(text, 0, out, 1, text.length);
        return out;
    }

    /**
     * The name of an IS, or empty when the parameters are not an IS, the name is empty or longer
     * than {@code maxLength} (RFC 1091 allows 40 characters), or holds a byte outside printable
     * ASCII (RFC 1091 names are letters, digits, '-' and '/'; lowercase is common in practice).
     */
    public static Optional<String> decodeIs(byte[] parameters, int maxLength) {
        if (parameters.length < 2 || parameters[0] != IS || parameters.length - 1 > maxLength) {
            return Optional.empty();
        }
        for (int i = 1; i < parameters.length; i++) {
            if (parameters[i] < 0x21 || parameters[i] > 0x7E) {
                return Optional.empty();
            }
        }
        return Optional.of(new String(parameters, 1, parameters.length - 1, StandardCharsets.US_ASCII));
    }
}
