package dev.torsion.netty.tls;

import dev.torsion.tls.TlsOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds JDK {@link SSLContext}s and {@link TlsOptions} from keys and certificates, in memory or
 * from PEM files: the glue between {@link PemFiles} and the core's TLS policy.
 *
 * <pre>{@code
 * TlsOptions server = TlsContexts.serverOptions(Path.of("key.pem"), Path.of("cert.pem"), null, null);
 * TlsOptions client = TlsContexts.clientOptions("example.org", Path.of("ca.pem"));
 * }</pre>
 */
public final class TlsContexts {
    private static final char[] IN_MEMORY_PASSWORD = "torsion".toCharArray();

    private TlsContexts() {
    }

    /**
     * A context holding {@code key} with its certificate {@code chain} (leaf first), trusting
     * {@code trusted} for the peer's certificates (null or empty: the JDK's default authorities).
     */
    public static SSLContext context(PrivateKey key, List<X509Certificate> chain, List<X509Certificate> trusted) {
        try {
            KeyManager[] keyManagers = null;
            if (key != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("key", key, IN_MEMORY_PASSWORD, chain.toArray(new X509Certificate[0]));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, IN_MEMORY_PASSWORD);
                keyManagers = kmf.getKeyManagers();
            }
            TrustManager[] trustManagers = null;
            if (trusted != null && !trusted.isEmpty()) {
                KeyStore anchors = KeyStore.getInstance("PKCS12");
                anchors.load(null, null);
                int i = 0;
                for (X509Certificate certificate : trusted) {
                    anchors.setCertificateEntry("ca" + i++, certificate);
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(anchors);
                trustManagers = tmf.getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers, new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot build a TLS context: " + e.getMessage(), e);
        }
    }

    /**
     * A server's options from PEM files: {@code privateKey}, its certificate {@code certificate}
     * (which may hold the chain too), an optional {@code extraChain} of intermediates, and optional
     * {@code caCerts} to verify client certificates against (the client-certificate policy is then
     * OPTIONAL; tighten it with {@link TlsOptions#withClientAuth}).
     */
    public static TlsOptions serverOptions(Path privateKey, Path certificate, Path extraChain, Path caCerts)
            throws IOException {
        PrivateKey key = PemFiles.readPrivateKey(privateKey);
        List<X509Certificate> chain = new ArrayList<>(PemFiles.readCertificates(certificate));
        if (extraChain != null) {
            chain.addAll(PemFiles.readCertificates(extraChain));
        }
        List<X509Certificate> trusted = caCerts == null ? null : PemFiles.readCertificates(caCerts);
        TlsOptions options = TlsOptions.server(context(key, chain, trusted));
        return trusted == null ? options : options.withClientAuth(TlsOptions.ClientAuth.OPTIONAL);
    }

    /** A client's options verifying {@code hostname} against the authorities in {@code caCerts} (null: the JDK's). */
    public static TlsOptions clientOptions(String hostname, Path caCerts) throws IOException {
        List<X509Certificate> trusted = caCerts == null ? null : PemFiles.readCertificates(caCerts);
        return TlsOptions.client(context(null, List.of(), trusted), hostname);
    }

    /** A client's options with a client certificate, verifying {@code hostname} against {@code caCerts}. */
    public static TlsOptions clientOptions(String hostname, Path caCerts, Path privateKey, Path certificate)
            throws IOException {
        List<X509Certificate> trusted = caCerts == null ? null : PemFiles.readCertificates(caCerts);
        PrivateKey key = PemFiles.readPrivateKey(privateKey);
        return TlsOptions.client(context(key, PemFiles.readCertificates(certificate), trusted), hostname);
    }
}
