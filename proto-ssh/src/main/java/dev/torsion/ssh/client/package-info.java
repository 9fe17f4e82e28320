/** The SSH client: connect, check the host key (known_hosts), log in, exec with a Deferred. */
package dev.torsion.ssh.client;
