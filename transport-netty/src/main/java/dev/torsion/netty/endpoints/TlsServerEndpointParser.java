package dev.torsion.netty.endpoints;

import dev.torsion.internet.Reactor;
import dev.torsion.internet.endpoints.ServerEndpoint;
import dev.torsion.internet.endpoints.ServerEndpointParser;
import dev.torsion.netty.tls.TlsContexts;
import dev.torsion.tls.TlsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code tls:} server descriptions, as Twisted's {@code ssl:}:
 * {@code tls:8443:privateKey=key.pem:certKey=cert.pem:extraCertChain=chain.pem:caCerts=ca.pem:interface=127.0.0.1:backlog=50}.
 * {@code certKey} defaults to {@code privateKey} (one file holding both). With {@code caCerts},
 * clients may present certificates signed by those authorities ({@code clientAuth=require} makes
 * them mandatory). {@code sniDir=DIR} serves, for each file {@code NAME.pem} in DIR (key and
 * certificate together), that certificate to clients asking for host NAME. {@code alpn=h2,http/1.1}
 * lists the application protocols accepted.
 */
public class TlsServerEndpointParser implements ServerEndpointParser {
    private static final Set<String> KNOWN = Set.of("port", "privateKey", "certKey", "extraCertChain", "caCerts",
            "interface", "backlog", "sniDir", "clientAuth", "alpn");

    @Override
    public String prefix() {
        return "tls";
    }

    @Override
    public ServerEndpoint parse(Reactor reactor, List<String> args, Map<String, String> kwargs) {
        EndpointArguments a = new EndpointArguments(prefix(), args, kwargs, KNOWN);
        int port = a.integer("port", 0, -1, 0, 65535);
        if (port < 0) {
            throw new IllegalArgumentException(prefix() + " endpoint: a port is required");
        }
        Path privateKey = Path.of(a.require("privateKey", -1));
        Path certKey = a.path("certKey") != null ? a.path("certKey") : privateKey;
        Path caCerts = a.path("caCerts");
        TlsOptions tls;
        try {
            tls = TlsContexts.serverOptions(privateKey, certKey, a.path("extraCertChain"), caCerts);
        } catch (IOException e) {
            throw new IllegalArgumentException(prefix() + " endpoint: " + e.getMessage(), e);
        }
        tls = withPolicy(a, tls, caCerts != null);
        Map<String, TlsOptions> byHostname = new HashMap<>();
        Path sniDir = a.path("sniDir");
        if (sniDir != null) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(sniDir, "*.pem")) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    String host = name.substring(0, name.length() - 4).toLowerCase(Locale.ROOT);
                    byHostname.put(host, withPolicy(a, TlsContexts.serverOptions(file, file, null, caCerts),
                            caCerts != null));
                }
            } catch (IOException | UncheckedIOException e) {
                throw new IllegalArgumentException(prefix() + " endpoint: sniDir " + sniDir + ": " + e.getMessage(), e);
            }
        }
        String iface = a.get("interface") == null ? "" : a.get("interface");
        int backlog = a.integer("backlog", -1, Reactor.DEFAULT_BACKLOG, 1, 65535);
        return new TlsServerEndpoint(reactor, port, tls, byHostname, backlog, iface);
    }

    private TlsOptions withPolicy(EndpointArguments a, TlsOptions tls, boolean haveCaCerts) {
        String clientAuth = a.get("clientAuth");
        if (clientAuth != null) {
            TlsOptions.ClientAuth policy;
            try {
                policy = TlsOptions.ClientAuth.valueOf(clientAuth.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(prefix() + " endpoint: clientAuth=" + clientAuth
                        + " must be none, optional or require", e);
            }
            if (policy != TlsOptions.ClientAuth.NONE && !haveCaCerts) {
                throw new IllegalArgumentException(prefix() + " endpoint: clientAuth=" + clientAuth
                        + " needs caCerts to verify client certificates");
            }
            tls = tls.withClientAuth(policy);
        }
        String alpn = a.get("alpn");
        if (alpn != null && !alpn.isEmpty()) {
            tls = tls.withApplicationProtocols(alpn.split(","));
        }
        return tls;
    }
}
