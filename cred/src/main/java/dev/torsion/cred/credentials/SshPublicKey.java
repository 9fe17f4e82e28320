package dev.torsion.cred.credentials;

import dev.torsion.cred.LogSafe;
import java.util.Objects;
import java.util.Optional;

/**
 * An SSH public key login (RFC 4252 section 7), as Twisted's {@code SSHPrivateKey}: the user, the
 * public key algorithm the peer named (for example {@code rsa-sha2-256}), the key blob in SSH wire
 * format, and the signature blob over the signed data. Without a signature it is the question
 * "would this key be accepted?", answered with {@link dev.torsion.cred.ValidPublicKey}.
 *
 * <p>The peer's address, when the server knows it, lets the checker enforce {@code from=}
 * restrictions of {@code authorized_keys}; keys with such a restriction are refused without it.
 */
public final class SshPublicKey implements Credentials {
    private final String username;
    private final String algorithm;
    private final byte[] keyBlob;
    private final byte[] signedData;
    private final byte[] signature;
    private final String peerAddress;

    private SshPublicKey(String username, String algorithm, byte[] keyBlob, byte[] signedData,
            byte[] signature, String peerAddress) {
        this.username = Objects.requireNonNull(username, "username");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.keyBlob = Objects.requireNonNull(keyBlob, "keyBlob").clone();
        this.signedData = signedData == null ? null : signedData.clone();
        this.signature = signature == null ? null : signature.clone();
        this.peerAddress = peerAddress;
        if ((signature == null) != (signedData == null)) {
            throw new IllegalArgumentException("signature and signed data go together");
        }
    }

    /** A signed login: {@code signature} is the SSH signature blob over {@code signedData}. */
    public static SshPublicKey signed(String username, String algorithm, byte[] keyBlob,
            byte[] signedData, byte[] signature) {
        return new SshPublicKey(username, algorithm, keyBlob,
                Objects.requireNonNull(signedData, "signedData"), Objects.requireNonNull(signature, "signature"), null);
    }

    /** The query "would this key be accepted for this user?" (no signature yet). */
    public static SshPublicKey query(String username, String algorithm, byte[] keyBlob) {
        return new SshPublicKey(username, algorithm, keyBlob, null, null, null);
    }

    /** A copy that carries the peer's IP address (textual, as the transport reports it). */
    public SshPublicKey fromPeer(String address) {
        return new SshPublicKey(username, algorithm, keyBlob, signedData, signature,
                Objects.requireNonNull(address, "address"));
    }

    /** The user name the peer claims. */
    public String username() {
        return username;
    }

    /** The public key algorithm name the peer sent. */
    public String algorithm() {
        return algorithm;
    }

    /** A copy of the public key blob (SSH wire format). */
    public byte[] keyBlob() {
        return keyBlob.clone();
    }

    /** A copy of the signed data, or empty for a query. */
    public Optional<byte[]> signedData() {
        return Optional.ofNullable(signedData).map(byte[]::clone);
    }

    /** A copy of the signature blob, or empty for a query. */
    public Optional<byte[]> signature() {
        return Optional.ofNullable(signature).map(byte[]::clone);
    }

    /** The peer's address, when the server gave it. */
    public Optional<String> peerAddress() {
        return Optional.ofNullable(peerAddress);
    }

    @Override
    public String toString() {
        return "SshPublicKey(" + LogSafe.text(username) + ", " + LogSafe.text(algorithm)
                + (signature == null ? ", query)" : ", signed)");
    }
}
