package dev.torsion.netty.endpoints;

import dev.torsion.internet.Reactor;
import dev.torsion.internet.endpoints.ClientEndpoint;
import dev.torsion.internet.endpoints.ClientEndpointParser;
import dev.torsion.netty.tls.PemFiles;
import dev.torsion.netty.tls.TlsContexts;
import dev.torsion.tls.TlsOptions;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code tls:} client descriptions, as Twisted's:
 * {@code tls:example.org:443:hostname=example.org:caCerts=ca.pem:certificate=me.pem:privateKey=me.key:timeout=10}.
 * Without {@code caCerts} (or its alias {@code trustRoots}: a file, or a directory of {@code .pem}
 * files) the JDK's authorities are trusted. {@code hostname} is the name verified and sent as SNI
 * (default: the host connected to). {@code alpn=h2,http/1.1} offers application protocols.
 */
public class TlsClientEndpointParser implements ClientEndpointParser {
    private static final Set<String> KNOWN = Set.of("host", "port", "hostname", "caCerts", "trustRoots",
            "certificate", "privateKey", "timeout", "alpn");

    @Override
    public String prefix() {
        return "tls";
    }

    @Override
    public ClientEndpoint parse(Reactor reactor, List<String> args, Map<String, String> kwargs) {
        EndpointArguments a = new EndpointArguments(prefix(), args, kwargs, KNOWN);
        String host = a.require("host", 0);
        int port = a.integer("port", 1, -1, 1, 65535);
        if (port < 0) {
            throw new IllegalArgumentException(prefix() + " endpoint: a port is required");
        }
        String hostname = a.get("hostname") != null ? a.get("hostname") : host;
        Path trust = a.path("caCerts") != null ? a.path("caCerts") : a.path("trustRoots");
        try {
            List<X509Certificate> trusted = trust == null ? null : readTrust(trust);
            PrivateKey key = null;
            List<X509Certificate> chain = List.of();
            Path certificate = a.path("certificate");
            if (certificate != null) {
                Path keyFile = a.path("privateKey") != null ? a.path("privateKey") : certificate;
                key = PemFiles.readPrivateKey(keyFile);
                chain = PemFiles.readCertificates(certificate);
            }
            TlsOptions tls = TlsOptions.client(TlsContexts.context(key, chain, trusted), hostname);
            String alpn = a.get("alpn");
            if (alpn != null && !alpn.isEmpty()) {
                tls = tls.withApplicationProtocols(alpn.split(","));
            }
            return new TlsClientEndpoint(reactor, host, port, tls, a.seconds("timeout", Reactor.DEFAULT_CONNECT_TIMEOUT));
        } catch (IOException e) {
            throw new IllegalArgumentException(prefix() + " endpoint: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> readTrust(Path trust) throws IOException {
        if (!Files.isDirectory(trust)) {
            return PemFiles.readCertificates(trust);
        }
        List<X509Certificate> all = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(trust, "*.pem")) {
            for (Path file : files) {
                all.addAll(PemFiles.readCertificates(file));
            }
        }
        if (all.isEmpty()) {
            throw new IOException("no certificates in " + trust);
        }
        return all;
    }
}
