package dev.torsion.ssh.kex;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.crypto.agreement.DHStandardGroups;

/** The key exchange methods by name, and the default preference. */
public final class KexMethods {
    /** OpenSSH 9.9's order: post-quantum hybrids first, then X25519, then the large MODP groups. */
    public static final List<String> DEFAULTS = List.of(
            "mlkem768x25519-sha256",
            "sntrup761x25519-sha512",
            "sntrup761x25519-sha512@openssh.com",
            "curve25519-sha256",
            "curve25519-sha256@libssh.org",
            "diffie-hellman-group16-sha512",
            "diffie-hellman-group18-sha512");

    private KexMethods() {
    }

    /** A fresh instance of the method {@code name}, or empty when it is unknown. */
    public static Optional<KexMethod> create(String name, SecureRandom random) {
        Function<SecureRandom, KexMethod> factory = factory(name);
        return factory == null ? Optional.empty() : Optional.of(factory.apply(random));
    }

    private static Function<SecureRandom, KexMethod> factory(String name) {
        switch (name) {
            case "curve25519-sha256":
            case "curve25519-sha256@libssh.org":
                return random -> new Curve25519Kex(name, random);
            case "mlkem768x25519-sha256":
                return random -> new HybridKex(name, HybridKex.Kem.ML_KEM_768, random);
            case "sntrup761x25519-sha512":
            case "sntrup761x25519-sha512@openssh.com":
                return random -> new HybridKex(name, HybridKex.Kem.SNTRUP761, random);
            case "diffie-hellman-group16-sha512":
                return random -> new DhGroupKex(name, DHStandardGroups.rfc3526_4096, "SHA-512", random);
            case "diffie-hellman-group18-sha512":
                return random -> new DhGroupKex(name, DHStandardGroups.rfc3526_8192, "SHA-512", random);
            case "diffie-hellman-group14-sha256":
                return random -> new DhGroupKex(name, DHStandardGroups.rfc3526_2048, "SHA-256", random);
            default:
                return null;
        }
    }

    /** Whether {@code name} is a method this implementation knows. */
    public static boolean isKnown(String name) {
        return factory(name) != null;
    }
}
