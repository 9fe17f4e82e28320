/**
 * The FTP client: {@link dev.torsion.ftp.client.FtpClient}, every command a Deferred, passive data
 * connections, listings parsed, files retrieved and stored as streams.
 */
package dev.torsion.ftp.client;
