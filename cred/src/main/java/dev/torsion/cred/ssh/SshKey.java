package dev.torsion.cred.ssh;

import java.security.PublicKey;
import java.util.Objects;

/** A decoded SSH public key: its type, the JDK key, and its blob in SSH wire format. */
public final class SshKey {
    private final SshKeyType type;
    private final PublicKey publicKey;
    private final byte[] blob;

    SshKey(SshKeyType type, PublicKey publicKey, byte[] blob) {
        this.type = Objects.requireNonNull(type, "type");
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.blob = blob.clone();
    }

    /** The key type. */
    public SshKeyType type() {
        return type;
    }

    /** The key as a JDK public key. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** A copy of the wire-format blob. */
    public byte[] blob() {
        return blob.clone();
    }

    @Override
    public String toString() {
        return "SshKey(" + type.sshName() + ")";
    }
}
