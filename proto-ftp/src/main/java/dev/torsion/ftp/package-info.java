/**
 * FTP (RFC 959) for Torsion: the limits every session enforces ({@link dev.torsion.ftp.FtpLimits});
 * the pure command decoder and reply writer live in {@code parse}, the server, its session state
 * and its file system interface in {@code server}.
 */
package dev.torsion.ftp;
