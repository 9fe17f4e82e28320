package dev.torsion.cred.ssh;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

/**
 * Verifies (and makes) SSH signature blobs ({@code string algorithm, string signature}) with the
 * JDK: Ed25519 (RFC 8709), ECDSA whose {@code mpint r, mpint s} become the DER the JDK expects
 * (RFC 5656 section 3.1.2), and RSA with SHA-256/SHA-512 (RFC 8332) or, only when allowed, SHA-1.
 */
public final class SshSignatures {
    private SshSignatures() {
    }

    /**
     * Whether {@code signatureBlob} is a valid signature by {@code key} over {@code data}, made with
     * {@code algorithm}, the public key algorithm the peer named. A blob naming another algorithm,
     * an algorithm that does not suit the key, or a malformed blob all give false.
     *
     * @param allowSha1Rsa whether {@code ssh-rsa} (RSA with SHA-1) signatures count
     */
    public static boolean verify(SshKey key, String algorithm, byte[] signatureBlob, byte[] data,
            boolean allowSha1Rsa) {
        if (!key.type().signatureAlgorithms().contains(algorithm)) {
            return false;
        }
        if ("ssh-rsa".equals(algorithm) && !allowSha1Rsa) {
            return false;
        }
        try {
            SshWireReader reader = new SshWireReader(signatureBlob);
            String named = reader.readAsciiString();
            byte[] signature = reader.readString();
            reader.ensureFullyRead();
            if (!named.equals(algorithm)) {
                return false;
            }
            Signature verifier = Signature.getInstance(jdkAlgorithm(algorithm));
            verifier.initVerify(key.publicKey());
            verifier.update(data);
            return verifier.verify(toJdkSignature(key, signature));
        } catch (SshFormatException | GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Signs {@code data} with {@code privateKey} of type {@code type} using {@code algorithm}, and
     * gives the SSH signature blob. Used by SSH clients and by tests.
     */
    public static byte[] sign(PrivateKey privateKey, String algorithm, byte[] data) throws GeneralSecurityException {
        SshKeyType type = SshKeyType.forSignatureAlgorithm(algorithm)
                .orElseThrow(() -> new IllegalArgumentException("unsupported algorithm " + algorithm));
        Signature signer = Signature.getInstance(jdkAlgorithm(algorithm));
        signer.initSign(privateKey);
        signer.update(data);
        byte[] signature = signer.sign();
        if (type.isEcdsa()) {
            signature = derToSsh(signature);
        }
        return new SshWireWriter().writeString(algorithm).writeString(signature).toByteArray();
    }

    /** The JDK signature algorithm for an SSH public key algorithm name. */
    static String jdkAlgorithm(String algorithm) {
        switch (algorithm) {
            case "ssh-ed25519":
                return "Ed25519";
            case "ecdsa-sha2-nistp256":
                return "SHA256withECDSA";
            case "ecdsa-sha2-nistp384":
                return "SHA384withECDSA";
            case "ecdsa-sha2-nistp521":
                return "SHA512withECDSA";
            case "rsa-sha2-256":
                return "SHA256withRSA";
            case "rsa-sha2-512":
                return "SHA512withRSA";
            case "ssh-rsa":
                return "SHA1withRSA";
            default:
                throw new IllegalArgumentException("unsupported algorithm " + algorithm);
        }
    }

    private static byte[] toJdkSignature(SshKey key, byte[] signature) throws SshFormatException {
        switch (key.type()) {
            case ED25519:
                if (signature.length != 64) {
                    throw new SshFormatException("Ed25519 signature must be 64 bytes");
                }
                return signature;
            case RSA:
                return padRsa((RSAPublicKey) key.publicKey(), signature);
            default:
                return sshToDer(signature);
        }
    }

    /** Left-pads an RSA signature to the modulus length: SSH peers may drop leading zeros, the JDK wants them. */
    private static byte[] padRsa(RSAPublicKey key, byte[] signature) throws SshFormatException {
        int length = (key.getModulus().bitLength() + 7) / 8;
        if (signature.length > length) {
            throw new SshFormatException("RSA signature longer than the modulus");
        }
        byte[] padded = new byte[length];
        System.arraycopy(signature, 0, padded, length - signature.length, signature.length);
        return padded;
    }

    /** SSH's {@code mpint r, mpint s} to DER {@code SEQUENCE { INTEGER r, INTEGER s }}. */
    static byte[] sshToDer(byte[] signature) throws SshFormatException {
        SshWireReader reader = new SshWireReader(signature);
        BigInteger r = reader.readMpint();
        BigInteger s = reader.readMpint();
        reader.ensureFullyRead();
        if (r.signum() <= 0 || s.signum() <= 0) {
            throw new SshFormatException("ECDSA signature values must be positive");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeDerInteger(body, r);
        writeDerInteger(body, s);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        writeDerLength(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void writeDerInteger(ByteArrayOutputStream out, BigInteger value) {
        byte[] bytes = value.toByteArray(); // minimal two's complement: what DER requires
        out.write(0x02);
        writeDerLength(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeDerLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length);
        }
    }

    /** DER {@code SEQUENCE { INTEGER r, INTEGER s }} (as the JDK signs) to SSH's {@code mpint r, mpint s}. */
    static byte[] derToSsh(byte[] der) throws GeneralSecurityException {
        int[] position = {0};
        expect(der, position, 0x30);
        int end = readDerLength(der, position) + position[0];
        if (end != der.length) {
            throw new GeneralSecurityException("malformed DER signature");
        }
        BigInteger r = readDerInteger(der, position);
        BigInteger s = readDerInteger(der, position);
        return new SshWireWriter().writeMpint(r).writeMpint(s).toByteArray();
    }

    private static BigInteger readDerInteger(byte[] der, int[] position) throws GeneralSecurityException {
        expect(der, position, 0x02);
        int length = readDerLength(der, position);
        if (length <= 0 || position[0] + length > der.length) {
            throw new GeneralSecurityException("malformed DER integer");
        }
        BigInteger value = new BigInteger(Arrays.copyOfRange(der, position[0], position[0] + length));
        position[0] += length;
        return value;
    }

    private static void expect(byte[] der, int[] position, int tag) throws GeneralSecurityException {
        if (position[0] >= der.length || (der[position[0]] & 0xff) != tag) {
            throw new GeneralSecurityException("malformed DER signature");
        }
        position[0]++;
    }

    private static int readDerLength(byte[] der, int[] position) throws GeneralSecurityException {
        if (position[0] >= der.length) {
            throw new GeneralSecurityException("malformed DER length");
        }
        int first = der[position[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int count = first & 0x7f;
        if (count == 0 || count > 2 || position[0] + count > der.length) {
            throw new GeneralSecurityException("malformed DER length");
        }
        int length = 0;
        for (int i = 0; i < count; i++) {
            length = (length << 8) | (der[position[0]++] & 0xff);
        }
        return length;
    }

}
