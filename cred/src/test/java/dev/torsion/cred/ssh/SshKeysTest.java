package dev.torsion.cred.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SshKeysTest {
    private static final byte[] DATA = "session id and userauth request".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @EnumSource(SshKeyType.class)
    void blobsRoundTripThroughTheJdk(SshKeyType type) throws Exception {
        KeyPair pair = TestKeys.pair(type);
        byte[] blob = SshPublicKeys.encode(pair.getPublic());
        SshKey key = SshPublicKeys.decode(blob);
        assertEquals(type, key.type());
        assertEquals(pair.getPublic(), key.publicKey());
        assertArrayEquals(blob, key.blob());
        assertArrayEquals(blob, SshPublicKeys.encode(key.publicKey()));
        SshWireReader reader = new SshWireReader(blob);
        assertEquals(type.sshName(), reader.readAsciiString(), "the blob starts with the type name");
    }

    @ParameterizedTest
    @EnumSource(SshKeyType.class)
    void signaturesVerifyOnlyForTheirKeyAndData(SshKeyType type) throws Exception {
        KeyPair pair = TestKeys.pair(type);
        SshKey key = SshPublicKeys.decode(TestKeys.blob(pair));
        for (String algorithm : type.signatureAlgorithms()) {
            byte[] signature = SshSignatures.sign(pair.getPrivate(), algorithm, DATA);
            boolean sha1 = algorithm.equals("ssh-rsa");
            assertTrue(SshSignatures.verify(key, algorithm, signature, DATA, true), algorithm);
            assertEquals(!sha1, SshSignatures.verify(key, algorithm, signature, DATA, false),
                    "SHA-1 RSA signatures only when allowed");
            byte[] otherData = DATA.clone();
            otherData[0] ^= 1;
            assertFalse(SshSignatures.verify(key, algorithm, signature, otherData, true), "other data");
            SshKey otherKey = SshPublicKeys.decode(TestKeys.blob(TestKeys.other(type)));
            assertFalse(SshSignatures.verify(otherKey, algorithm, signature, DATA, true), "other key");
            byte[] flipped = signature.clone();
            flipped[flipped.length - 1] ^= 1;
            assertFalse(SshSignatures.verify(key, algorithm, flipped, DATA, true), "damaged signature");
        }
    }

    @Test
    void signatureMustNameTheAlgorithmThePeerNamed() throws Exception {
        KeyPair pair = TestKeys.pair(SshKeyType.RSA);
        SshKey key = SshPublicKeys.decode(TestKeys.blob(pair));
        byte[] sha512 = SshSignatures.sign(pair.getPrivate(), "rsa-sha2-512", DATA);
        assertTrue(SshSignatures.verify(key, "rsa-sha2-512", sha512, DATA, false));
        assertFalse(SshSignatures.verify(key, "rsa-sha2-256", sha512, DATA, false));
        SshKey ed = SshPublicKeys.decode(TestKeys.blob(TestKeys.pair(SshKeyType.ED25519)));
        assertFalse(SshSignatures.verify(ed, "rsa-sha2-512", sha512, DATA, false), "algorithm must suit the key");
        byte[] trailing = Arrays.copyOf(sha512, sha512.length + 1);
        assertFalse(SshSignatures.verify(key, "rsa-sha2-512", trailing, DATA, false), "trailing bytes");
    }

    @Test
    void ecdsaSignaturesAreMpintPairsConvertedToDer() throws Exception {
        for (SshKeyType type : new SshKeyType[] {SshKeyType.ECDSA_P256, SshKeyType.ECDSA_P384, SshKeyType.ECDSA_P521}) {
            KeyPair pair = TestKeys.pair(type);
            byte[] blob = SshSignatures.sign(pair.getPrivate(), type.sshName(), DATA);
            SshWireReader outer = new SshWireReader(blob);
            assertEquals(type.sshName(), outer.readAsciiString());
            SshWireReader inner = new SshWireReader(outer.readString());
            BigInteger r = inner.readMpint();
            BigInteger s = inner.readMpint();
            inner.ensureFullyRead();
            assertTrue(r.signum() > 0 && s.signum() > 0);
            byte[] der = SshSignatures.sshToDer(new SshWireWriter().writeMpint(r).writeMpint(s).toByteArray());
            Signature jdk = Signature.getInstance(SshSignatures.jdkAlgorithm(type.sshName()));
            jdk.initVerify(pair.getPublic());
            jdk.update(DATA);
            assertTrue(jdk.verify(der), "the DER we build is what the JDK verifies");
        }
        assertThrows(SshFormatException.class,
                () -> SshSignatures.sshToDer(new SshWireWriter().writeMpint(BigInteger.ONE).toByteArray()));
        assertThrows(SshFormatException.class, () -> SshSignatures.sshToDer(
                new SshWireWriter().writeMpint(BigInteger.ZERO).writeMpint(BigInteger.ONE).toByteArray()));
    }

    @Test
    void rsaSignaturesWithoutLeadingZerosVerify() throws GeneralSecurityException, SshFormatException {
        // SSH peers may strip the leading zero bytes of an RSA signature; the JDK wants them.
        // A 1024-bit key signs fast; about one signature in 256 starts with a zero byte.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024, new SecureRandom(new byte[] {1}));
        KeyPair pair = generator.generateKeyPair();
        SshKey key = SshPublicKeys.decode(TestKeys.blob(pair), 1024);
        int modulusBytes = (((RSAPublicKey) pair.getPublic()).getModulus().bitLength() + 7) / 8;
        for (int attempt = 0; attempt < 5000; attempt++) {
            byte[] data = ("attempt " + attempt).getBytes(StandardCharsets.US_ASCII);
            SshWireReader reader = new SshWireReader(SshSignatures.sign(pair.getPrivate(), "rsa-sha2-256", data));
            reader.readAsciiString();
            byte[] raw = reader.readString();
            assertEquals(modulusBytes, raw.length);
            if (raw[0] == 0) {
                byte[] stripped = Arrays.copyOfRange(raw, 1, raw.length);
                byte[] blob = new SshWireWriter().writeString("rsa-sha2-256").writeString(stripped).toByteArray();
                assertTrue(SshSignatures.verify(key, "rsa-sha2-256", blob, data, false));
                return;
            }
        }
        throw new AssertionError("no signature with a leading zero byte in 5000 attempts");
    }

    @Test
    void pointsOffTheCurveAreRefused() throws Exception {
        byte[] blob = TestKeys.blob(TestKeys.pair(SshKeyType.ECDSA_P256));
        byte[] bad = blob.clone();
        bad[bad.length - 1] ^= 1; // changes y: no longer on the curve
        SshFormatException e = assertThrows(SshFormatException.class, () -> SshPublicKeys.decode(bad));
        assertEquals("ECDSA point is not on curve nistp256", e.getMessage());
    }

    @Test
    void wrongCurveNameCompressedPointsAndTrailingBytesAreRefused() throws Exception {
        KeyPair pair = TestKeys.pair(SshKeyType.ECDSA_P256);
        SshWireReader reader = new SshWireReader(TestKeys.blob(pair));
        reader.readAsciiString();
        reader.readAsciiString();
        byte[] point = reader.readString();
        byte[] wrongCurve = new SshWireWriter().writeString("ecdsa-sha2-nistp256").writeString("nistp384")
                .writeString(point).toByteArray();
        assertThrows(SshFormatException.class, () -> SshPublicKeys.decode(wrongCurve));
        byte[] compressed = Arrays.copyOf(point, 33);
        compressed[0] = 0x02;
        byte[] compressedBlob = new SshWireWriter().writeString("ecdsa-sha2-nistp256").writeString("nistp256")
                .writeString(compressed).toByteArray();
        assertThrows(SshFormatException.class, () -> SshPublicKeys.decode(compressedBlob));
        byte[] trailing = Arrays.copyOf(TestKeys.blob(pair), TestKeys.blob(pair).length + 1);
        assertEquals("1 unexpected trailing bytes",
                assertThrows(SshFormatException.class, () -> SshPublicKeys.decode(trailing)).getMessage());
    }

    @Test
    void smallRsaKeysAreRefusedUnlessAllowed() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        byte[] blob = SshPublicKeys.encode(generator.generateKeyPair().getPublic());
        SshFormatException e = assertThrows(SshFormatException.class, () -> SshPublicKeys.decode(blob));
        assertEquals("RSA key of 1024 bits is below the minimum of 2048", e.getMessage());
        assertEquals(SshKeyType.RSA, SshPublicKeys.decode(blob, 1024).type());
        byte[] evenModulus = new SshWireWriter().writeString("ssh-rsa").writeMpint(BigInteger.valueOf(65537))
                .writeMpint(BigInteger.ONE.shiftLeft(2048)).toByteArray();
        assertThrows(SshFormatException.class, () -> SshPublicKeys.decode(evenModulus));
    }

    @Test
    void unsupportedTypesAndBadEd25519Lengths() {
        byte[] dss = new SshWireWriter().writeString("ssh-dss").writeMpint(BigInteger.TEN).toByteArray();
        assertEquals("unsupported key type ssh-dss",
                assertThrows(SshFormatException.class, () -> SshPublicKeys.decode(dss)).getMessage());
        byte[] shortEd = new SshWireWriter().writeString("ssh-ed25519").writeString(new byte[31]).toByteArray();
        assertThrows(SshFormatException.class, () -> SshPublicKeys.decode(shortEd));
    }

    @Test
    void wireReaderRefusesTruncationAndNonMinimalMpints() {
        assertThrows(SshFormatException.class, () -> new SshWireReader(new byte[] {0, 0, 0}).readUint32());
        assertThrows(SshFormatException.class, () -> new SshWireReader(new byte[] {0, 0, 0, 5, 1}).readString());
        assertThrows(SshFormatException.class, () -> new SshWireReader(new byte[] {(byte) 0xff, 0, 0, 0}).readString());
        assertThrows(SshFormatException.class, () -> new SshWireReader(new byte[] {0, 0, 0, 2, 0, 1}).readMpint());
        assertThrows(SshFormatException.class, () -> new SshWireReader(new byte[] {0, 0, 0, 1, 7}).readAsciiString());
    }

    @ParameterizedTest
    @EnumSource(SshKeyType.class)
    void mutatedBlobsNeverEscapeAsUncheckedExceptions(SshKeyType type) throws Exception {
        byte[] blob = TestKeys.blob(TestKeys.pair(type));
        byte[] signature = SshSignatures.sign(TestKeys.pair(type).getPrivate(), TestKeys.algorithm(type), DATA);
        SshKey key = SshPublicKeys.decode(blob);
        Random random = new Random(type.ordinal());
        for (int round = 0; round < 150; round++) {
            byte[] mutated = mutate(blob, random);
            try {
                SshPublicKeys.decode(mutated);
            } catch (SshFormatException expected) {
                // the only way decoding may fail
            }
            byte[] badSignature = mutate(signature, random);
            if (!Arrays.equals(badSignature, signature)) {
                assertFalse(SshSignatures.verify(key, TestKeys.algorithm(type), badSignature, DATA, true));
            }
        }
        for (int cut = 0; cut < blob.length; cut++) {
            int length = cut;
            assertThrows(SshFormatException.class, () -> SshPublicKeys.decode(Arrays.copyOf(blob, length)));
        }
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] copy = original.clone();
        switch (random.nextInt(3)) {
            case 0:
                copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
                return copy;
            case 1:
                return Arrays.copyOf(copy, random.nextInt(copy.length));
            default:
                copy[random.nextInt(Math.min(12, copy.length))] = (byte) random.nextInt(256);
                return copy;
        }
    }
}
