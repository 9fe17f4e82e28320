package dev.torsion.plugin.web;

import dev.torsion.app.AuthOptions;
import dev.torsion.app.DurationConverter;
import dev.torsion.app.SizeConverter;
import dev.torsion.http.server.ServerConfig;
import dev.torsion.http.web.WebServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code torsion web}, turned into proto-http's {@link WebServerConfig}. */
@Command(description = "Serves the files under --path over HTTP/1.1 and HTTP/2 (HTTPS with a certificate, where "
        + "clients choose HTTP/2 by ALPN; on plain tcp: endpoints only with --http2): "
        + "directory listings, index files, byte ranges, conditional requests and gzip. "
        + "Without an interface (tcp:8080) it listens on every interface; tcp:8080:interface=127.0.0.1 "
        + "keeps it to this machine. Names starting with a dot (.git/, .env) are hidden unless --show-dotfiles. "
        + "With --auth every request needs a user name and password (HTTP Basic authentication); "
        + "Basic sends the password in the clear, so use it with https only.")
final class WebOptions {
    /** Where the kernel's largest accept queue is said. */
    private static final Path SOMAXCONN = Path.of("/proc/sys/net/core/somaxconn");
    /** nginx's backlog, when the kernel does not say its own. */
    private static final int FALLBACK_BACKLOG = 511;

    @Option(names = "--listen", paramLabel = "ENDPOINT",
            description = "Where to listen, as an endpoint string (tcp:8080, ssl:8443:privateKey=KEY:certKey=CERT, "
                    + "unix:PATH); several allowed. Default: tcp:8080.")
    List<String> listen = new ArrayList<>();

    @Option(names = "--port", paramLabel = "PORT", description = "Short for --listen tcp:PORT.")
    Integer port;

    @Option(names = "--https", paramLabel = "PORT",
            description = "Short for --listen ssl:PORT with --certificate and --private-key.")
    Integer https;

    @Option(names = "--certificate", paramLabel = "PEM", description = "The certificate chain for TLS endpoints.")
    Path certificate;

    @Option(names = "--private-key", paramLabel = "PEM", description = "The private key for TLS endpoints.")
    Path privateKey;

    @Option(names = "--path", paramLabel = "DIR", defaultValue = ".",
            description = "The directory (or file) to serve (default: the current directory).")
    Path path;

    @Option(names = "--index", paramLabel = "NAME",
            description = "An index file name; several allowed (default: index.html, index.htm).")
    List<String> indexNames = new ArrayList<>();

    @Option(names = "--mime-type", paramLabel = "EXT=TYPE", description = "An extra MIME type; several allowed.")
    List<String> mimeTypes = new ArrayList<>();

    @Option(names = "--access-log", paramLabel = "FILE",
            description = "Write the access log (combined log format) to FILE instead of the log.")
    Path accessLog;

    @Mixin
    AuthOptions auth = new AuthOptions();

    @Option(names = "--auth-realm", paramLabel = "NAME", defaultValue = "torsion",
            description = "The realm named in the Basic challenge with --auth (default: ${DEFAULT-VALUE}). "
                    + "Basic sends passwords in the clear unless served over https.")
    String authRealm;

    @Option(names = "--http2",
            description = "Also take HTTP/2 on cleartext endpoints (tcp:, unix:): with prior knowledge "
                    + "(curl --http2-prior-knowledge) and by the h2c upgrade from HTTP/1.1 (curl --http2). Off by default: "
                    + "a reverse proxy in front that passes Upgrade: h2c on lets its clients past its rules. "
                    + "TLS endpoints offer h2 by ALPN unless they name their own alpn=.")
    boolean http2Cleartext;

    @Option(names = "--no-listing", description = "Answer 403 for directories without an index file.")
    boolean noListing;

    @Option(names = "--show-dotfiles",
            description = "List and serve names starting with a dot (.git/, .env, .htpasswd); by default they are hidden (404).")
    boolean showDotfiles;

