package dev.torsion.cred.crypt;

/** The result of checking a password against a stored hash. */
public enum HashVerdict {
    /** The password hashes to the stored hash. */
    MATCH,
    /** The hash was computed, and it differs: a wrong password. */
    MISMATCH,
    /**
     * The hash cannot be checked (a scheme not supported, a malformed hash, or libcrypt missing or
     * refusing it): the login must be refused, and the caller should say why in its log.
     */
    REFUSED
}
