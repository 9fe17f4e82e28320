/** IRC benchmarks: fan-out in one channel, Torsion's server against ngIRCd (C) in the same run. */
package dev.torsion.benchmarks.irc;
