package dev.torsion.smtp.client;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Reactor;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * MX lookups through the JDK's DNS provider (the resolvers of {@code /etc/resolv.conf}), on the
 * reactor's thread pool since a lookup blocks.
 */
public final class SystemMailExchangerResolver implements MailExchangerResolver {
    private final Reactor reactor;

    /** Looks up on {@code reactor}'s thread pool. */
    public SystemMailExchangerResolver(Reactor reactor) {
        this.reactor = reactor;
    }

    @Override
    public Deferred<List<String>> mailExchangers(String domain) {
        return reactor.deferToThread(() -> MxRecords.order(domain, lookup(domain)));
    }

    private static List<String> lookup(String domain) throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        DirContext context = new InitialDirContext(env);
        try {
            Attributes attributes = context.getAttributes(domain, new String[] {"MX"});
            Attribute mx = attributes.get("MX");
            List<String> records = new ArrayList<>();
            if (mx != null) {
                NamingEnumeration<?> values = mx.getAll();
                while (values.hasMore()) {
                    records.add(values.next().toString());
                }
            }
            return records;
        } catch (NameNotFoundException e) {
            throw new IllegalArgumentException("no such domain: " + domain, e);
        } finally {
            context.close();
        }
    }
}
