package dev.torsion.smtp.codec;

import java.util.Map;

/**
 * The argument of MAIL FROM or RCPT TO: the path and its ESMTP parameters.
 *
 * @param mailbox the address, or null for the null reverse-path {@code <>} (RFC 5321 §4.5.5)
 * @param parameters the parameters by upper-case keyword; a keyword without value maps to ""
 */
public record PathArgument(Mailbox mailbox, Map<String, String> parameters) {
    /** Copies the parameters. */
    public PathArgument {
        parameters = Map.copyOf(parameters);
    }
}
