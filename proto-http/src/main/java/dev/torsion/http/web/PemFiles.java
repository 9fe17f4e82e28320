package dev.torsion.http.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Reads PEM files into a JDK {@link SSLContext}: a certificate chain and a PKCS#8 private key
 * ({@code BEGIN PRIVATE KEY}; RSA, EC or EdDSA) for a server, or CA certificates to trust for a client.
 */
public final class PemFiles {
    private PemFiles() {
    }

    /** A server context from {@code certificateChain} (leaf first) and {@code privateKey}. */
    public static SSLContext serverContext(Path certificateChain, Path privateKey) throws IOException, GeneralSecurityException {
        List<Certificate> chain = certificates(certificateChain);
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + certificateChain);
        }
        PrivateKey key = privateKey(privateKey);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = new char[0];
        store.setKeyEntry("server", key, password, chain.toArray(new Certificate[0]));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** A client context trusting the certificates in {@code caFile} (and nothing else). */
    public static SSLContext trusting(Path caFile) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int index = 0;
        for (Certificate certificate : certificates(caFile)) {
            store.setCertificateEntry("ca" + index++, certificate);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** Every certificate in a PEM file. */
    public static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<Certificate> found = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            found.addAll(factory.generateCertificates(in));
        }
        return found;
    }

    /** The PKCS#8 private key in a PEM file. */
    public static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file);
        String begin = "-----BEGIN PRIVATE KEY-----";
        int start = text.indexOf(begin);
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (start < 0 || end < start) {
            throw new GeneralSecurityException(file + " holds no PKCS#8 'BEGIN PRIVATE KEY' block "
                    + "(convert with: openssl pkcs8 -topk8 -nocrypt)");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(start + begin.length(), end));
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "EdDSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException("unsupported private key in " + file);
    }
}
