/** Zones: RFC 1035 master files read into an immutable {@link dev.torsion.dns.zone.Zone}. */
package dev.torsion.dns.zone;
