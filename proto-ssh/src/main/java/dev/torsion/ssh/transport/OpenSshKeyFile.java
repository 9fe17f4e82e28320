package dev.torsion.ssh.transport;

import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The container of OpenSSH's private key files ({@code openssh-key-v1}, OpenSSH's PROTOCOL.key):
 * the PEM-like armour, the public key blob, and the private section, in the clear or encrypted
 * with a key from {@link BcryptPbkdf} ({@code bcrypt}) and AES-CTR, as {@code ssh-keygen} writes
 * them (aes256-ctr by default). Pure: text in, the public blob and a reader over the private key out.
 *
 * @param publicBlob the public key blob (RFC 4253 section 6.6 form)
 * @param privateKey the decrypted private section, positioned after the check numbers: the key
 *                   type, its private fields, the comment
 */
record OpenSshKeyFile(byte[] publicBlob, WireReader privateKey) {
    static final String BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
    static final String END = "-----END OPENSSH PRIVATE KEY-----";
    static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
    /** The largest key file text read (an RSA key of 16384 bits, encrypted, is under 13 KiB). */
    static final int MAX_TEXT = 64 * 1024;

    /** Thrown for an encrypted file given no passphrase, so that a caller can ask for one. */
    static final class PassphraseNeeded extends IOException {
        private static final long serialVersionUID = 1L;

        PassphraseNeeded() {
            super("the private key is encrypted: a passphrase is needed");
        }
    }

    /** Decodes the file text; {@code passphrase} (null for none) opens an encrypted one. */
    static OpenSshKeyFile decode(String text, byte[] passphrase) throws IOException {
        if (text.length() > MAX_TEXT) {
            throw new IOException("key file over " + MAX_TEXT + " characters");
        }
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IOException("not an OpenSSH private key");
        }
        byte[] blob;
        try {
            blob = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IOException("bad base64 in the key file", e);
        }
        try {
            return parse(blob, passphrase);
        } catch (SshProtocolException e) {
            throw new IOException("malformed key file: " + e.getMessage(), e);
        }
    }

    private static OpenSshKeyFile parse(byte[] blob, byte[] passphrase) throws SshProtocolException, IOException {
        if (blob.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(blob, MAGIC.length), MAGIC)) {
            throw new IOException("not an openssh-key-v1 key");
        }
        WireReader reader = new WireReader(blob, MAGIC.length, blob.length - MAGIC.length);
        String cipher = reader.readAscii();
        String kdf = reader.readAscii();
        byte[] kdfOptions = reader.readString();
        if (reader.readUint32() != 1) {
            throw new IOException("one key per file expected");
        }
        byte[] publicBlob = reader.readString();
        byte[] secret = reader.readString();
        boolean encrypted = !"none".equals(cipher);
        if (encrypted) {
            if (passphrase == null) {
                throw new PassphraseNeeded();
            }
            secret = decrypt(cipher, kdf, kdfOptions, passphrase, secret);
        } else if (!"none".equals(kdf)) {
            throw new IOException("key derivation " + kdf + " without a cipher");
        }
        WireReader privateKey = new WireReader(secret);
        if (privateKey.readUint32() != privateKey.readUint32()) {
            // PROTOCOL.key: the two check numbers differ when the passphrase is wrong.
            throw new IOException(encrypted ? "wrong passphrase" : "check numbers differ");
        }
        return new OpenSshKeyFile(publicBlob, privateKey);
    }

    /** aes128/192/256-ctr with key and IV from bcrypt_pbkdf(passphrase, salt, rounds). */
    private static byte[] decrypt(String cipher, String kdf, byte[] kdfOptions, byte[] passphrase, byte[] secret)
            throws SshProtocolException, IOException {
        int keyLength = switch (cipher) {
            case "aes128-ctr" -> 16;
            case "aes192-ctr" -> 24;
            case "aes256-ctr" -> 32;
            default -> throw new IOException("key file cipher " + cipher + " is not supported (aes*-ctr are)");
        };
        if (!"bcrypt".equals(kdf)) {
            throw new IOException("key derivation " + kdf + " is not supported (bcrypt is)");
        }
        if (secret.length % 16 != 0) {
            throw new IOException("encrypted private section not a whole number of blocks");
        }
        WireReader options = new WireReader(kdfOptions);
        byte[] salt = options.readString();
        long rounds = options.readUint32();
        if (rounds < 1 || rounds > BcryptPbkdf.MAX_ROUNDS || salt.length == 0 || salt.length > 1024) {
            throw new IOException("bcrypt parameters out of range (" + rounds + " rounds)");
        }
        byte[] keyAndIv = BcryptPbkdf.derive(passphrase, salt, (int) rounds, keyLength + 16);
        try {
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keyAndIv, 0, keyLength, "AES"),
                    new IvParameterSpec(keyAndIv, keyLength, 16));
            return aes.doFinal(secret);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR unavailable", e);
        } finally {
            Arrays.fill(keyAndIv, (byte) 0);
        }
    }
}
