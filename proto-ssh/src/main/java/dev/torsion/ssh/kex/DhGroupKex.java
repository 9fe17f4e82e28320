package dev.torsion.ssh.kex;

import dev.torsion.ssh.codec.DisconnectReason;
import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;
import dev.torsion.ssh.codec.WireWriter;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.DHParameters;

/**
 * Diffie-Hellman over a fixed MODP group (RFC 4253 section 8, groups of RFC 3526 as RFC 8268
 * names them): e and f are {@code mpint}s; section 8 requires 1 &lt; f &lt; p-1; K is an mpint.
 */
final class DhGroupKex implements KexMethod {
    private final String name;
    private final String hash;
    private final BigInteger p;
    private final BigInteger g;
    private final BigInteger x;

    DhGroupKex(String name, DHParameters group, String hash, SecureRandom random) {
        this.name = name;
        this.hash = hash;
        this.p = group.getP();
        this.g = group.getG();
        // An exponent of twice the group's security strength (RFC 8268 section 4): 512 bits covers group18.
        this.x = new BigInteger(512, random).setBit(511);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String hash() {
        return hash;
    }

    @Override
    public byte[] clientInit() {
        return new WireWriter().writeMpint(g.modPow(x, p)).toByteArray();
    }

    private BigInteger check(byte[] field) throws SshProtocolException {
        WireReader reader = new WireReader(field);
        BigInteger value = reader.readMpint();
        if (value.compareTo(BigInteger.ONE) <= 0 || value.compareTo(p.subtract(BigInteger.ONE)) >= 0) {
            throw new SshProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED, "DH value out of range");
        }
        return value;
    }

    @Override
    public ServerReply serverReply(byte[] clientField) throws SshProtocolException {
        BigInteger e = check(clientField);
        return new ServerReply(new WireWriter().writeMpint(g.modPow(x, p)).toByteArray(),
                new WireWriter().writeMpint(e.modPow(x, p)).toByteArray());
    }

    @Override
    public byte[] clientFinish(byte[] serverField) throws SshProtocolException {
        return new WireWriter().writeMpint(check(serverField).modPow(x, p)).toByteArray();
    }
}
