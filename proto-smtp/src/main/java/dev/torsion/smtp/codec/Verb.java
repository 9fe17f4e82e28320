package dev.torsion.smtp.codec;

import java.util.Locale;

/** The SMTP commands the server knows (RFC 5321 §4.1.1, RFC 3207, RFC 4954, RFC 3030). */
public enum Verb {
    HELO, EHLO, MAIL, RCPT, DATA, BDAT, RSET, NOOP, QUIT, VRFY, EXPN, HELP, STARTTLS, AUTH,
    /** Anything else: earns {@code 500 5.5.2 Command unrecognized}. */
    UNKNOWN;

    /** The verb named by {@code word}, case-insensitively (RFC 5321 §2.4), or {@link #UNKNOWN}. */
    public static Verb parse(String word) {
        String upper = word.toUpperCase(Locale.ROOT);
        for (Verb verb : values()) {
            if (verb != UNKNOWN && verb.name().equals(upper)) {
                return verb;
            }
        }
        return UNKNOWN;
    }
}
