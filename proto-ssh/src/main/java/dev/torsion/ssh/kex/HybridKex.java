package dev.torsion.ssh.kex;

import dev.torsion.ssh.codec.DisconnectReason;
import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;
import dev.torsion.ssh.codec.WireWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.generators.MLKEMKeyPairGenerator;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMKeyGenerationParameters;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKEMExtractor;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKEMGenerator;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKeyGenerationParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKeyPairGenerator;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimePrivateKeyParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimePublicKeyParameters;

/**
 * The OpenSSH post-quantum hybrids: {@code mlkem768x25519-sha256}
 * (draft-ietf-sshm-mlkem-hybrid-kex) and {@code sntrup761x25519-sha512} (OpenSSH's
 * kexsntrup761x25519.c). The client sends its KEM public key followed by its X25519 key; the
 * server answers with the KEM ciphertext followed by its X25519 key; the shared secret is
 * HASH(kem secret || X25519 secret), encoded as a {@code string}, not an mpint.
 */
final class HybridKex implements KexMethod {
    /** The KEM half. */
    enum Kem {
        ML_KEM_768(1184, 1088, "SHA-256"),
        SNTRUP761(1158, 1039, "SHA-512");

        final int publicKeyLength;
        final int ciphertextLength;
        final String hash;

        Kem(int publicKeyLength, int ciphertextLength, String hash) {
            this.publicKeyLength = publicKeyLength;
            this.ciphertextLength = ciphertextLength;
            this.hash = hash;
        }
    }

    private final String name;
    private final Kem kem;
    private final SecureRandom random;
    private final X25519Pair x25519;
    private AsymmetricCipherKeyPair kemPair;

    HybridKex(String name, Kem kem, SecureRandom random) {
        this.name = name;
        this.kem = kem;
        this.random = random;
        this.x25519 = new X25519Pair(random);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String hash() {
        return kem.hash;
    }

    @Override
    public byte[] clientInit() {
        byte[] kemPublic;
        if (kem == Kem.ML_KEM_768) {
            MLKEMKeyPairGenerator generator = new MLKEMKeyPairGenerator();
            generator.init(new MLKEMKeyGenerationParameters(random, MLKEMParameters.ml_kem_768));
            kemPair = generator.generateKeyPair();
            kemPublic = ((MLKEMPublicKeyParameters) kemPair.getPublic()).getEncoded();
        } else {
            SNTRUPrimeKeyPairGenerator generator = new SNTRUPrimeKeyPairGenerator();
            generator.init(new SNTRUPrimeKeyGenerationParameters(random, SNTRUPrimeParameters.sntrup761));
            kemPair = generator.generateKeyPair();
            kemPublic = ((SNTRUPrimePublicKeyParameters) kemPair.getPublic()).getEncoded();
        }
        return new WireWriter().writeString(concat(kemPublic, x25519.publicKey())).toByteArray();
    }

    @Override
    public ServerReply serverReply(byte[] clientField) throws SshProtocolException {
        byte[] value = single(clientField, kem.publicKeyLength + 32);
        byte[] kemPublic = Arrays.copyOf(value, kem.publicKeyLength);
        SecretWithEncapsulation encapsulated;
        try {
            if (kem == Kem.ML_KEM_768) {
                encapsulated = new MLKEMGenerator(random)
                        .generateEncapsulated(new MLKEMPublicKeyParameters(MLKEMParameters.ml_kem_768, kemPublic));
            } else {
                encapsulated = new SNTRUPrimeKEMGenerator(random)
                        .generateEncapsulated(new SNTRUPrimePublicKeyParameters(SNTRUPrimeParameters.sntrup761, kemPublic));
            }
        } catch (RuntimeException e) {
            throw new SshProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED, "bad KEM public key", e);
        }
        byte[] dh = x25519.agree(value, kem.publicKeyLength);
        byte[] reply = concat(encapsulated.getEncapsulation(), x25519.publicKey());
        return new ServerReply(new WireWriter().writeString(reply).toByteArray(), secret(encapsulated.getSecret(), dh));
    }

    @Override
    public byte[] clientFinish(byte[] serverField) throws SshProtocolException {
        byte[] value = single(serverField, kem.ciphertextLength + 32);
        byte[] ciphertext = Arrays.copyOf(value, kem.ciphertextLength);
        byte[] kemSecret;
        if (kem == Kem.ML_KEM_768) {
            kemSecret = new MLKEMExtractor((MLKEMPrivateKeyParameters) kemPair.getPrivate()).extractSecret(ciphertext);
        } else {
            kemSecret = new SNTRUPrimeKEMExtractor((SNTRUPrimePrivateKeyParameters) kemPair.getPrivate())
                    .extractSecret(ciphertext);
        }
        return secret(kemSecret, x25519.agree(value, kem.ciphertextLength));
    }

    private static byte[] single(byte[] field, int length) throws SshProtocolException {
        WireReader reader = new WireReader(field);
        byte[] value = reader.readString();
        if (value.length != length) {
            throw new SshProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED,
                    "hybrid key exchange value of " + value.length + " bytes, not " + length);
        }
        return value;
    }

    private byte[] secret(byte[] kemSecret, byte[] dh) {
        try {
            MessageDigest digest = MessageDigest.getInstance(kem.hash);
            digest.update(kemSecret);
            digest.update(dh);
            return new WireWriter().writeString(digest.digest()).toByteArray();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
