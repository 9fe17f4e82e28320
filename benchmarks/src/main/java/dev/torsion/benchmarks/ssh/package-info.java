/** SSH: sftp transfers and connections per second against OpenSSH sshd. */
package dev.torsion.benchmarks.ssh;