    @Option(names = "--max-listing-entries", paramLabel = "N", defaultValue = "10000",
            description = "Show at most N entries in a directory listing; the page says how many more there are "
                    + "(default ${DEFAULT-VALUE}).")
    int maxListingEntries;

    @Option(names = "--header-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long a client may take to send a request head once it began one; then 408 "
                    + "(default ${DEFAULT-VALUE}).")
    Duration headerTimeout;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long a connection may wait for its first request, between kept-alive requests, and between "
                    + "two reads of a request body (default ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--max-body-size", paramLabel = "SIZE", defaultValue = "10MB", converter = SizeConverter.class,
            description = "The largest request body accepted; larger ones are answered 413 (default 10MB).")
    long maxBodySize;

    @Option(names = "--backlog", paramLabel = "N",
            description = "The listen backlog (connections the kernel queues before they are accepted) of endpoints "
                    + "that name none (default: the kernel's somaxconn, ${DEFAULT-VALUE} here).")
    int backlog = defaultBacklog();

    /** The configuration these options describe; throws IllegalArgumentException for a bad combination. */
    WebServerConfig toConfig() {
        WebServerConfig.Builder builder = WebServerConfig.builder().root(path);
        listen.forEach(builder::listen);
        if (port != null) {
            builder.listen("tcp:" + port);
        }
        if (https != null) {
            builder.listen("ssl:" + https);
        }
        indexNames.forEach(builder::index);
        for (String mapping : mimeTypes) {
            int equals = mapping.indexOf('=');
            if (equals <= 0 || equals == mapping.length() - 1) {
                throw new IllegalArgumentException("--mime-type wants EXT=TYPE, got " + mapping);
            }
            builder.mimeType(mapping.substring(0, equals), mapping.substring(equals + 1));
        }
        if (accessLog != null) {
            builder.accessLog(accessLog);
        }
        if (https != null && (certificate == null || privateKey == null)) {
            throw new IllegalArgumentException("--https needs --private-key and --certificate (PEM files)");
        }
        if ((certificate == null) != (privateKey == null)) {
            throw new IllegalArgumentException("--certificate and --private-key go together");
        }
        if (certificate != null) {
            builder.tls(certificate, privateKey);
        }
        builder.http2Cleartext(http2Cleartext);
        builder.listDirectories(!noListing);
        builder.showDotfiles(showDotfiles);
        if (maxListingEntries < 1) {
            throw new IllegalArgumentException("--max-listing-entries must be at least 1, not " + maxListingEntries);
        }
        builder.maxListingEntries(maxListingEntries);
        if (backlog < 1 || backlog > 65535) {
            throw new IllegalArgumentException("--backlog must be between 1 and 65535, not " + backlog);
        }
        builder.backlog(backlog);
        builder.server(serverConfig());
        return builder.build();
    }

    private ServerConfig serverConfig() {
        if (headerTimeout.isZero() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("--header-timeout and --idle-timeout must be longer than 0 s");
        }
        if (maxBodySize < 0) {
            throw new IllegalArgumentException("--max-body-size must not be negative");
        }
        return ServerConfig.DEFAULT.withHeaderTimeout(headerTimeout).withIdleTimeout(idleTimeout).withMaxBodySize(maxBodySize);
    }

    /** The kernel's largest accept queue (somaxconn, 4096 on current Linux), or nginx's 511 where it does not say. */
    static int defaultBacklog() {
        try {
            // Read as a stream: procfs says its files are empty, and a read sized by that comes back short.
            int max;
            try (InputStream in = Files.newInputStream(SOMAXCONN)) {
                max = Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
            }
            return max >= 1 && max <= 65535 ? max : FALLBACK_BACKLOG;
        } catch (IOException | NumberFormatException | SecurityException e) {
            return FALLBACK_BACKLOG;
        }
    }
}
