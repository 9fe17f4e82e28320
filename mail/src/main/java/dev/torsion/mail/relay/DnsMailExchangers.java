package dev.torsion.mail.relay;

import dev.torsion.defer.Deferred;
import dev.torsion.dns.client.DnsLookupError;
import dev.torsion.dns.client.Resolver;
import dev.torsion.dns.codec.RRType;
import dev.torsion.dns.codec.ResourceRecord;
import dev.torsion.smtp.client.MailExchangerResolver;
import dev.torsion.smtp.client.MxRecords;
import java.util.List;

/**
 * The hosts that take mail for a domain, found by proto-dns's {@link Resolver} (its servers, its
 * cache, no blocking lookup on a thread): MX records ordered as RFC 5321 §5.1 says
 * ({@link MxRecords}), the domain itself when it has none, a failure for a domain that does not
 * exist or publishes a null MX (RFC 7505).
 */
public final class DnsMailExchangers implements MailExchangerResolver {
    private final Resolver resolver;

    /** Asks {@code resolver}. */
    public DnsMailExchangers(Resolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Deferred<List<String>> mailExchangers(String domain) {
        return resolver.lookupMailExchange(domain).addCallback(result -> {
            List<String> records = result.answers().stream()
                    .filter(record -> record.type() == RRType.MX)
                    .map(ResourceRecord::data)
                    .map(Object::toString)
                    .toList();
            return MxRecords.order(domain, records);
        }).addErrback(failure -> {
            if (failure.value() instanceof DnsLookupError error && error.isNameError()) {
                throw new IllegalArgumentException("no such domain: " + domain, error);
            }
            throw failure.rethrow();
        });
    }
}
