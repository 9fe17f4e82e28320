/**
 * The DNS client: {@link dev.torsion.dns.client.Resolver} (Twisted's IResolver) over
 * {@link dev.torsion.dns.client.DnsClient} (UDP with TCP fallback, anti-spoofing checks,
 * retries across servers), a hosts file and a {@link dev.torsion.dns.client.DnsCache}.
 */
package dev.torsion.dns.client;
