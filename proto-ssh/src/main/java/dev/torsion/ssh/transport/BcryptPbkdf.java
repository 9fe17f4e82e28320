package dev.torsion.ssh.transport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * bcrypt_pbkdf, the key derivation of OpenSSH's encrypted private key files (kdfname
 * {@code bcrypt}, OpenSSH's PROTOCOL.key), as OpenBSD's {@code bcrypt_pbkdf.c} defines it: PBKDF2's
 * structure with SHA-512 and bcrypt's hash as the pseudo-random function, and the output bytes
 * spread across the blocks rather than concatenated.
 */
public final class BcryptPbkdf {
    /** The most rounds accepted: a key file asking for more would keep the CPU busy for minutes. */
    public static final int MAX_ROUNDS = 1 << 16;
    private static final int HASH_BYTES = 32;
    private static final byte[] MAGIC = "OxychromaticBlowfishSwatDynamite".getBytes(StandardCharsets.US_ASCII);

    private BcryptPbkdf() {
    }

    /** {@code length} bytes of key from {@code passphrase} and {@code salt} with {@code rounds} rounds. */
    public static byte[] derive(byte[] passphrase, byte[] salt, int rounds, int length) {
        if (rounds < 1 || rounds > MAX_ROUNDS || length < 1 || length > HASH_BYTES * HASH_BYTES || salt.length == 0) {
            throw new IllegalArgumentException("bcrypt_pbkdf parameters out of range");
        }
        int stride = (length + HASH_BYTES - 1) / HASH_BYTES;
        int amount = (length + stride - 1) / stride;
        byte[] key = new byte[length];
        MessageDigest sha512 = sha512();
        byte[] hashedPassphrase = sha512.digest(passphrase);
        int remaining = length;
        for (int count = 1; remaining > 0; count++) {
            sha512.update(salt);
            sha512.update(new byte[] {(byte) (count >>> 24), (byte) (count >>> 16), (byte) (count >>> 8), (byte) count});
            byte[] block = bcryptHash(hashedPassphrase, sha512.digest());
            byte[] out = block.clone();
            for (int round = 1; round < rounds; round++) {
                block = bcryptHash(hashedPassphrase, sha512.digest(block));
                for (int i = 0; i < out.length; i++) {
                    out[i] ^= block[i];
                }
            }
            int take = Math.min(amount, remaining);
            int i = 0;
            for (; i < take; i++) {
                int destination = i * stride + (count - 1);
                if (destination >= length) {
                    break;
                }
                key[destination] = out[i];
            }
            remaining -= i;
        }
        return key;
    }

    /** bcrypt_hash: eksblowfish keyed by both SHA-512 values, then the magic enciphered 64 times. */
    static byte[] bcryptHash(byte[] hashedPassphrase, byte[] hashedSalt) {
        Blowfish state = new Blowfish();
        state.expandState(hashedSalt, hashedPassphrase);
        for (int i = 0; i < 64; i++) {
            state.expandZeroState(hashedSalt);
            state.expandZeroState(hashedPassphrase);
        }
        int[] words = new int[MAGIC.length / 4];
        int[] position = {0};
        for (int i = 0; i < words.length; i++) {
            words[i] = Blowfish.streamToWord(MAGIC, position);
        }
        for (int i = 0; i < 64; i++) {
            for (int block = 0; block < words.length; block += 2) {
                state.encipher(words, block);
            }
        }
        byte[] out = new byte[HASH_BYTES];
        for (int i = 0; i < words.length; i++) {
            // Little-endian, as OpenBSD writes the words out.
            out[4 * i] = (byte) words[i];
            out[4 * i + 1] = (byte) (words[i] >>> 8);
            out[4 * i + 2] = (byte) (words[i] >>> 16);
            out[4 * i + 3] = (byte) (words[i] >>> 24);
        }
        Arrays.fill(words, 0);
        return out;
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
