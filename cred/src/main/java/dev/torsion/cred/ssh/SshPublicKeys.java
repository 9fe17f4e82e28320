package dev.torsion.cred.ssh;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Converts SSH public key blobs (RFC 4253 section 6.6, RFC 5656, RFC 8709) to JDK keys and back,
 * validating them on the way in: ECDSA points must lie on their curve, RSA moduli must be at least
 * the minimum size, and nothing may trail the key.
 */
public final class SshPublicKeys {
    /** The smallest RSA modulus accepted unless told otherwise. */
    public static final int DEFAULT_MIN_RSA_BITS = 2048;
    /** The largest RSA modulus accepted: bigger keys only cost the verifier time. */
    public static final int MAX_RSA_BITS = 16384;

    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (OID 1.3.101.112), before the 32 key bytes. */
    private static final byte[] ED25519_SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final int ED25519_KEY_LENGTH = 32;

    private SshPublicKeys() {
    }

    /** Decodes {@code blob} with the default minimum RSA size. */
    public static SshKey decode(byte[] blob) throws SshFormatException {
        return decode(blob, DEFAULT_MIN_RSA_BITS);
    }

    /** Decodes and validates {@code blob}; RSA keys smaller than {@code minRsaBits} are refused. */
    public static SshKey decode(byte[] blob, int minRsaBits) throws SshFormatException {
        SshWireReader reader = new SshWireReader(blob);
        String name = reader.readAsciiString();
        SshKeyType type = SshKeyType.of(name)
                .orElseThrow(() -> new SshFormatException("unsupported key type " + name));
        PublicKey key;
        if (type == SshKeyType.ED25519) {
            key = decodeEd25519(reader);
        } else if (type == SshKeyType.RSA) {
            key = decodeRsa(reader, minRsaBits);
        } else {
            key = decodeEcdsa(reader, type);
        }
        reader.ensureFullyRead();
        return new SshKey(type, key, blob);
    }

    private static PublicKey decodeEd25519(SshWireReader reader) throws SshFormatException {
        byte[] raw = reader.readString();
        if (raw.length != ED25519_KEY_LENGTH) {
            throw new SshFormatException("Ed25519 key must be 32 bytes, not " + raw.length);
        }
        byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + raw.length);
        System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new SshFormatException("invalid Ed25519 key", e);
        }
    }

    private static PublicKey decodeRsa(SshWireReader reader, int minRsaBits) throws SshFormatException {
        BigInteger exponent = reader.readMpint();
        BigInteger modulus = reader.readMpint();
        if (exponent.signum() <= 0 || !exponent.testBit(0) || exponent.bitLength() > 64) {
            throw new SshFormatException("invalid RSA public exponent");
        }
        if (modulus.signum() <= 0 || !modulus.testBit(0)) {
            throw new SshFormatException("invalid RSA modulus");
        }
        if (modulus.bitLength() < minRsaBits) {
            throw new SshFormatException("RSA key of " + modulus.bitLength() + " bits is below the minimum of " + minRsaBits);
        }
        if (modulus.bitLength() > MAX_RSA_BITS) {
            throw new SshFormatException("RSA key of " + modulus.bitLength() + " bits is above the maximum of " + MAX_RSA_BITS);
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException e) {
            throw new SshFormatException("invalid RSA key", e);
        }
    }

    private static PublicKey decodeEcdsa(SshWireReader reader, SshKeyType type) throws SshFormatException {
        String curve = reader.readAsciiString();
        if (!curve.equals(type.curveName())) {
            throw new SshFormatException("key type " + type.sshName() + " names curve " + curve);
        }
        byte[] point = reader.readString();
        int fieldBytes = (type.fieldBits() + 7) / 8;
        if (point.length != 1 + 2 * fieldBytes || point[0] != 0x04) {
            throw new SshFormatException("ECDSA point is not an uncompressed point of " + curve);
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + fieldBytes));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 1 + fieldBytes, point.length));
        ECParameterSpec parameters = curveParameters(type);
        if (!isOnCurve(parameters, x, y)) {
            throw new SshFormatException("ECDSA point is not on curve " + curve);
        }
        try {
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), parameters));
        } catch (GeneralSecurityException e) {
            throw new SshFormatException("invalid ECDSA key", e);
        }
    }

    /** The JDK parameters of the curve of {@code type}. */
    static ECParameterSpec curveParameters(SshKeyType type) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(type.jdkCurve()));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks curve " + type.jdkCurve(), e);
        }
    }

    /** Whether (x, y) satisfies y^2 = x^3 + ax + b over the curve's prime field, with 0 <= x, y < p. */
    private static boolean isOnCurve(ECParameterSpec parameters, BigInteger x, BigInteger y) {
        BigInteger p = ((ECFieldFp) parameters.getCurve().getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger a = parameters.getCurve().getA();
        BigInteger b = parameters.getCurve().getB();
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.pow(3).add(a.multiply(x)).add(b).mod(p);
        return left.equals(right);
    }

    /** The SSH blob of a JDK Ed25519, ECDSA (P-256/384/521) or RSA public key. */
    public static byte[] encode(PublicKey key) {
        if (key instanceof RSAPublicKey) {
            RSAPublicKey rsa = (RSAPublicKey) key;
            return new SshWireWriter().writeString(SshKeyType.RSA.sshName())
                    .writeMpint(rsa.getPublicExponent()).writeMpint(rsa.getModulus()).toByteArray();
        }
        if (key instanceof ECPublicKey) {
            ECPublicKey ec = (ECPublicKey) key;
            SshKeyType type = ecdsaType(ec.getParams());
            int fieldBytes = (type.fieldBits() + 7) / 8;
            byte[] point = new byte[1 + 2 * fieldBytes];
            point[0] = 0x04;
            copyUnsigned(ec.getW().getAffineX(), point, 1, fieldBytes);
            copyUnsigned(ec.getW().getAffineY(), point, 1 + fieldBytes, fieldBytes);
            return new SshWireWriter().writeString(type.sshName()).writeString(type.curveName())
                    .writeString(point).toByteArray();
        }
        if (key instanceof EdECPublicKey && "Ed25519".equals(((EdECPublicKey) key).getParams().getName())) {
            byte[] spki = key.getEncoded();
            byte[] raw = Arrays.copyOfRange(spki, spki.length - ED25519_KEY_LENGTH, spki.length);
            return new SshWireWriter().writeString(SshKeyType.ED25519.sshName()).writeString(raw).toByteArray();
        }
        throw new IllegalArgumentException("unsupported key: " + key.getAlgorithm());
    }

    /** The SSH type of an ECDSA key with {@code parameters}, by field size. */
    static SshKeyType ecdsaType(ECParameterSpec parameters) {
        int bits = parameters.getCurve().getField().getFieldSize();
        for (SshKeyType type : SshKeyType.values()) {
            if (type.isEcdsa() && type.fieldBits() == bits
                    && curveParameters(type).getCurve().equals(parameters.getCurve())) {
                return type;
            }
        }
        throw new IllegalArgumentException("unsupported EC curve of " + bits + " bits");
    }

    /** Writes {@code value} big-endian, unsigned, left-padded to {@code length} bytes. */
    static void copyUnsigned(BigInteger value, byte[] target, int offset, int length) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > length ? bytes.length - length : 0; // drop a sign byte
        int count = bytes.length - start;
        System.arraycopy(bytes, start, target, offset + length - count, count);
    }
}
