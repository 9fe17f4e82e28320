package dev.torsion.ssh.sftp;

/**
 * One entry of a NAME reply (section 7): the file name, the {@code ls -l} style line the server
 * made of it, and its attributes.
 */
public record SftpName(String filename, String longname, SftpAttributes attributes) {
}
