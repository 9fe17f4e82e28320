package dev.torsion.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Everything needed to run TLS on one side of a connection: the JDK {@link SSLContext} (keys and
 * trust), the role, and the policy. Every TLS transport in Torsion (the memory-transport
 * TLS protocol wrapper in this module, Netty's handler in {@code transport-netty}) makes its engine with
 * {@link #createEngine}, so the policy is the same everywhere.
 *
 * <p>Safe by default: TLS 1.3 and 1.2 only, forward-secret AEAD cipher suites only, and clients
 * verify the server's certificate and host name. Instances are immutable; the {@code with...}
 * methods return changed copies.
 *
 * <pre>{@code
 * TlsOptions client = TlsOptions.client("example.org");                  // JDK trust store
 * TlsOptions server = TlsOptions.server(sslContextWithKeyAndChain)
 *         .withApplicationProtocols("h2", "http/1.1");
 * }</pre>
 */
public final class TlsOptions {
    /** Whether and how a server asks for the client's certificate. */
    public enum ClientAuth {
        /** Does not ask. */
        NONE,
        /** Asks; a client without a certificate may go on. */
        OPTIONAL,
        /** Asks; a client without a valid certificate fails the handshake. */
        REQUIRE
    }

    /** The protocol versions used unless changed: TLS 1.3 and 1.2. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final SSLContext context;
    private final boolean clientMode;
    private final String hostname;
    private final boolean verifyHostname;
    private final List<String> applicationProtocols;
    private final ClientAuth clientAuth;
    private final List<String> protocols;
    private final List<String> cipherSuites;

    private TlsOptions(SSLContext context, boolean clientMode, String hostname, boolean verifyHostname,
            List<String> applicationProtocols, ClientAuth clientAuth, List<String> protocols,
            List<String> cipherSuites) {
        this.context = Objects.requireNonNull(context, "context");
        this.clientMode = clientMode;
        this.hostname = hostname;
        this.verifyHostname = verifyHostname;
        this.applicationProtocols = List.copyOf(applicationProtocols);
        this.clientAuth = clientAuth;
        this.protocols = List.copyOf(protocols);
        this.cipherSuites = cipherSuites == null ? null : List.copyOf(cipherSuites);
    }

    /** A server's options: {@code context} holds the server's key and certificate chain. */
    public static TlsOptions server(SSLContext context) {
        return new TlsOptions(context, false, null, false, List.of(), ClientAuth.NONE, DEFAULT_PROTOCOLS, null);
    }

    /**
     * A client's options for talking to {@code hostname}: the name is sent as SNI and the server's
     * certificate must match it. {@code context} holds the trust anchors (and a client key, if any).
     */
    public static TlsOptions client(SSLContext context, String hostname) {
        return new TlsOptions(context, true, hostname, true, List.of(), ClientAuth.NONE, DEFAULT_PROTOCOLS, null);
    }

    /** A client's options trusting the JDK's default certificate authorities. */
    public static TlsOptions client(String hostname) {
        try {
            return client(SSLContext.getDefault(), hostname);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default SSLContext", e);
        }
    }

    /** A copy that verifies a different host name (clients). */
    public TlsOptions withHostname(String newHostname) {
        return new TlsOptions(context, clientMode, newHostname, verifyHostname, applicationProtocols, clientAuth,
                protocols, cipherSuites);
    }

    /**
     * A copy that does not check the server's host name. Only for tests and pinned certificates:
     * without it, any certificate the trust store accepts would do for any host.
     */
    public TlsOptions withoutHostnameVerification() {
        return new TlsOptions(context, clientMode, hostname, false, applicationProtocols, clientAuth, protocols,
                cipherSuites);
    }

    /** A copy offering (client) or accepting (server) these ALPN protocols, most preferred first. */
    public TlsOptions withApplicationProtocols(String... names) {
        return new TlsOptions(context, clientMode, hostname, verifyHostname, Arrays.asList(names), clientAuth,
                protocols, cipherSuites);
    }

    /** A copy with a client-certificate policy (servers). */
    public TlsOptions withClientAuth(ClientAuth policy) {
        return new TlsOptions(context, clientMode, hostname, verifyHostname, applicationProtocols,
                Objects.requireNonNull(policy), protocols, cipherSuites);
    }

    /** A copy limited to these protocol versions (e.g. only {@code "TLSv1.3"}). */
    public TlsOptions withProtocols(String... versions) {
        return new TlsOptions(context, clientMode, hostname, verifyHostname, applicationProtocols, clientAuth,
                Arrays.asList(versions), cipherSuites);
    }

    /** A copy limited to these cipher suites, instead of the modern default selection. */
    public TlsOptions withCipherSuites(String... suites) {
        return new TlsOptions(context, clientMode, hostname, verifyHostname, applicationProtocols, clientAuth,
                protocols, Arrays.asList(suites));
    }

    /** The JDK context behind these options. */
    public SSLContext context() {
        return context;
    }

    /** Whether these are a client's options. */
    public boolean isClient() {
        return clientMode;
    }

    /** The host name a client sends and verifies, or null. */
    public String hostname() {
        return hostname;
    }

    /** Whether a client checks that the certificate matches {@link #hostname()}. */
    public boolean verifiesHostname() {
        return verifyHostname;
    }

    /** The ALPN protocols offered or accepted, most preferred first. */
    public List<String> applicationProtocols() {
        return applicationProtocols;
    }

    /** The client-certificate policy of a server. */
    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /**
     * A new engine configured with these options. {@code peerHost} and {@code peerPort} are the
     * peer's (used for session resumption; a client verifies {@link #hostname()} when set, else
     * {@code peerHost}).
     */
    public SSLEngine createEngine(String peerHost, int peerPort) {
        String expectedName = hostname != null ? hostname : peerHost;
        SSLEngine engine = clientMode && expectedName != null
                ? context.createSSLEngine(expectedName, peerPort)
                : context.createSSLEngine();
        engine.setUseClientMode(clientMode);
        SSLParameters params = engine.getSSLParameters();
        params.setProtocols(supported(protocols, engine.getSupportedProtocols(), "protocol"));
        params.setCipherSuites(cipherSuites != null
                ? supported(cipherSuites, engine.getSupportedCipherSuites(), "cipher suite")
                : modernSuites(engine.getEnabledCipherSuites()));
        params.setUseCipherSuitesOrder(true);
        if (!applicationProtocols.isEmpty()) {
            params.setApplicationProtocols(applicationProtocols.toArray(new String[0]));
        }
        if (clientMode) {
            if (verifyHostname) {
                params.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (expectedName != null && !isIpLiteral(expectedName)) {
                params.setServerNames(List.of(new SNIHostName(expectedName)));
            }
        } else if (clientAuth == ClientAuth.REQUIRE) {
            params.setNeedClientAuth(true);
        } else if (clientAuth == ClientAuth.OPTIONAL) {
            params.setWantClientAuth(true);
        }
        engine.setSSLParameters(params);
        return engine;
    }

    private static String[] supported(List<String> wanted, String[] available, String what) {
        List<String> availableList = Arrays.asList(available);
        List<String> chosen = new ArrayList<>();
        for (String name : wanted) {
            if (availableList.contains(name)) {
                chosen.add(name);
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("none of the " + what + "s " + wanted + " is supported here");
        }
        return chosen.toArray(new String[0]);
    }

    /** TLS 1.3 suites, and TLS 1.2 suites with ECDHE key exchange and an AEAD cipher. */
    static String[] modernSuites(String[] enabled) {
        List<String> chosen = new ArrayList<>();
        for (String suite : enabled) {
            boolean tls13 = suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
            boolean forwardSecretAead = suite.startsWith("TLS_ECDHE_")
                    && (suite.contains("_GCM_") || suite.contains("CHACHA20_POLY1305"));
            if (tls13 || forwardSecretAead) {
                chosen.add(suite);
            }
        }
        return chosen.toArray(new String[0]);
    }

    private static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(c == '.' || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        try {
            InetAddress.getByName(host);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
