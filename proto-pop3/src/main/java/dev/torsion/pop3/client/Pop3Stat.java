package dev.torsion.pop3.client;

/**
 * STAT's answer.
 *
 * @param count messages in the maildrop
 * @param octets their total size
 */
public record Pop3Stat(int count, long octets) {
}
