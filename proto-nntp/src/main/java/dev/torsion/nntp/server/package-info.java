/**
 * The NNTP server: the session ({@link dev.torsion.nntp.server.NntpServer}, its state
 * {@link dev.torsion.nntp.server.NntpState}), the news it serves
 * ({@link dev.torsion.nntp.server.NewsStore}, kept in files by
 * {@link dev.torsion.nntp.server.FileSpool}) and what a login may do
 * ({@link dev.torsion.nntp.server.NewsUser}).
 */
package dev.torsion.nntp.server;
