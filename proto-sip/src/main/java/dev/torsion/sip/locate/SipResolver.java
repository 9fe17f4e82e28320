package dev.torsion.sip.locate;

import dev.torsion.defer.Deferred;
import java.util.List;

/**
 * The DNS lookups RFC 3263 needs, each answered by a Deferred on the reactor thread. A name that
 * does not exist, or has no records of the type, answers an empty list; a lookup that could not be
 * made (no server answered, SERVFAIL) fails. {@link DnsSipResolver} backs it with proto-dns's
 * resolver; tests give a fake one.
 */
public interface SipResolver {
    /** The NAPTR records of {@code domain}. */
    Deferred<List<NaptrRecord>> naptr(String domain);

    /** The SRV records of {@code name} (for example {@code _sip._udp.example.org}). */
    Deferred<List<SrvRecord>> srv(String name);

    /** The addresses of {@code host}, IPv4 (A) before IPv6 (AAAA), as literals. */
    Deferred<List<String>> addresses(String host);
}
