/**
 * The FTP server: {@link dev.torsion.ftp.server.FtpServer} (one control connection, its state in
 * {@link dev.torsion.ftp.server.FtpState}), its data connections, and the
 * {@link dev.torsion.ftp.server.FtpFileSystem} a cred realm gives each user
 * ({@link dev.torsion.ftp.server.LocalFileSystem}: a directory on disk, confined).
 */
package dev.torsion.ftp.server;
