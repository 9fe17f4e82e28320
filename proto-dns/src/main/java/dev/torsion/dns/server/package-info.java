/**
 * The DNS server: {@link dev.torsion.dns.server.DnsServer} answers from
 * {@link dev.torsion.dns.server.Authority authorities} (zones, hosts files, an upstream), over
 * UDP ({@link dev.torsion.dns.server.DnsDatagramProtocol}) and TCP
 * ({@link dev.torsion.dns.server.DnsTcpProtocol}).
 */
package dev.torsion.dns.server;
