package dev.torsion.ssh.kex;

import dev.torsion.ssh.codec.DisconnectReason;
import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;
import dev.torsion.ssh.codec.WireWriter;
import java.security.SecureRandom;

/**
 * {@code curve25519-sha256} (RFC 8731): Q_C and Q_S are 32-byte X25519 public keys sent as
 * strings; the shared secret is the X25519 output read as a big-endian unsigned number, encoded as
 * an {@code mpint} (section 3.1).
 */
final class Curve25519Kex implements KexMethod {
    private final String name;
    private final X25519Pair pair;

    Curve25519Kex(String name, SecureRandom random) {
        this.name = name;
        this.pair = new X25519Pair(random);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String hash() {
        return "SHA-256";
    }

    @Override
    public byte[] clientInit() {
        return new WireWriter().writeString(pair.publicKey()).toByteArray();
    }

    private static byte[] point(byte[] field) throws SshProtocolException {
        WireReader reader = new WireReader(field);
        byte[] point = reader.readString();
        if (point.length != 32) {
            throw new SshProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED, "X25519 key of " + point.length + " bytes");
        }
        return point;
    }

    @Override
    public ServerReply serverReply(byte[] clientField) throws SshProtocolException {
        byte[] shared = pair.agree(point(clientField), 0);
        return new ServerReply(new WireWriter().writeString(pair.publicKey()).toByteArray(),
                new WireWriter().writeMpintUnsigned(shared).toByteArray());
    }

    @Override
    public byte[] clientFinish(byte[] serverField) throws SshProtocolException {
        return new WireWriter().writeMpintUnsigned(pair.agree(point(serverField), 0)).toByteArray();
    }
}
