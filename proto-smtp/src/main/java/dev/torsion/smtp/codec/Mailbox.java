package dev.torsion.smtp.codec;

import java.util.Locale;

/**
 * An address from a MAIL or RCPT path: {@code local@domain} (RFC 5321 §4.1.2). The local part is
 * kept as sent (it is case-sensitive, §2.4); the domain is compared without case.
 *
 * @param localPart the local part, quotes included if it was quoted; never empty
 * @param domain the domain or address literal, or empty for the bare {@code <postmaster>} (§4.1.1.3)
 */
public record Mailbox(String localPart, String domain) {

    /** The domain in lower case, for lookups. */
    public String domainLowerCase() {
        return domain.toLowerCase(Locale.ROOT);
    }

    /** Whether this is {@code postmaster} with or without a domain (RFC 5321 §4.5.1). */
    public boolean isPostmaster() {
        return localPart.equalsIgnoreCase("postmaster");
    }

    @Override
    public String toString() {
        return domain.isEmpty() ? localPart : localPart + "@" + domain;
    }
}
