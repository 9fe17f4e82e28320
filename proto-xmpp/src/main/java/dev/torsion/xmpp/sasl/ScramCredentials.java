package dev.torsion.xmpp.sasl;

import dev.torsion.cred.LogSafe;
import dev.torsion.cred.credentials.UsernameHashedPassword;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A SCRAM client proof (RFC 5802 §3) for cred: a checker holding the user's password calls
 * {@link #checkPassword}, which derives the keys, compares the proof in constant time and, when it
 * matches, keeps the server signature the server then sends in its final message.
 */
public final class ScramCredentials implements UsernameHashedPassword {
    private final ScramAlgorithm algorithm;
    private final String username;
    private final byte[] salt;
    private final int iterations;
    private final byte[] authMessage;
    private final byte[] proof;
    private volatile byte[] serverSignature;

    /** The proof {@code proof} of {@code username} over {@code authMessage}. */
    public ScramCredentials(ScramAlgorithm algorithm, String username, byte[] salt, int iterations, String authMessage, byte[] proof) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.username = Objects.requireNonNull(username, "username");
        this.salt = salt.clone();
        this.iterations = iterations;
        this.authMessage = authMessage.getBytes(StandardCharsets.UTF_8);
        this.proof = proof.clone();
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public boolean checkPassword(byte[] password) {
        byte[] salted = algorithm.saltedPassword(password, salt, iterations);
        byte[] clientKey = algorithm.hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] storedKey = algorithm.hash(clientKey);
        byte[] clientSignature = algorithm.hmac(storedKey, authMessage);
        byte[] expected = new byte[clientKey.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        if (!MessageDigest.isEqual(expected, proof)) {
            return false;
        }
        byte[] serverKey = algorithm.hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
        serverSignature = algorithm.hmac(serverKey, authMessage);
        return true;
    }

    /** The server signature (RFC 5802 §3), once a password matched; else null. */
    public byte[] serverSignature() {
        byte[] signature = serverSignature;
        return signature == null ? null : signature.clone();
    }

    @Override
    public String toString() {
        return "ScramCredentials(" + algorithm.mechanism() + ", " + LogSafe.text(username) + ")";
    }
}
