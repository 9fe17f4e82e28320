/**
 * crypt(3) password hashes: {@code $6$}, {@code $5$} and read-only {@code $1$} through commons-codec
 * ({@link dev.torsion.cred.crypt.CryptPasswords}); yescrypt, scrypt and bcrypt through the system's
 * libcrypt ({@link dev.torsion.cred.crypt.SystemCrypt}).
 */
package dev.torsion.cred.crypt;
