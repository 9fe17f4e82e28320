/**
 * Password hashes. {@link dev.torsion.cred.crypt.PasswordHashVerifier} is the one piece the checkers
 * use to check a password against a stored hash; it picks, by the hash's prefix: commons-codec for
 * crypt(3) {@code $6$}, {@code $5$} and read-only {@code $1$} ({@link dev.torsion.cred.crypt.CryptPasswords},
 * which also makes new hashes) and Apache's {@code $apr1$}; the system's libcrypt for yescrypt, scrypt
 * and bcrypt ({@link dev.torsion.cred.crypt.SystemCrypt}); the JDK for Apache's {@code {SHA}}.
 */
package dev.torsion.cred.crypt;
