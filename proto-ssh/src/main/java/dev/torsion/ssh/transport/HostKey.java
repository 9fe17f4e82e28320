package dev.torsion.ssh.transport;

import dev.torsion.cred.ssh.SshFormatException;
import dev.torsion.cred.ssh.SshKey;
import dev.torsion.cred.ssh.SshKeyType;
import dev.torsion.cred.ssh.SshPublicKeys;
import dev.torsion.cred.ssh.SshSignatures;
import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;
import dev.torsion.ssh.codec.WireWriter;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A key pair for the server's host key or a client's login: {@code ssh-ed25519} (RFC 8709, the
 * kind made here), and RSA (signing with rsa-sha2-256/512, RFC 8332) or ECDSA on the NIST curves
 * (RFC 5656) read from files {@code ssh-keygen} made. Files are OpenSSH's private key format
 * ({@code openssh-key-v1}, OpenSSH's PROTOCOL.key), in the clear or encrypted with a passphrase
 * (bcrypt and aes256-ctr, as {@code ssh-keygen} writes them); ed25519 keys are written in the clear.
 */
public final class HostKey {
    /** The algorithm name of Ed25519 keys. */
    public static final String ED25519 = "ssh-ed25519";

    private final SshKeyType type;
    private final Ed25519PrivateKeyParameters ed25519;
    private final PrivateKey privateKey;
    private final byte[] publicBlob;
    private final String comment;

    private HostKey(Ed25519PrivateKeyParameters ed25519, String comment) {
        this.type = SshKeyType.ED25519;
        this.ed25519 = ed25519;
        this.privateKey = null;
        this.publicBlob = new WireWriter().writeString(ED25519).writeString(ed25519.generatePublicKey().getEncoded())
                .toByteArray();
        this.comment = comment;
    }

    private HostKey(SshKeyType type, PrivateKey privateKey, byte[] publicBlob, String comment) {
        this.type = type;
        this.ed25519 = null;
        this.privateKey = privateKey;
        this.publicBlob = publicBlob.clone();
        this.comment = comment;
    }

    /** A new random ed25519 key. */
    public static HostKey generate(SecureRandom random, String comment) {
        return new HostKey(new Ed25519PrivateKeyParameters(random), comment);
    }

    /** The ed25519 key from its 32-byte seed (tests). */
    public static HostKey fromSeed(byte[] seed) {
        return new HostKey(new Ed25519PrivateKeyParameters(seed, 0), "");
    }

    /** The key in {@code file}, or a new ed25519 one written there (mode 0600) when the file is absent. */
    public static HostKey loadOrGenerate(Path file) throws IOException {
        if (Files.exists(file)) {
            return read(file);
        }
        HostKey key = generate(new SecureRandom(), "torsion host key");
        try {
            key.write(file);
        } catch (FileAlreadyExistsException raced) {
            return read(file);
        }
        return key;
    }

    /** Reads an unencrypted OpenSSH private key file (ed25519, RSA or ECDSA). */
    public static HostKey read(Path file) throws IOException {
        return read(file, null);
    }

    /**
     * Reads an OpenSSH private key file, encrypted with {@code passphrase} (UTF-8) or, when it is
     * null, in the clear. A wrong passphrase is an IOException ("wrong passphrase").
     */
    public static HostKey read(Path file, String passphrase) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        byte[] secret = passphrase == null ? null : passphrase.getBytes(StandardCharsets.UTF_8);
        try {
            return decode(OpenSshKeyFile.decode(text, secret));
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        } finally {
            if (secret != null) {
                Arrays.fill(secret, (byte) 0);
            }
        }
    }

    /** The key of a decoded file: its type from the private section, checked against the public blob. */
    static HostKey decode(OpenSshKeyFile file) throws IOException {
        try {
            WireReader secret = file.privateKey();
            String name = secret.readAscii();
            SshKey publicKey = SshPublicKeys.decode(file.publicBlob());
            if (!publicKey.type().sshName().equals(name)) {
                throw new IOException("private key " + name + " does not match public key " + publicKey.type().sshName());
            }
            switch (publicKey.type()) {
                case ED25519:
                    return ed25519(secret, file.publicBlob());
                case RSA:
                    return rsa(secret, publicKey, file.publicBlob());
                default:
                    return ecdsa(secret, publicKey, file.publicBlob());
            }
        } catch (SshProtocolException | SshFormatException e) {
            throw new IOException("malformed private key: " + e.getMessage(), e);
        }
    }

    private static HostKey ed25519(WireReader secret, byte[] publicBlob) throws SshProtocolException, IOException {
        secret.readString();
        byte[] pair = secret.readString();
        String comment = secret.readUtf8();
        if (pair.length != 64) {
            throw new IOException("ed25519 private key of " + pair.length + " bytes");
        }
        HostKey key = new HostKey(new Ed25519PrivateKeyParameters(pair, 0), comment);
        if (!Arrays.equals(key.publicBlob, publicBlob)) {
            throw new IOException("ed25519 private key does not match its public key");
        }
        return key;
    }

    /** PROTOCOL.key for RSA: mpint n, e, d, iqmp, p, q. */
    private static HostKey rsa(WireReader secret, SshKey publicKey, byte[] publicBlob)
            throws SshProtocolException, IOException {
        BigInteger n = secret.readMpint();
        BigInteger e = secret.readMpint();
        BigInteger d = secret.readMpint();
        BigInteger iqmp = secret.readMpint();
        BigInteger p = secret.readMpint();
        BigInteger q = secret.readMpint();
        String comment = secret.readUtf8();
        RSAPublicKey rsa = (RSAPublicKey) publicKey.publicKey();
        if (!n.equals(rsa.getModulus()) || !e.equals(rsa.getPublicExponent()) || !p.multiply(q).equals(n)) {
            throw new IOException("RSA private key does not match its public key");
        }
        RSAPrivateCrtKeySpec spec = new RSAPrivateCrtKeySpec(n, e, d, p, q, d.mod(p.subtract(BigInteger.ONE)),
                d.mod(q.subtract(BigInteger.ONE)), iqmp);
        return new HostKey(SshKeyType.RSA, generate("RSA", spec), publicBlob, comment);
    }

    /** PROTOCOL.key for ECDSA: string curve, string Q, mpint d. */
    private static HostKey ecdsa(WireReader secret, SshKey publicKey, byte[] publicBlob)
            throws SshProtocolException, IOException {
        String curve = secret.readAscii();
        byte[] point = secret.readString();
        BigInteger d = secret.readMpint();
        String comment = secret.readUtf8();
        ECPublicKey ec = (ECPublicKey) publicKey.publicKey();
        if (!curve.equals(publicKey.type().curveName()) || d.signum() <= 0
                || d.compareTo(ec.getParams().getOrder()) >= 0 || point.length == 0) {
            throw new IOException("ECDSA private key does not match its public key");
        }
        ECPrivateKeySpec spec = new ECPrivateKeySpec(d, ec.getParams());
        return new HostKey(publicKey.type(), generate("EC", spec), publicBlob, comment);
    }

    private static PrivateKey generate(String algorithm, KeySpec spec) throws IOException {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(spec);
        } catch (GeneralSecurityException e) {
            throw new IOException("invalid " + algorithm + " private key", e);
        }
    }

    /** The key's type. */
    public SshKeyType type() {
        return type;
    }

    /**
     * The signature algorithms this key signs with, preferred first: ssh-ed25519; rsa-sha2-512 and
     * rsa-sha2-256 for RSA (never SHA-1 ssh-rsa); ecdsa-sha2-nistpN for ECDSA.
     */
    public List<String> signatureAlgorithms() {
        if (type == SshKeyType.RSA) {
            return List.of("rsa-sha2-512", "rsa-sha2-256");
        }
        return List.of(type.sshName());
    }

    /** The preferred signature algorithm (the first of {@link #signatureAlgorithms()}). */
    public String signatureAlgorithm() {
        return signatureAlgorithms().get(0);
    }

    /** Writes the key to a new file with mode 0600 (fails if it exists); ed25519 keys only. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String text = encode();
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** The private key file text, unencrypted; ed25519 keys only (others come from ssh-keygen). */
    public String encode() {
        if (ed25519 == null) {
            throw new UnsupportedOperationException("only ed25519 keys are written; make " + type.sshName()
                    + " keys with ssh-keygen");
        }
        byte[] pub = publicRaw();
        int check = new SecureRandom().nextInt();
        WireWriter secret = new WireWriter().writeUint32(check).writeUint32(check).writeString(ED25519)
                .writeString(pub).writeString(concat(ed25519.getEncoded(), pub)).writeString(comment);
        for (int pad = 1; secret.size() % 8 != 0; pad++) {
            secret.writeByte(pad);
        }
        WireWriter blob = new WireWriter().writeRaw(OpenSshKeyFile.MAGIC).writeString("none").writeString("none")
                .writeString(new byte[0]).writeUint32(1).writeString(publicBlob()).writeString(secret.toByteArray());
        String base64 = Base64.getEncoder().encodeToString(blob.toByteArray());
        StringBuilder text = new StringBuilder(OpenSshKeyFile.BEGIN).append('\n');
        for (int i = 0; i < base64.length(); i += 70) {
            text.append(base64, i, Math.min(base64.length(), i + 70)).append('\n');
        }
        return text.append(OpenSshKeyFile.END).append('\n').toString();
    }

    private byte[] publicRaw() {
        return ed25519.generatePublicKey().getEncoded();
    }

    /** The public key blob (RFC 4253 section 6.6; RFC 8709 section 4 for ed25519). */
    public byte[] publicBlob() {
        return publicBlob.clone();
    }

    /** The public key as an {@code authorized_keys} / {@code known_hosts} line's key part. */
    public String publicKeyLine() {
        return type.sshName() + " " + Base64.getEncoder().encodeToString(publicBlob);
    }

    /** The signature blob over {@code data} with the preferred algorithm. */
    public byte[] sign(byte[] data) {
        return sign(signatureAlgorithm(), data);
    }

    /**
     * The signature blob ({@code string algorithm, string signature}) over {@code data} with
     * {@code algorithm}, one of {@link #signatureAlgorithms()} (RFC 8709 section 6, RFC 8332
     * section 3, RFC 5656 section 3.1.2).
     */
    public byte[] sign(String algorithm, byte[] data) {
        if (!signatureAlgorithms().contains(algorithm)) {
            throw new IllegalArgumentException(type.sshName() + " keys do not sign with " + algorithm);
        }
        if (ed25519 != null) {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, ed25519);
            signer.update(data, 0, data.length);
            return new WireWriter().writeString(ED25519).writeString(signer.generateSignature()).toByteArray();
        }
        try {
            return SshSignatures.sign(privateKey, algorithm, data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + algorithm, e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
