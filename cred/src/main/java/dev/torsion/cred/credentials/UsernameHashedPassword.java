package dev.torsion.cred.credentials;

/**
 * A user name and a proof of the password that only a holder of the plain password can check, as
 * Twisted's {@code IUsernameHashedPassword}: CRAM-MD5 and APOP send such proofs. A checker that
 * stores plain passwords handles these; one that stores only hashes cannot.
 */
public interface UsernameHashedPassword extends Credentials {
    /** The user name the peer claims. */
    String username();

    /** Whether the proof matches {@code password}, compared in constant time. */
    boolean checkPassword(byte[] password);
}
