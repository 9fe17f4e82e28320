/** SSH: sftp transfers and connections per second against OpenSSH sshd; the ChaCha20 implementations. */
package dev.torsion.benchmarks.ssh;
