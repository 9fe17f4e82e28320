package dev.torsion.netty.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM keys in every common form, certificate chains, and the self-signed generator. */
class PemFilesTest {
    @TempDir
    Path tmp;

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    @Test
    void readsPkcs1RsaKeys() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair pair = rsa.generateKeyPair();
        String text = pem(pair.getPrivate());
        assertTrue(text.startsWith("-----BEGIN RSA PRIVATE KEY-----"), text);
        PrivateKey key = PemFiles.parsePrivateKey(text, null, "rsa.pem");
        assertArrayEquals(pair.getPrivate().getEncoded(), key.getEncoded());
    }

    @Test
    void readsSec1EcKeysAndPkcs8Keys() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.generate("localhost");
        // SEC 1 as OpenSSL writes it: the curve named inside the key structure.
        var info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(cert.privateKey().getEncoded());
        var sec1Key = new org.bouncycastle.asn1.sec.ECPrivateKey(256,
                ((ECPrivateKey) cert.privateKey()).getS(),
                info.getPrivateKeyAlgorithm().getParameters());
        String sec1 = pem(new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", sec1Key.getEncoded()));
        assertTrue(sec1.startsWith("-----BEGIN EC PRIVATE KEY-----"), sec1);
        assertEquals("EC", PemFiles.parsePrivateKey(sec1, null, "ec.pem").getAlgorithm());
        assertTrue(cert.privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----"));
        assertArrayEquals(cert.privateKey().getEncoded(),
                PemFiles.parsePrivateKey(cert.privateKeyPem(), null, "pkcs8.pem").getEncoded());
    }

    @Test
    void readsEncryptedKeysWithTheirPassword() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.generate("localhost");
        char[] password = "s3cret".toCharArray();
        String pkcs8 = pem(new JcaPKCS8Generator(cert.privateKey(),
                new JceOpenSSLPKCS8EncryptorBuilder(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC)
                        .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).setPassword(password).build()));
        assertTrue(pkcs8.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"), pkcs8);
        assertArrayEquals(cert.privateKey().getEncoded(),
                PemFiles.parsePrivateKey(pkcs8, password, "enc.pem").getEncoded());
        IOException noPassword = assertThrows(IOException.class, () -> PemFiles.parsePrivateKey(pkcs8, null, "enc.pem"));
        assertTrue(noPassword.getMessage().contains("encrypted"), noPassword.getMessage());

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        PrivateKey rsaKey = rsa.generateKeyPair().getPrivate();
        StringWriter legacy = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(legacy)) {
            writer.writeObject(rsaKey, new JcePEMEncryptorBuilder("AES-128-CBC")
                    .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(password));
        }
        assertTrue(legacy.toString().contains("Proc-Type: 4,ENCRYPTED"), legacy.toString());
        assertArrayEquals(rsaKey.getEncoded(),
                PemFiles.parsePrivateKey(legacy.toString(), password, "legacy.pem").getEncoded());
        assertThrows(IOException.class,
                () -> PemFiles.parsePrivateKey(legacy.toString(), "wrong".toCharArray(), "legacy.pem"));
    }

    @Test
    void readsChainsAndBundlesInOrderAndKeysMixedWithCertificates() throws Exception {
        SelfSignedCertificate a = SelfSignedCertificate.generate("a.test");
        SelfSignedCertificate b = SelfSignedCertificate.generate("b.test", "127.0.0.1");
        Path bundle = tmp.resolve("bundle.pem");
        Files.writeString(bundle, a.privateKeyPem() + a.certificatePem() + "junk between\n" + b.certificatePem());
        List<X509Certificate> certificates = PemFiles.readCertificates(bundle);
        assertEquals(List.of(a.certificate(), b.certificate()), certificates);
        assertArrayEquals(a.privateKey().getEncoded(), PemFiles.readPrivateKey(bundle).getEncoded());
        assertTrue(b.certificate().getSubjectAlternativeNames().stream().anyMatch(n -> n.get(1).equals("127.0.0.1")));
    }

    @Test
    void missingOrEmptyContentFailsClearly() throws Exception {
        Path empty = tmp.resolve("empty.pem");
        Files.writeString(empty, "nothing here\n");
        assertTrue(assertThrows(IOException.class, () -> PemFiles.readCertificates(empty)).getMessage()
                .contains("no certificate"));
        assertTrue(assertThrows(IOException.class, () -> PemFiles.readPrivateKey(empty)).getMessage()
                .contains("no private key"));
        assertThrows(IOException.class, () -> PemFiles.readPrivateKey(tmp.resolve("absent.pem")));
    }
}
