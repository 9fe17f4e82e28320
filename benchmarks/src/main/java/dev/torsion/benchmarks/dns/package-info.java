/** DNS: dnsperf against torsion dns, NSD and twistd3 dns; the caching forwarder against Unbound. */
package dev.torsion.benchmarks.dns;
