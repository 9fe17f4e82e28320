package dev.torsion.ssh.cipher;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The MACs this implementation speaks (RFC 6668 and OpenSSH's {@code -etm} forms). The
 * encrypt-and-MAC forms ({@code hmac-sha2-256}, {@code hmac-sha2-512}) exist but are not in the
 * defaults: MACing the plaintext is the weaker construction (ssh-audit warns on it).
 */
public enum MacAlgorithm {
    /** HMAC-SHA-256, encrypt-then-MAC. */
    HMAC_SHA2_256_ETM("hmac-sha2-256-etm@openssh.com", "HmacSHA256", 32, true),
    /** HMAC-SHA-512, encrypt-then-MAC. */
    HMAC_SHA2_512_ETM("hmac-sha2-512-etm@openssh.com", "HmacSHA512", 64, true),
    /** HMAC-SHA-256, encrypt-and-MAC (RFC 6668): off by default. */
    HMAC_SHA2_256("hmac-sha2-256", "HmacSHA256", 32, false),
    /** HMAC-SHA-512, encrypt-and-MAC (RFC 6668): off by default. */
    HMAC_SHA2_512("hmac-sha2-512", "HmacSHA512", 64, false);

    /** The default preference: the EtM forms only. */
    public static final List<MacAlgorithm> DEFAULTS = List.of(HMAC_SHA2_256_ETM, HMAC_SHA2_512_ETM);

    private final String sshName;
    private final String jdkName;
    private final int keyLength;
    private final boolean encryptThenMac;

    MacAlgorithm(String sshName, String jdkName, int keyLength, boolean encryptThenMac) {
        this.sshName = sshName;
        this.jdkName = jdkName;
        this.keyLength = keyLength;
        this.encryptThenMac = encryptThenMac;
    }

    /** The name in KEXINIT. */
    public String sshName() {
        return sshName;
    }

    /** The JDK's Mac algorithm name. */
    public String jdkName() {
        return jdkName;
    }

    /** Key bytes the derivation supplies (the hash's output length, RFC 6668). */
    public int keyLength() {
        return keyLength;
    }

    /** Whether the MAC covers the ciphertext (EtM) rather than the plaintext. */
    public boolean isEncryptThenMac() {
        return encryptThenMac;
    }

    /** The algorithm with this SSH name. */
    public static Optional<MacAlgorithm> of(String sshName) {
        return Arrays.stream(values()).filter(a -> a.sshName.equals(sshName)).findFirst();
    }
}
