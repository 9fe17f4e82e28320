package dev.torsion.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The committed test certificates (see {@code src/test/resources/dev/torsion/tls/README.md}),
 * loaded with plain JDK code into SSLContexts.
 */
public final class TestCertificates {
    private static final char[] NO_PASSWORD = "test".toCharArray();

    private TestCertificates() {
    }

    /** The test CA's certificate. */
    public static X509Certificate ca() {
        return certificate("ca.pem");
    }

    /** A server context: key and chain for localhost / 127.0.0.1; trusts the test CA (for client certificates). */
    public static SSLContext serverContext() {
        return context("server.pem", "server-key.pem", true);
    }

    /** A client context that trusts the test CA and has no certificate of its own. */
    public static SSLContext clientContext() {
        return context(null, null, true);
    }

    /** A client context that trusts the test CA and presents the test client certificate. */
    public static SSLContext clientContextWithCertificate() {
        return context("client.pem", "client-key.pem", true);
    }

    /** A client context that trusts nothing of the test CA's (the JDK's default CAs only). */
    public static SSLContext untrustingClientContext() {
        return context(null, null, false);
    }

    /** Server options for localhost. */
    public static TlsOptions serverOptions() {
        return TlsOptions.server(serverContext());
    }

    /** Client options that verify "localhost". */
    public static TlsOptions clientOptions() {
        return TlsOptions.client(clientContext(), "localhost");
    }

    private static SSLContext context(String certificateFile, String keyFile, boolean trustTestCa) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            if (certificateFile != null) {
                keys.setKeyEntry("key", privateKey(keyFile), NO_PASSWORD,
                        new X509Certificate[] {certificate(certificateFile), ca()});
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, NO_PASSWORD);

            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (trustTestCa) {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                trust.setCertificateEntry("ca", ca());
                trustManagers.init(trust);
            } else {
                trustManagers.init((KeyStore) null);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot load the test certificates", e);
        }
    }

    private static X509Certificate certificate(String name) {
        try (InputStream in = resource(name)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }

    private static PrivateKey privateKey(String name) throws GeneralSecurityException, IOException {
        String pem;
        try (InputStream in = resource(name)) {
            pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        return KeyFactory.getInstance("EC").generatePrivate(spec);
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = TestCertificates.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing test resource dev/torsion/tls/" + name);
        }
        return new ByteArrayInputStream(in.readAllBytes());
    }
}
