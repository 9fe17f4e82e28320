package dev.torsion.cred.ssh;

import java.util.Optional;
import java.util.Set;

/**
 * The SSH public key types Torsion reads: Ed25519 (RFC 8709), ECDSA on the NIST curves (RFC 5656)
 * and RSA (RFC 4253, with the SHA-2 signatures of RFC 8332).
 */
public enum SshKeyType {
    /** Ed25519. */
    ED25519("ssh-ed25519", null, null, 0, Set.of("ssh-ed25519")),
    /** ECDSA on P-256 with SHA-256. */
    ECDSA_P256("ecdsa-sha2-nistp256", "nistp256", "secp256r1", 256, Set.of("ecdsa-sha2-nistp256")),
    /** ECDSA on P-384 with SHA-384. */
    ECDSA_P384("ecdsa-sha2-nistp384", "nistp384", "secp384r1", 384, Set.of("ecdsa-sha2-nistp384")),
    /** ECDSA on P-521 with SHA-512. */
    ECDSA_P521("ecdsa-sha2-nistp521", "nistp521", "secp521r1", 521, Set.of("ecdsa-sha2-nistp521")),
    /** RSA, signing with SHA-256, SHA-512 or (legacy) SHA-1. */
    RSA("ssh-rsa", null, null, 0, Set.of("rsa-sha2-256", "rsa-sha2-512", "ssh-rsa"));

    private final String sshName;
    private final String curveName;
    private final String jdkCurve;
    private final int fieldBits;
    private final Set<String> signatureAlgorithms;

    SshKeyType(String sshName, String curveName, String jdkCurve, int fieldBits, Set<String> signatureAlgorithms) {
        this.sshName = sshName;
        this.curveName = curveName;
        this.jdkCurve = jdkCurve;
        this.fieldBits = fieldBits;
        this.signatureAlgorithms = signatureAlgorithms;
    }

    /** The key type's name on the wire and in {@code authorized_keys}, e.g. {@code ssh-ed25519}. */
    public String sshName() {
        return sshName;
    }

    /** For ECDSA, the curve's SSH name ({@code nistp256}); null otherwise. */
    public String curveName() {
        return curveName;
    }

    /** For ECDSA, the curve's JDK name ({@code secp256r1}); null otherwise. */
    public String jdkCurve() {
        return jdkCurve;
    }

    /** For ECDSA, the size of the curve's field in bits; 0 otherwise. */
    public int fieldBits() {
        return fieldBits;
    }

    /** Whether this is one of the ECDSA types. */
    public boolean isEcdsa() {
        return curveName != null;
    }

    /** The public key algorithm names that sign with a key of this type. */
    public Set<String> signatureAlgorithms() {
        return signatureAlgorithms;
    }

    /** The type called {@code sshName}, if Torsion reads it. */
    public static Optional<SshKeyType> of(String sshName) {
        for (SshKeyType type : values()) {
            if (type.sshName.equals(sshName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The type whose keys sign with {@code algorithm} (e.g. {@code rsa-sha2-256} gives RSA). */
    public static Optional<SshKeyType> forSignatureAlgorithm(String algorithm) {
        for (SshKeyType type : values()) {
            if (type.signatureAlgorithms.contains(algorithm)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
