package dev.torsion.irc.codec;

/**
 * How nicknames and channel names compare regardless of case (ISUPPORT CASEMAPPING, Modern IRC
 * "Casemapping"; RFC 1459 §2.2: {@code {}|^} are the lower case of {@code []\~}).
 */
public enum CaseMapping {
    /** Only A-Z and a-z fold. */
    ASCII("ascii"),
    /** A-Z and {@code []\~} fold to a-z and {@code {}|^} (RFC 1459 §2.2, most servers' default). */
    RFC1459("rfc1459"),
    /** As RFC1459 without {@code ~} and {@code ^}. */
    STRICT_RFC1459("strict-rfc1459");

    private final String token;

    CaseMapping(String token) {
        this.token = token;
    }

    /** The ISUPPORT token: {@code CASEMAPPING=token}. */
    public String token() {
        return token;
    }

    /** {@code name} folded to lower case, the key under which it is compared. */
    public String fold(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            out.append(fold(name.charAt(i)));
        }
        return out.toString();
    }

    private char fold(char c) {
        if (c >= 'A' && c <= 'Z') {
            return (char) (c + ('a' - 'A'));
        }
        if (this == ASCII) {
            return c;
        }
        return switch (c) {
            case '[' -> '{';
            case ']' -> '}';
            case '\\' -> '|';
            case '~' -> this == RFC1459 ? '^' : c;
            default -> c;
        };
    }

    /** Whether {@code a} and {@code b} are the same name under this mapping. */
    public boolean equal(String a, String b) {
        return fold(a).equals(fold(b));
    }
}
