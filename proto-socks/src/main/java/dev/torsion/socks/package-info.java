/**
 * SOCKS4, SOCKS4a and SOCKS5 (RFC 1928, with RFC 1929 username/password): {@link dev.torsion.socks.SocksLimits};
 * the pure request codec is in {@code codec}, the proxy server in {@code server}.
 */
package dev.torsion.socks;
