package dev.torsion.sip.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code ;name=value} parameters of a Via, a name-addr or a URI (RFC 3261 section 25.1
 * {@code generic-param}), in order; names compare without case, a flag parameter has a null value.
 */
public final class Parameters {
    private final Map<String, String> values = new LinkedHashMap<>();

    /** No parameters. */
    public Parameters() {
    }

    /**
     * Parses {@code ;a=b;c;d="q"}: the text after the main part, starting at a semicolon or empty.
     * Names must be tokens; values tokens or quoted strings (kept with their quotes).
     */
    public static Parameters parse(String text) throws SipParseException {
        Parameters params = new Parameters();
        String rest = text.trim();
        while (!rest.isEmpty()) {
            if (rest.charAt(0) != ';') {
                throw new SipParseException(400, "Malformed Parameters");
            }
            int next = Syntax.indexOutsideQuotes(rest, ';', 1);
            String param = (next < 0 ? rest.substring(1) : rest.substring(1, next)).trim();
            rest = next < 0 ? "" : rest.substring(next);
            int eq = param.indexOf('=');
            String name = (eq < 0 ? param : param.substring(0, eq)).trim();
            String value = eq < 0 ? null : param.substring(eq + 1).trim();
            if (!Syntax.isToken(name) || value != null && !validValue(value)) {
                throw new SipParseException(400, "Malformed Parameters");
            }
            params.values.put(name.toLowerCase(Locale.ROOT), value);
        }
        return params;
    }

    private static boolean validValue(String value) {
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
            return true;
        }
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // token, plus the characters of a host (IPv6 references, section 25.1 gen-value).
            if (!Syntax.isTokenChar(c) && c != ':' && c != '[' && c != ']') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code name} is present, with or without a value. */
    public boolean has(String name) {
        return values.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** The value of {@code name}: null when absent or a flag. */
    public String get(String name) {
        return values.get(name.toLowerCase(Locale.ROOT));
    }

    /** Sets {@code name} (null: a flag). */
    public Parameters set(String name, String value) {
        values.put(name.toLowerCase(Locale.ROOT), value);
        return this;
    }

    /** Removes {@code name}. */
    public Parameters remove(String name) {
        values.remove(name.toLowerCase(Locale.ROOT));
        return this;
    }

    /** The parameters in order. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** Whether there are none. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** A copy. */
    public Parameters copy() {
        Parameters copy = new Parameters();
        copy.values.putAll(values);
        return copy;
    }

    /** {@code ;a=b;c}, or empty. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        values.forEach((name, value) -> {
            out.append(';').append(name);
            if (value != null) {
                out.append('=').append(value);
            }
        });
        return out.toString();
    }
}
