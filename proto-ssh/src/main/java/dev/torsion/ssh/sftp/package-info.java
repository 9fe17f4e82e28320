/**
 * SFTP version 3 (draft-ietf-secsh-filexfer-02, as OpenSSH speaks it, with its extensions): a
 * server confined to a root directory ({@link dev.torsion.ssh.sftp.SftpServer}) and a client whose
 * every request is a Deferred ({@link dev.torsion.ssh.sftp.SftpClient}), over a pure codec.
 */
package dev.torsion.ssh.sftp;
