package dev.torsion.ssh.transport;

import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;
import dev.torsion.ssh.codec.WireWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An {@code ssh-ed25519} key pair (RFC 8709) for the server's host key or a client's login, kept in
 * OpenSSH's private key format ({@code openssh-key-v1}, unencrypted, as {@code ssh-keygen -N ''}
 * writes it: OpenSSH's PROTOCOL.key).
 */
public final class HostKey {
    /** The algorithm name. */
    public static final String ED25519 = "ssh-ed25519";
    private static final String BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private static final String END = "-----END OPENSSH PRIVATE KEY-----";
    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

    private final Ed25519PrivateKeyParameters privateKey;
    private final String comment;

    private HostKey(Ed25519PrivateKeyParameters privateKey, String comment) {
        this.privateKey = privateKey;
        this.comment = comment;
    }

    /** A new random key. */
    public static HostKey generate(SecureRandom random, String comment) {
        return new HostKey(new Ed25519PrivateKeyParameters(random), comment);
    }

    /** The key from its 32-byte seed (tests). */
    public static HostKey fromSeed(byte[] seed) {
        return new HostKey(new Ed25519PrivateKeyParameters(seed, 0), "");
    }

    /** The key in {@code file}, or a new one written there (mode 0600) when the file is absent. */
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

    /** Reads an unencrypted OpenSSH ed25519 private key file. */
    public static HostKey read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IOException(file + ": not an OpenSSH private key");
        }
        byte[] blob = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
        try {
            return parse(blob);
        } catch (SshProtocolException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    static HostKey parse(byte[] blob) throws SshProtocolException, IOException {
        if (blob.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(blob, MAGIC.length), MAGIC)) {
            throw new IOException("not an openssh-key-v1 key");
        }
        WireReader reader = new WireReader(blob, MAGIC.length, blob.length - MAGIC.length);
        String cipher = reader.readAscii();
        reader.readAscii();
        reader.readString();
        if (!"none".equals(cipher)) {
            throw new IOException("encrypted private keys are not supported yet");
        }
        if (reader.readUint32() != 1) {
            throw new IOException("one key per file expected");
        }
        reader.readString();
        WireReader secret = new WireReader(reader.readString());
        if (secret.readUint32() != secret.readUint32()) {
            throw new IOException("check numbers differ");
        }
        if (!ED25519.equals(secret.readAscii())) {
            throw new IOException("only ssh-ed25519 keys are supported yet");
        }
        secret.readString();
        byte[] pair = secret.readString();
        String comment = secret.readUtf8();
        if (pair.length != 64) {
            throw new IOException("ed25519 private key of " + pair.length + " bytes");
        }
        return new HostKey(new Ed25519PrivateKeyParameters(pair, 0), comment);
    }

    /** Writes the key to a new file with mode 0600 (fails if it exists). */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, encode(), StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** The private key file text. */
    public String encode() {
        byte[] pub = publicRaw();
        int check = new SecureRandom().nextInt();
        WireWriter secret = new WireWriter().writeUint32(check).writeUint32(check).writeString(ED25519)
                .writeString(pub).writeString(concat(privateKey.getEncoded(), pub)).writeString(comment);
        for (int pad = 1; secret.size() % 8 != 0; pad++) {
            secret.writeByte(pad);
        }
        WireWriter blob = new WireWriter().writeRaw(MAGIC).writeString("none").writeString("none")
                .writeString(new byte[0]).writeUint32(1).writeString(publicBlob()).writeString(secret.toByteArray());
        String base64 = Base64.getEncoder().encodeToString(blob.toByteArray());
        StringBuilder text = new StringBuilder(BEGIN).append('\n');
        for (int i = 0; i < base64.length(); i += 70) {
            text.append(base64, i, Math.min(base64.length(), i + 70)).append('\n');
        }
        return text.append(END).append('\n').toString();
    }

    private byte[] publicRaw() {
        return privateKey.generatePublicKey().getEncoded();
    }

    /** The public key blob ({@code string "ssh-ed25519", string key}, RFC 8709 section 4). */
    public byte[] publicBlob() {
        return new WireWriter().writeString(ED25519).writeString(publicRaw()).toByteArray();
    }

    /** The public key as an {@code authorized_keys} / {@code known_hosts} line's key part. */
    public String publicKeyLine() {
        return ED25519 + " " + Base64.getEncoder().encodeToString(publicBlob());
    }

    /** The signature blob over {@code data} ({@code string "ssh-ed25519", string signature}, RFC 8709 section 6). */
    public byte[] sign(byte[] data) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(data, 0, data.length);
        return new WireWriter().writeString(ED25519).writeString(signer.generateSignature()).toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
