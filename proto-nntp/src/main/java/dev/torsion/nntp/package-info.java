/**
 * NNTP (RFC 3977): {@link dev.torsion.nntp.NntpLimits}; the pure codec in {@code parse}, the news
 * server and its file spool in {@code server}, the reader and feeder client in {@code client}.
 */
package dev.torsion.nntp;
