package dev.torsion.netty.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMDecryptorProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Reads keys and certificates from PEM text with BouncyCastle: private keys in PKCS#1
 * ({@code RSA PRIVATE KEY}), SEC 1 ({@code EC PRIVATE KEY}) and PKCS#8 ({@code PRIVATE KEY},
 * {@code ENCRYPTED PRIVATE KEY}) form, and certificate chains and CA bundles of any length. A file
 * may hold a key and certificates together, as many servers' {@code .pem} files do.
 */
public final class PemFiles {
    /** The largest PEM file read, against a mistaken path to something huge. */
    private static final long MAX_FILE_SIZE = 16L * 1024 * 1024;
    /** OpenSSL's key-derivation schemes come from BouncyCastle; it is used here without being installed globally. */
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private PemFiles() {
    }

    /** The first private key in {@code file} (unencrypted). */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        return readPrivateKey(file, null);
    }

    /** The first private key in {@code file}, decrypting it with {@code password} when it is encrypted. */
    public static PrivateKey readPrivateKey(Path file, char[] password) throws IOException {
        return parsePrivateKey(read(file), password, file.toString());
    }

    /** Every certificate in {@code file}, in order (a chain: leaf first). */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        return parseCertificates(read(file), file.toString());
    }

    /** The first private key in PEM {@code text}. */
    public static PrivateKey parsePrivateKey(String text, char[] password, String source) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object item;
            while ((item = parser.readObject()) != null) {
                if (item instanceof PEMKeyPair pair) {
                    // Only the private half: SEC 1 keys may omit the public key.
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (item instanceof PEMEncryptedKeyPair encrypted) {
                    PEMDecryptorProvider decryptor = new JcePEMDecryptorProviderBuilder().setProvider(BOUNCY_CASTLE).build(need(password, source));
                    return converter.getPrivateKey(encrypted.decryptKeyPair(decryptor).getPrivateKeyInfo());
                }
                if (item instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    InputDecryptorProvider decryptor =
                            new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BOUNCY_CASTLE).build(need(password, source));
                    return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(decryptor));
                }
            }
        } catch (PEMException | OperatorCreationException | PKCSException e) {
            throw new IOException("cannot read the private key in " + source + ": " + e.getMessage(), e);
        }
        throw new IOException("no private key found in " + source);
    }

    /** Every certificate in PEM {@code text}, in order. */
    public static List<X509Certificate> parseCertificates(String text, String source) throws IOException {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> certificates = new ArrayList<>();
        try (Reader reader = new StringReader(text); PEMParser parser = new PEMParser(reader)) {
            Object item;
            while ((item = parser.readObject()) != null) {
                if (item instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (CertificateException e) {
            throw new IOException("bad certificate in " + source + ": " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IOException("no certificate found in " + source);
        }
        return certificates;
    }

    private static char[] need(char[] password, String source) throws IOException {
        if (password == null) {
            throw new IOException("the private key in " + source + " is encrypted and no password was given");
        }
        return password;
    }

    private static String read(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_SIZE) {
            throw new IOException(file + " is too large for a PEM file");
        }
        return Files.readString(file, StandardCharsets.US_ASCII);
    }
}
