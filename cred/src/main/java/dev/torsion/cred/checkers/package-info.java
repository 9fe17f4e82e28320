/**
 * Credential checkers: in memory (tests only), a password file of crypt hashes, the machine's UNIX
 * accounts, SSH {@code authorized_keys}, and anonymous access.
 */
package dev.torsion.cred.checkers;
