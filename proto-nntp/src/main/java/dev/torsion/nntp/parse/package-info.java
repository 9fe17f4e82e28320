/**
 * The pure NNTP codec: command lines ({@link dev.torsion.nntp.parse.NntpCommandParser}), ranges,
 * wildmats and dates of RFC 3977, and articles with their RFC 5536 checks ({@link dev.torsion.nntp.parse.ArticleParser}). No I/O. Multi-line
 * blocks are the core's {@link dev.torsion.protocols.DotStuffedDecoder} and
 * {@link dev.torsion.protocols.DotStuffedEncoder}.
 */
package dev.torsion.nntp.parse;
