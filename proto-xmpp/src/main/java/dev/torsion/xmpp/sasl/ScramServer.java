package dev.torsion.xmpp.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * The server side of one SCRAM exchange (RFC 5802 §5): reads client-first, answers server-first
 * with a fresh nonce and salt, reads client-final and hands its proof to cred as
 * {@link ScramCredentials}; after the portal accepted it, {@link #serverFinal} gives the server's
 * signature. Channel binding is not offered (no -PLUS mechanism), so a client asking for it is
 * refused (§6: gs2-cbind-flag "p").
 */
public final class ScramServer {
    /** RFC 7677 §4 and RFC 5802 §5.1: at least 4096 iterations. */
    public static final int ITERATIONS = 4096;
    private static final int MAX_MESSAGE = 4096;

    private final ScramAlgorithm algorithm;
    private final Random random;
    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private byte[] salt;
    private String username;
    private String authzid;

    /** An exchange with {@code algorithm}; nonces and salts come from {@code random} (a SecureRandom). */
    public ScramServer(ScramAlgorithm algorithm, Random random) {
        this.algorithm = algorithm;
        this.random = random;
    }

    /** The user named in client-first (after {@link #clientFirst}). */
    public String username() {
        return username;
    }

    /** The authorization identity the client asked for, or null. */
    public String authzid() {
        return authzid;
    }

    /** Reads client-first-message (RFC 5802 §7) and returns server-first-message. */
    public byte[] clientFirst(byte[] message) throws SaslException {
        String text = utf8(message);
        String[] parts = text.split(",", 3);
        if (parts.length < 3) {
            throw malformed("client-first needs a gs2 header and a bare message");
        }
        if (parts[0].startsWith("p=")) {
            throw new SaslException(SaslCondition.MALFORMED_REQUEST, "channel binding requested but not offered");
        }
        if (!parts[0].equals("n") && !parts[0].equals("y")) {
            throw malformed("bad gs2-cbind-flag");
        }
        if (!parts[1].isEmpty()) {
            if (!parts[1].startsWith("a=")) {
                throw malformed("bad authzid");
            }
            authzid = saslName(parts[1].substring(2));
        }
        gs2Header = parts[0] + "," + parts[1] + ",";
        clientFirstBare = parts[2];
        String[] attributes = clientFirstBare.split(",", -1);
        if (attributes.length < 2 || !attributes[0].startsWith("n=") || !attributes[1].startsWith("r=")) {
            throw malformed("client-first-bare needs n= and r=");
        }
        username = saslName(attributes[0].substring(2));
        String clientNonce = attributes[1].substring(2);
        if (username.isEmpty() || clientNonce.isEmpty() || !printable(clientNonce)) {
            throw malformed("empty user name or bad nonce");
        }
        for (int i = 2; i < attributes.length; i++) {
            if (attributes[i].startsWith("m=")) {
                // RFC 5802 §5.1: an unknown mandatory extension fails the exchange.
                throw malformed("mandatory extension not supported");
            }
        }
        byte[] serverNonce = new byte[18];
        random.nextBytes(serverNonce);
        salt = new byte[16];
        random.nextBytes(salt);
        nonce = clientNonce + Base64.getEncoder().encodeToString(serverNonce);
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + ITERATIONS;
        return serverFirst.getBytes(StandardCharsets.UTF_8);
    }

    /** Reads client-final-message and returns the proof to check through cred. */
    public ScramCredentials clientFinal(byte[] message) throws SaslException {
        if (serverFirst == null) {
            throw malformed("client-final before client-first");
        }
        String text = utf8(message);
        int proofAt = text.lastIndexOf(",p=");
        if (proofAt < 0) {
            throw malformed("client-final without proof");
        }
        String withoutProof = text.substring(0, proofAt);
        String[] attributes = withoutProof.split(",", -1);
        if (attributes.length < 2 || !attributes[0].startsWith("c=") || !attributes[1].startsWith("r=")) {
            throw malformed("client-final needs c= and r=");
        }
        String binding = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
        if (!attributes[0].substring(2).equals(binding)) {
            throw malformed("channel binding data does not match the gs2 header");
        }
        if (!attributes[1].substring(2).equals(nonce)) {
            throw new SaslException(SaslCondition.NOT_AUTHORIZED, "nonce mismatch");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(text.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            throw new SaslException(SaslCondition.INCORRECT_ENCODING, "proof is not base64");
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        return new ScramCredentials(algorithm, username, salt, ITERATIONS, authMessage, proof);
    }

    /** server-final-message (RFC 5802 §7) for credentials cred accepted. */
    public byte[] serverFinal(ScramCredentials accepted) {
        return ("v=" + Base64.getEncoder().encodeToString(accepted.serverSignature())).getBytes(StandardCharsets.UTF_8);
    }

    /** Decodes a saslname (RFC 5802 §5.1): "=2C" is ',', "=3D" is '='; any other '=' is malformed. */
    static String saslName(String text) throws SaslException {
        StringBuilder name = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '=') {
                String escape = text.substring(i, Math.min(text.length(), i + 3));
                if (escape.equals("=2C")) {
                    name.append(',');
                } else if (escape.equals("=3D")) {
                    name.append('=');
                } else {
                    throw malformed("bad escape in saslname");
                }
                i += 2;
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    private static boolean printable(String nonce) {
        for (int i = 0; i < nonce.length(); i++) {
            char c = nonce.charAt(i);
            if (c < 0x21 || c > 0x7E || c == ',') {
                return false;
            }
        }
        return true;
    }

    private static String utf8(byte[] message) throws SaslException {
        if (message.length > MAX_MESSAGE) {
            throw malformed("SCRAM message too long");
        }
        return new String(message, StandardCharsets.UTF_8);
    }

    private static SaslException malformed(String why) {
        return new SaslException(SaslCondition.MALFORMED_REQUEST, why);
    }
}
