package dev.torsion.cred.ssh;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;

/** Key pairs made with the JDK, one per SSH key type, generated once per test run. */
public final class TestKeys {
    private static final Map<SshKeyType, KeyPair> PAIRS = new EnumMap<>(SshKeyType.class);
    private static final Map<SshKeyType, KeyPair> OTHERS = new EnumMap<>(SshKeyType.class);

    private TestKeys() {
    }

    /** A key pair of {@code type} (the same one on every call). */
    public static synchronized KeyPair pair(SshKeyType type) {
        return PAIRS.computeIfAbsent(type, TestKeys::generate);
    }

    /** A second key pair of {@code type}, different from {@link #pair} (the same one on every call). */
    public static synchronized KeyPair other(SshKeyType type) {
        return OTHERS.computeIfAbsent(type, TestKeys::generate);
    }

    /** A new key pair of {@code type}, different from {@link #pair}. */
    public static KeyPair generate(SshKeyType type) {
        try {
            KeyPairGenerator generator;
            switch (type) {
                case ED25519:
                    generator = KeyPairGenerator.getInstance("Ed25519");
                    break;
                case RSA:
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                    break;
                default:
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec(type.jdkCurve()));
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SSH blob of {@code pair}'s public key. */
    public static byte[] blob(KeyPair pair) {
        return SshPublicKeys.encode(pair.getPublic());
    }

    /** An {@code authorized_keys} line (without options) for {@code pair}. */
    public static String line(SshKeyType type, KeyPair pair, String comment) {
        return type.sshName() + " " + Base64.getEncoder().encodeToString(blob(pair)) + " " + comment;
    }

    /** The public key algorithm a test signs with for {@code type}. */
    public static String algorithm(SshKeyType type) {
        return type == SshKeyType.RSA ? "rsa-sha2-256" : type.sshName();
    }
}
