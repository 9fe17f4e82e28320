package dev.torsion.smtp.client;

import dev.torsion.defer.Deferred;
import java.util.List;

/**
 * Finds the hosts that take mail for a domain (RFC 5321 §5.1): its MX records by preference, or the
 * domain itself when it has none. The mail module's {@code DnsMailExchangers} asks proto-dns's
 * resolver; {@link SystemMailExchangerResolver} asks the JDK's.
 */
@FunctionalInterface
public interface MailExchangerResolver {
    /** The host names to try, best first; fails when the domain does not exist or says it takes no mail. */
    Deferred<List<String>> mailExchangers(String domain);
}
