package dev.torsion.telnet.options;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * NEW-ENVIRON (RFC 1572): IS, SEND and INFO with VAR, VALUE, ESC and USERVAR. The server sends
 * SEND (optionally with names), the client answers IS and later INFO.
 */
public final class NewEnviron {
    /** IS: the client's answer to SEND. */
    public static final int IS = 0;
    /** SEND: the server's request. */
    public static final int SEND = 1;
    /** INFO: the client's unsolicited update. */
    public static final int INFO = 2;
    /** A well-known variable's name follows. */
    public static final int VAR = 0;
    /** A value follows. */
    public static final int VALUE = 1;
    /** The next byte is literal. */
    public static final int ESC = 2;
    /** A user variable's name follows. */
    public static final int USERVAR = 3;

    private NewEnviron() {
    }

    /** The parameters of a SEND asking for every variable (RFC 1572: SEND with no names). */
    public static byte[] sendAll() {
        return new byte[] {SEND};
    }

    /** Whether the parameters are a SEND (with or without names). */
    public static boolean isSend(byte[] parameters) {
        return parameters.length >= 1 && parameters[0] == SEND;
    }

    /** The parameters of IS (or INFO when {@code info}) carrying {@code variables}. */
    public static byte[] encode(boolean info, List<EnvironmentVariable> variables) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(info ? INFO : IS);
        for (EnvironmentVariable variable : variables) {
            out.write(variable.user() ? USERVAR : VAR);
            writeEscaped(out, variable.name());
            if (variable.value() != null) {
                out.write(VALUE);
                writeEscaped(out, variable.value());
            }
        }
        return out.toByteArray();
    }

    /**
     * The variables of an IS or INFO, or empty when the parameters are neither, a value comes
     * before any name, an ESC ends them, or there are more than {@code maxVariables} (RFC 1572
     * section 2 gives the grammar).
     */
    public static Optional<List<EnvironmentVariable>> decode(byte[] parameters, int maxVariables) {
        if (parameters.length == 0 || (parameters[0] != IS && parameters[0] != INFO)) {
            return Optional.empty();
        }
        List<EnvironmentVariable> variables = new ArrayList<>();
        ByteArrayOutputStream name = null;
        ByteArrayOutputStream value = null;
        boolean user = false;
        for (int i = 1; i < parameters.length; i++) {
            int b = parameters[i] & 0xFF;
            if (b == VAR || b == USERVAR) {
                if (name != null) {
                    variables.add(variable(user, name, value));
                }
                if (variables.size() >= maxVariables) {
                    return Optional.empty();
                }
                user = b == USERVAR;
                name = new ByteArrayOutputStream();
                value = null;
            } else if (b == VALUE) {
                if (name == null || value != null) {
                    return Optional.empty();
                }
                value = new ByteArrayOutputStream();
            } else {
                if (name == null) {
                    return Optional.empty();
                }
                if (b == ESC) {
                    if (++i == parameters.length) {
                        return Optional.empty();
                    }
                    b = parameters[i] & 0xFF;
                }
                (value != null ? value : name).write(b);
            }
        }
        if (name != null) {
            variables.add(variable(user, name, value));
        }
        return Optional.of(List.copyOf(variables));
    }

    private static EnvironmentVariable variable(boolean user, ByteArrayOutputStream name,
            ByteArrayOutputStream value) {
        return new EnvironmentVariable(user, name.toString(StandardCharsets.UTF_8),
                value == null ? null : value.toString(StandardCharsets.UTF_8));
    }

    private static void writeEscaped(ByteArrayOutputStream out, String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            if (b >= 0 && b <= USERVAR) {
                out.write(ESC);
            }
            out.write(b);
        }
    }
}
