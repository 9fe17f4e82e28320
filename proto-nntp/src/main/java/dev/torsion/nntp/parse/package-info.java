/**
 * The pure NNTP codec: command lines ({@link dev.torsion.nntp.parse.NntpCommandParser}), ranges,
 * wildmats and dates of RFC 3977, multi-line blocks both ways
 * ({@link dev.torsion.nntp.parse.BlockDecoder}, {@link dev.torsion.nntp.parse.BlockEncoder}) and
 * articles with their RFC 5536 checks ({@link dev.torsion.nntp.parse.ArticleParser}). No I/O.
 */
package dev.torsion.nntp.parse;
