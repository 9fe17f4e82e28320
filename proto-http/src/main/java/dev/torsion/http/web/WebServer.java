package dev.torsion.http.web;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Deferreds;
import dev.torsion.defer.FirstError;
import dev.torsion.http.h2.server.Http2ServerFactory;
import dev.torsion.http.log.AccessLog;
import dev.torsion.http.log.FileAccessLog;
import dev.torsion.http.log.Slf4jAccessLog;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.staticfiles.File;
import dev.torsion.http.staticfiles.MimeTypes;
import dev.torsion.http.staticfiles.StaticOptions;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.internet.endpoints.ServerEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A static web server, as {@code twistd web --path}: a {@link File} tree behind a {@link Site},
 * listening on every endpoint of a {@link WebServerConfig}. The runner's {@code torsion web}
 * (module plugin-web) builds the same site with {@link #newSite} and its own listening services;
 * {@link #start} serves a configuration directly on a reactor, for programs that embed a server.
 */
public final class WebServer {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    private final List<ListeningPort> ports;
    private final FileAccessLog fileLog;

    private WebServer(List<ListeningPort> ports, FileAccessLog fileLog) {
        this.ports = ports;
        this.fileLog = fileLog;
    }

    /**
     * Starts serving {@code config} on {@code reactor}: listens on every endpoint (described as for
     * {@link Endpoints#serverFromString}). The Deferred fires with the running server, or fails (and
     * listens nowhere) when any endpoint cannot listen. Call on the reactor thread.
     */
    public static Deferred<WebServer> start(Reactor reactor, WebServerConfig config) {
        if (!Files.exists(config.root())) {
            return Deferred.fail(new IOException("nothing to serve at " + config.root()));
        }
        FileAccessLog fileLog;
        try {
            fileLog = config.accessLog() == null ? null : new FileAccessLog(config.accessLog());
        } catch (IOException e) {
            return Deferred.fail(e);
        }
        Site site = newSite(config, newRoot(config, reactor), fileLog != null ? fileLog : new Slf4jAccessLog());
        List<Deferred<ListeningPort>> listening = new ArrayList<>();
        for (String description : config.listen()) {
            String full = withDefaultKeys(description, config);
            try {
                ServerEndpoint endpoint = Endpoints.serverFromString(reactor, full);
                listening.add(endpoint.listen(factoryFor(site, full, config, reactor)));
            } catch (IllegalArgumentException e) {
                listening.add(Deferred.fail(e));
            }
        }
        return Deferreds.gatherResults(listening).addCallbacks(ports -> {
            for (ListeningPort port : ports) {
                log.info("serving {} on {}", config.root(), port.getHost());
            }
            return new WebServer(List.copyOf(ports), fileLog);
        }, failure -> {
            for (Deferred<ListeningPort> attempt : listening) {
                attempt.addCallback(port -> port.stopListening()).addErrback(ignored -> null);
            }
            if (fileLog != null) {
                fileLog.close();
            }
            Throwable cause = failure.value();
            if (cause instanceof FirstError first) {
                throw first.subFailure().rethrow();
            }
            throw failure.rethrow();
        });
    }

    /** The site that serves {@code config}'s root as static files, logging each request to {@code accessLog}. */
    public static Site newSite(WebServerConfig config, AccessLog accessLog) {
        return newSite(config, newRoot(config), accessLog);
    }

    /**
     * The static files of {@code config}'s root, as the resource a site serves (or a guard
     * protects), listing directories on the calling thread: prefer {@link #newRoot(WebServerConfig, Reactor)}.
     */
    public static File newRoot(WebServerConfig config) {
        return new File(config.root(), staticOptions(config));
    }

    /**
     * The static files of {@code config}'s root, listing directories on {@code reactor}'s thread
     * pool so that a huge directory does not stall the reactor's other clients.
     */
    public static File newRoot(WebServerConfig config, Reactor reactor) {
        return new File(config.root(), staticOptions(config), reactor::deferToThread);
    }

    /** The site that serves {@code root} (made by {@link #newRoot} and maybe wrapped) with {@code config}'s settings. */
    public static Site newSite(WebServerConfig config, Resource root, AccessLog accessLog) {
        Site site = new Site(root, config.server());
        site.setAccessLog(accessLog);
        return site;
    }

    /** Whether an endpoint description is of a TLS kind ({@code ssl:} or {@code tls:}). */
    public static boolean isTls(String description) {
        String kind = description.split(":", 2)[0].toLowerCase(Locale.ROOT);
        return kind.equals("ssl") || kind.equals("tls");
    }

    /**
     * Adds the server's --certificate and --private-key to a TLS endpoint that names no key of its
     * own, the ALPN offer of {@code h2} and {@code http/1.1} to a TLS endpoint that names none (when
     * HTTP/2 is on), and the configured backlog to an endpoint that names none.
     */
    public static String withDefaultKeys(String description, WebServerConfig config) {
        String full = description;
        if (isTls(full) && !full.contains("privateKey=") && config.privateKey() != null) {
            full = full + ":privateKey=" + escape(config.privateKey()) + ":certKey=" + escape(config.certificate());
        }
        if (isTls(full) && config.http2() != null && !full.contains("alpn=")) {
            full = full + ":alpn=h2,http/1.1";
        }
        if (config.backlog() > 0 && takesBacklog(full) && !full.contains("backlog=")) {
            full = full + ":backlog=" + config.backlog();
        }
        return full;
    }

    /**
     * The connections' factory for {@code endpoint} (as completed by {@link #withDefaultKeys}):
     * HTTP/1.1 and HTTP/2 ({@link Http2ServerFactory}) on a TLS endpoint whose ALPN offers
     * {@code h2}, and on a cleartext one when {@link WebServerConfig#http2Cleartext()} is on (prior
     * knowledge and the h2c upgrade); HTTP/1.1 alone otherwise.
     */
    public static ProtocolFactory factoryFor(Site site, String endpoint, WebServerConfig config, Reactor reactor) {
        boolean secure = isTls(endpoint);
        if (config.http2() != null && secure && offersH2(endpoint)) {
            return Http2ServerFactory.forSite(site, reactor, true, config.http2());
        }
        if (config.http2() != null && !secure && config.http2Cleartext()) {
            return Http2ServerFactory.forSite(site, reactor, false, config.http2()).withH2cUpgrade();
        }
        return secure ? site.secureFactory(reactor) : site.factory(reactor);
    }

    /** Whether the endpoint's {@code alpn=} list names {@code h2}. */
    private static boolean offersH2(String endpoint) {
        for (String part : endpoint.split(":")) {
            if (part.startsWith("alpn=") && List.of(part.substring(5).split(",")).contains("h2")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the endpoint kind listens on a stream socket with a backlog (tcp, ssl, tls, unix). */
    private static boolean takesBacklog(String description) {
        String kind = description.split(":", 2)[0].toLowerCase(Locale.ROOT);
        return kind.equals("tcp") || kind.equals("unix") || isTls(description);
    }

    private static String escape(Path path) {
        return path.toString().replace("\\", "\\\\").replace(":", "\\:");
    }

    private static StaticOptions staticOptions(WebServerConfig config) {
        MimeTypes types = new MimeTypes();
        config.mimeTypes().forEach(types::add);
        return new StaticOptions(config.indexNames(), config.listDirectories(), true, types, 64 * 1024,
                config.showDotfiles(), config.maxListingEntries());
    }

    /** The listening ports, in the order of {@link WebServerConfig#listen()}. */
    public List<ListeningPort> ports() {
        return ports;
    }

    /**
     * Blocks until every access log line of the requests answered so far is in the file (the file
     * log writes off the reactor thread). Never call it on the reactor thread.
     */
    public void flushAccessLog() throws InterruptedException {
        if (fileLog != null) {
            fileLog.flush();
        }
    }

    /** Stops listening on every port (connections already open finish) and closes the access log. */
    public Deferred<Void> stop() {
        List<Deferred<Void>> stopped = new ArrayList<>();
        for (ListeningPort port : ports) {
            stopped.add(port.stopListening());
        }
        return Deferreds.gatherResults(stopped).addCallback(done -> {
            if (fileLog != null) {
                fileLog.close();
            }
            return null;
        });
    }
}
