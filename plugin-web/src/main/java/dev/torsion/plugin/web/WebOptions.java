package dev.torsion.plugin.web;

import dev.torsion.app.AuthOptions;
import dev.torsion.http.web.WebServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code torsion web}, turned into proto-http's {@link WebServerConfig}. */
@Command(description = "Serves the files under --path over HTTP/1.1 (and HTTPS with a certificate): "
        + "directory listings, index files, byte ranges, conditional requests and gzip. "
        + "With --auth every request needs a user name and password (HTTP Basic authentication); "
        + "Basic sends the password in the clear, so use it with https only.")
final class WebOptions {
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

    @Option(names = "--no-listing", description = "Answer 403 for directories without an index file.")
    boolean noListing;

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
        if ((certificate == null) != (privateKey == null)) {
            throw new IllegalArgumentException("--certificate and --private-key go together");
        }
        if (certificate != null) {
            builder.tls(certificate, privateKey);
        }
        builder.listDirectories(!noListing);
        return builder.build();
    }
}
