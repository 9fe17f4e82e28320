package dev.torsion.http.web;

import dev.torsion.http.h2.Http2Limits;
import dev.torsion.http.server.ServerConfig;
import dev.torsion.http.staticfiles.StaticOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code torsion web} serves and where, built with {@link #builder()} (the runner plugin fills
 * it from its command-line options).
 *
 * @param listen the endpoints to listen on ({@code tcp:8080}, {@code ssl:8443:privateKey=...:certKey=...})
 * @param root the directory (or file) to serve
 * @param indexNames the index file names, in order
 * @param mimeTypes extra content types by extension
 * @param accessLog the access log file, or null to log through SLF4J
 * @param certificate the default certificate chain for ssl endpoints, or null
 * @param privateKey the default private key for ssl endpoints, or null
 * @param listDirectories whether directories without an index are listed
 * @param server the HTTP limits and timeouts
 * @param showDotfiles whether names starting with a dot are listed and served (else hidden, 404)
 * @param maxListingEntries how many entries a directory listing shows at most
 * @param backlog the listen backlog given to endpoints that name none ({@code backlog=N}); 0 leaves the endpoint's default
 * @param http2 the HTTP/2 limits, or null to serve HTTP/1.1 only: TLS endpoints that name no {@code alpn=} offer
 *              {@code h2} and {@code http/1.1} by ALPN
 * @param http2Cleartext whether cleartext endpoints (tcp, unix) also take HTTP/2 with prior knowledge and the h2c
 *                       upgrade from HTTP/1.1 (off by default: see the module README)
 */
public record WebServerConfig(List<String> listen, Path root, List<String> indexNames, Map<String, String> mimeTypes,
        Path accessLog, Path certificate, Path privateKey, boolean listDirectories, ServerConfig server,
        boolean showDotfiles, int maxListingEntries, int backlog, Http2Limits http2, boolean http2Cleartext) {

    /** A builder with the defaults: tcp:8080, the current directory, index.html and index.htm. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link WebServerConfig}. */
    public static final class Builder {
        private final List<String> listen = new ArrayList<>();
        private Path root = Path.of(".");
        private final List<String> indexNames = new ArrayList<>();
        private final Map<String, String> mimeTypes = new LinkedHashMap<>();
        private Path accessLog;
        private Path certificate;
        private Path privateKey;
        private boolean listDirectories = true;
        private ServerConfig server = ServerConfig.DEFAULT;
        private boolean showDotfiles;
        private int maxListingEntries = StaticOptions.DEFAULT_MAX_LISTING_ENTRIES;
        private int backlog;
        private Http2Limits http2 = Http2Limits.DEFAULT;
        private boolean http2Cleartext;

        private Builder() {
        }

        /** Adds an endpoint to listen on. */
        public Builder listen(String description) {
            if (description == null || description.indexOf(':') <= 0) {
                throw new IllegalArgumentException("not an endpoint description: " + description);
            }
            listen.add(description);
            return this;
        }

        /** Serves {@code directory}. */
        public Builder root(Path directory) {
            this.root = directory;
            return this;
        }

        /** Adds an index file name (the first added replaces the defaults). */
        public Builder index(String name) {
            indexNames.add(name);
            return this;
        }

        /** Adds a content type for an extension. */
        public Builder mimeType(String extension, String type) {
            mimeTypes.put(extension, type);
            return this;
        }

        /** Writes the access log to {@code file}. */
        public Builder accessLog(Path file) {
            this.accessLog = file;
            return this;
        }

        /** The certificate chain and key used by ssl endpoints that name none. */
        public Builder tls(Path certificateChain, Path key) {
            this.certificate = certificateChain;
            this.privateKey = key;
            return this;
        }

        /** Lists directories without an index, or refuses them (403). */
        public Builder listDirectories(boolean list) {
            this.listDirectories = list;
            return this;
        }

        /** The HTTP limits and timeouts. */
        public Builder server(ServerConfig config) {
            this.server = config;
            return this;
        }

        /** Serves and lists names starting with a dot, or hides them (404, the default). */
        public Builder showDotfiles(boolean show) {
            this.showDotfiles = show;
            return this;
        }

        /** Shows at most {@code entries} entries in a directory listing (default 10,000). */
        public Builder maxListingEntries(int entries) {
            if (entries < 1) {
                throw new IllegalArgumentException("the listing limit must be at least 1, not " + entries);
            }
            this.maxListingEntries = entries;
            return this;
        }

        /** The listen backlog of endpoints that name none (0: the endpoint's default). */
        public Builder backlog(int connections) {
            if (connections < 0 || connections > 65535) {
                throw new IllegalArgumentException("the backlog must be between 1 and 65535, not " + connections);
            }
            this.backlog = connections;
            return this;
        }

        /** Serves HTTP/2 with these limits (the default's), or HTTP/1.1 only (null). */
        public Builder http2(Http2Limits limits) {
            this.http2 = limits;
            return this;
        }

        /** Takes HTTP/2 on cleartext endpoints too: prior knowledge and the h2c upgrade (default: no). */
        public Builder http2Cleartext(boolean enabled) {
            this.http2Cleartext = enabled;
            return this;
        }

        /** The configuration. */
        public WebServerConfig build() {
            List<String> endpoints = listen.isEmpty() ? List.of("tcp:8080") : List.copyOf(listen);
            List<String> indexes = indexNames.isEmpty() ? List.of("index.html", "index.htm") : List.copyOf(indexNames);
            return new WebServerConfig(endpoints, root, indexes, Map.copyOf(mimeTypes), accessLog, certificate, privateKey,
                    listDirectories, server, showDotfiles, maxListingEntries, backlog, http2, http2Cleartext);
        }
    }
}
