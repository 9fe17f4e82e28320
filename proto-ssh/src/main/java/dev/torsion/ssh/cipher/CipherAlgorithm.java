package dev.torsion.ssh.cipher;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The encryption algorithms this implementation speaks, by their SSH names, with the key and IV
 * lengths the key derivation must supply (RFC 4253 section 7.2). AEAD ones authenticate
 * themselves: the negotiated MAC is then ignored (RFC 5647 section 5.1, as OpenSSH does).
 */
public enum CipherAlgorithm {
    /** OpenSSH's ChaCha20 with Poly1305. */
    CHACHA20_POLY1305("chacha20-poly1305@openssh.com", 64, 0, true),
    /** AES-128 in GCM. */
    AES128_GCM("aes128-gcm@openssh.com", 16, 12, true),
    /** AES-256 in GCM. */
    AES256_GCM("aes256-gcm@openssh.com", 32, 12, true),
    /** AES-128 in CTR mode (RFC 4344), with an HMAC. */
    AES128_CTR("aes128-ctr", 16, 16, false),
    /** AES-192 in CTR mode, with an HMAC. */
    AES192_CTR("aes192-ctr", 24, 16, false),
    /** AES-256 in CTR mode, with an HMAC. */
    AES256_CTR("aes256-ctr", 32, 16, false);

    /** The default preference, as OpenSSH's. */
    public static final List<CipherAlgorithm> DEFAULTS = List.of(values());

    private final String sshName;
    private final int keyLength;
    private final int ivLength;
    private final boolean aead;

    CipherAlgorithm(String sshName, int keyLength, int ivLength, boolean aead) {
        this.sshName = sshName;
        this.keyLength = keyLength;
        this.ivLength = ivLength;
        this.aead = aead;
    }

    /** The name in KEXINIT. */
    public String sshName() {
        return sshName;
    }

    /** Key bytes the derivation supplies. */
    public int keyLength() {
        return keyLength;
    }

    /** IV bytes the derivation supplies. */
    public int ivLength() {
        return ivLength;
    }

    /** Whether it authenticates packets itself (no separate MAC). */
    public boolean isAead() {
        return aead;
    }

    /** The algorithm with this SSH name. */
    public static Optional<CipherAlgorithm> of(String sshName) {
        return Arrays.stream(values()).filter(a -> a.sshName.equals(sshName)).findFirst();
    }

    /**
     * A cipher for one direction. {@code mac} and {@code macKey} are used only by non-AEAD ciphers.
     */
    public PacketCipher create(byte[] key, byte[] iv, MacAlgorithm mac, byte[] macKey, boolean encrypting) {
        switch (this) {
            case CHACHA20_POLY1305:
                return ChaCha20Poly1305.create(key);
            case AES128_GCM:
            case AES256_GCM:
                return AesGcm.create(key, iv, encrypting);
            default:
                if (mac == null) {
                    throw new IllegalArgumentException(sshName + " needs a MAC");
                }
                return new AesCtrHmac(key, iv, encrypting, mac.jdkName(), macKey, mac.isEncryptThenMac());
        }
    }
}
