/** SOCKS proxy benchmarks: Torsion's SOCKS5 server against Dante on the same loopback. */
package dev.torsion.benchmarks.socks;
