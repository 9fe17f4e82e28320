package dev.torsion.netty.tls;

import dev.torsion.tls.TlsOptions;
import io.netty.util.NetUtil;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A freshly generated key (EC P-256) and a certificate for it, signed by itself: for tests and
 * quick starts, never for production. The certificate names the given host names and IP
 * addresses in its subject alternative names, so hostname verification passes for them.
 *
 * <pre>{@code
 * SelfSignedCertificate cert = SelfSignedCertificate.generate("localhost", "127.0.0.1");
 * reactor.listenSSL(8443, factory, cert.serverOptions(), 50, "127.0.0.1");
 * reactor.connectSSL("127.0.0.1", 8443, clientFactory, cert.clientOptions("localhost"), timeout, null);
 * }</pre>
 */
public final class SelfSignedCertificate {
    private final PrivateKey privateKey;
    private final X509Certificate certificate;

    private SelfSignedCertificate(PrivateKey privateKey, X509Certificate certificate) {
        this.privateKey = privateKey;
        this.certificate = certificate;
    }

    /** Generates a certificate valid for a year for {@code names} (host names or IP literals; the first is the CN). */
    public static SelfSignedCertificate generate(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("name at least one host");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + names[0].replaceAll("[,=+<>#;\"\\\\]", "_"));
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(365))), subject, pair.getPublic());
            List<GeneralName> alternatives = new ArrayList<>();
            for (String name : names) {
                alternatives.add(isIp(name) ? new GeneralName(GeneralName.iPAddress, name)
                        : new GeneralName(GeneralName.dNSName, name));
            }
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(alternatives.toArray(new GeneralName[0])));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new SelfSignedCertificate(pair.getPrivate(), certificate);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static boolean isIp(String name) {
        return NetUtil.isValidIpV4Address(name) || NetUtil.isValidIpV6Address(name);
    }

    /** The private key. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate in PEM form. */
    public String certificatePem() {
        return pem(certificate);
    }

    /** The private key in PEM (PKCS#8) form. */
    public String privateKeyPem() {
        return pem(new PemObject("PRIVATE KEY", privateKey.getEncoded()));
    }

    /** Writes {@code key.pem} and {@code cert.pem} into {@code directory}; returns the directory. */
    public Path writeTo(Path directory) throws IOException {
        Files.writeString(directory.resolve("key.pem"), privateKeyPem(), StandardCharsets.US_ASCII);
        Files.writeString(directory.resolve("cert.pem"), certificatePem(), StandardCharsets.US_ASCII);
        return directory;
    }

    /** A server's options presenting this certificate. */
    public TlsOptions serverOptions() {
        return TlsOptions.server(TlsContexts.context(privateKey, List.of(certificate), null));
    }

    /** A client's options that trust only this certificate and verify {@code hostname}. */
    public TlsOptions clientOptions(String hostname) {
        return TlsOptions.client(TlsContexts.context(null, List.of(), List.of(certificate)), hostname);
    }

    private static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write PEM", e);
        }
        return text.toString();
    }
}
