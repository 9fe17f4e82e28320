package dev.torsion.mail;

import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.mail.delivery.Aliases;
import dev.torsion.mail.delivery.MailDomain;
import dev.torsion.tls.TlsOptions;
import java.util.List;
import java.util.Objects;

/**
 * What a mail server serves.
 *
 * @param hostname the name in greetings and Received lines
 * @param domains the domains mail is delivered for (at least one)
 * @param aliases the aliases, for every domain
 * @param checkers who may log in (POP3, SMTP AUTH): users as {@code local@domain}, or {@code local} with one domain
 * @param tls STARTTLS/STLS options, or null; without TLS, logins in plain text are allowed
 */
public record MailSettings(String hostname, List<MailDomain> domains, Aliases aliases, List<CredentialsChecker> checkers, TlsOptions tls) {
    /** Copies the lists and checks that there is a domain. */
    public MailSettings {
        Objects.requireNonNull(hostname, "hostname");
        domains = List.copyOf(domains);
        checkers = List.copyOf(checkers);
        Objects.requireNonNull(aliases, "aliases");
        if (domains.isEmpty()) {
            throw new IllegalArgumentException("at least one --domain is required");
        }
    }
}
