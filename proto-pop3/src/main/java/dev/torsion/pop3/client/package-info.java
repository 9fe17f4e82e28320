/**
 * The POP3 client: {@link dev.torsion.pop3.client.Pop3Client}, every command answered with a
 * Deferred, STLS, APOP, AUTH PLAIN.
 */
package dev.torsion.pop3.client;
