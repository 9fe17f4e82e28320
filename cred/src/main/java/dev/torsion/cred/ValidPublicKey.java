package dev.torsion.cred;

/**
 * The answer to an SSH public key query without a signature: this key would be accepted, send a
 * signature. Twisted raises {@code ValidPublicKey} for the same. Not a refusal: the
 * {@link Portal} passes it on at once, without the failed-login delay.
 */
public class ValidPublicKey extends LoginFailed {
    /** Creates the answer. */
    public ValidPublicKey() {
        super("public key is acceptable; a signature is required");
    }
}
