/** SFTP version 3 (draft-ietf-secsh-filexfer-02, as OpenSSH speaks it): a server confined to a root directory. */
package dev.torsion.ssh.sftp;
