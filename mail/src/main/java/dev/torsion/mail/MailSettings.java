package dev.torsion.mail;

import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.mail.delivery.Aliases;
import dev.torsion.mail.delivery.MailDomain;
import dev.torsion.mail.relay.RelayNetworks;
import dev.torsion.tls.TlsOptions;
import java.nio.file.Path;
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
 * @param relayQueue the relay queue's directory, or null to never relay
 * @param relayNetworks client networks that may relay without logging in (logged-in users always may)
 * @param smartHost an endpoint ({@code tcp:HOST:PORT}) all relayed mail goes to, or null for MX lookups
 */
public record MailSettings(String hostname, List<MailDomain> domains, Aliases aliases, List<CredentialsChecker> checkers, TlsOptions tls,
        Path relayQueue, RelayNetworks relayNetworks, String smartHost) {
    /** Copies the lists and checks that there is a domain. */
    public MailSettings {
        Objects.requireNonNull(hostname, "hostname");
        domains = List.copyOf(domains);
        checkers = List.copyOf(checkers);
        Objects.requireNonNull(aliases, "aliases");
        if (domains.isEmpty()) {
            throw new IllegalArgumentException("at least one --domain is required");
        }
        Objects.requireNonNull(relayNetworks, "relayNetworks");
    }

    /** Settings without relaying. */
    public MailSettings(String hostname, List<MailDomain> domains, Aliases aliases, List<CredentialsChecker> checkers, TlsOptions tls) {
        this(hostname, domains, aliases, checkers, tls, null, RelayNetworks.none(), null);
    }

    /** These settings relaying through the queue in {@code queue}, for {@code networks} and logged-in users. */
    public MailSettings withRelay(Path queue, RelayNetworks networks, String smartHostEndpoint) {
        return new MailSettings(hostname, domains, aliases, checkers, tls, queue, networks, smartHostEndpoint);
    }
}
