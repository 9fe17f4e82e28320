package dev.torsion.ssh.kex;

import dev.torsion.ssh.codec.DisconnectReason;
import dev.torsion.ssh.codec.SshProtocolException;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** An ephemeral X25519 key (RFC 7748) and the agreement with a peer's public key. */
final class X25519Pair {
    private final byte[] privateKey = new byte[X25519.SCALAR_SIZE];
    private final byte[] publicKey = new byte[X25519.POINT_SIZE];

    X25519Pair(SecureRandom random) {
        X25519.generatePrivateKey(random, privateKey);
        X25519.generatePublicKey(privateKey, 0, publicKey, 0);
    }

    byte[] publicKey() {
        return publicKey.clone();
    }

    /** The shared secret; RFC 8731 section 3: an all-zero result (a low-order point) is refused. */
    byte[] agree(byte[] peer, int offset) throws SshProtocolException {
        byte[] shared = new byte[X25519.POINT_SIZE];
        if (!X25519.calculateAgreement(privateKey, 0, peer, offset, shared, 0)) {
            throw new SshProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED, "X25519 gave the all-zero secret");
        }
        return shared;
    }
}
