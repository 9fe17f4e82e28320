package dev.torsion.xmpp.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Random;

/**
 * The client side of one SCRAM exchange (RFC 5802 §5) without channel binding: client-first,
 * then client-final from the server's nonce, salt and iterations, then the check of the server's
 * signature, which proves the server knew the password too.
 */
public final class ScramClient {
    private static final int MAX_ITERATIONS = 1_000_000;

    private final ScramAlgorithm algorithm;
    private final String username;
    private final byte[] password;
    private final String clientNonce;
    private String clientFirstBare;
    private byte[] expectedServerSignature;

    /** An exchange for {@code username} with {@code passwordUtf8}; the nonce comes from {@code random}. */
    public ScramClient(ScramAlgorithm algorithm, String username, byte[] passwordUtf8, Random random) {
        this.algorithm = algorithm;
        this.username = username;
        this.password = passwordUtf8.clone();
        byte[] nonce = new byte[18];
        random.nextBytes(nonce);
        this.clientNonce = Base64.getEncoder().encodeToString(nonce);
    }

    /** An exchange with a given client nonce (for the RFC's test vectors). */
    ScramClient(ScramAlgorithm algorithm, String username, byte[] passwordUtf8, String clientNonce) {
        this.algorithm = algorithm;
        this.username = username;
        this.password = passwordUtf8.clone();
        this.clientNonce = clientNonce;
    }

    /** client-first-message: "n,," then n= and r=. */
    public byte[] clientFirst() {
        clientFirstBare = "n=" + username.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
        return ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    /** client-final-message for {@code serverFirst}. */
    public byte[] clientFinal(byte[] serverFirst) throws SaslException {
        String text = new String(serverFirst, StandardCharsets.UTF_8);
        String nonce = null;
        byte[] salt = null;
        int iterations = -1;
        try {
            for (String attribute : text.split(",")) {
                if (attribute.startsWith("r=")) {
                    nonce = attribute.substring(2);
                } else if (attribute.startsWith("s=")) {
                    salt = Base64.getDecoder().decode(attribute.substring(2));
                } else if (attribute.startsWith("i=")) {
                    iterations = Integer.parseInt(attribute.substring(2));
                } else if (attribute.startsWith("m=")) {
                    throw new SaslException(SaslCondition.MALFORMED_REQUEST, "mandatory extension not supported");
                }
            }
        } catch (IllegalArgumentException e) {
            throw new SaslException(SaslCondition.INCORRECT_ENCODING, "bad server-first-message");
        }
        if (nonce == null || salt == null || iterations < 1 || iterations > MAX_ITERATIONS || !nonce.startsWith(clientNonce)
                || nonce.length() == clientNonce.length()) {
            throw new SaslException(SaslCondition.MALFORMED_REQUEST, "bad server-first-message");
        }
        String withoutProof = "c=biws,r=" + nonce;
        String authMessage = clientFirstBare + "," + text + "," + withoutProof;
        byte[] salted = algorithm.saltedPassword(password, salt, iterations);
        byte[] clientKey = algorithm.hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] clientSignature = algorithm.hmac(algorithm.hash(clientKey), authMessage.getBytes(StandardCharsets.UTF_8));
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        byte[] serverKey = algorithm.hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
        expectedServerSignature = algorithm.hmac(serverKey, authMessage.getBytes(StandardCharsets.UTF_8));
        return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
    }

    /** Checks server-final-message; false when the server did not prove it knows the password. */
    public boolean verifyServerFinal(byte[] serverFinal) {
        String text = new String(serverFinal, StandardCharsets.UTF_8);
        if (expectedServerSignature == null || !text.startsWith("v=")) {
            return false;
        }
        try {
            return MessageDigest.isEqual(expectedServerSignature, Base64.getDecoder().decode(text.substring(2)));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
