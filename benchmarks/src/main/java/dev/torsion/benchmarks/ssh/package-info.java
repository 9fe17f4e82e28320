/** SSH: sftp transfers and connections per second against OpenSSH sshd; the ChaCha20 implementations; the AEAD packet ciphers native against JDK. */
package dev.torsion.benchmarks.ssh;
