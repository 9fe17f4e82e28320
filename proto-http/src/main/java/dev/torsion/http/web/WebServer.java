package dev.torsion.http.web;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Deferreds;
import dev.torsion.http.log.AccessLog;
import dev.torsion.http.log.FileAccessLog;
import dev.torsion.http.log.Slf4jAccessLog;
import dev.torsion.http.resource.Site;
import dev.torsion.http.staticfiles.File;
import dev.torsion.http.staticfiles.MimeTypes;
import dev.torsion.http.staticfiles.StaticOptions;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Reactor;
import dev.torsion.defer.FirstError;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.internet.endpoints.ServerEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A static web server, as {@code twistd web --path}: a {@link File} tree behind a {@link Site},
 * listening on every {@code --listen} endpoint. The runner plugin for {@code torsion web} builds a
 * {@link WebServerConfig} and calls {@link #start}; until it exists, {@link #main} takes the same
 * options:
 *
 * <pre>
 * --listen tcp:8080            (several allowed; any endpoint string, e.g. ssl:8443:privateKey=KEY.pem:certKey=CERT.pem)
 * --port 8080                  (short for --listen tcp:8080)
 * --https 8443                 (short for --listen ssl:8443, with --certificate and --private-key)
 * --certificate CERT.pem --private-key KEY.pem
 * --path DIR                   (what to serve; default: the current directory)
 * --index NAME                 (several allowed; default index.html, index.htm)
 * --mime-type EXT=TYPE         (several allowed)
 * --access-log FILE            (default: the SLF4J logger dev.torsion.http.access)
 * --no-listing                 (403 for directories without an index)
 * </pre>
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
        Site site = newSite(config, fileLog != null ? fileLog : new Slf4jAccessLog());
        List<Deferred<ListeningPort>> listening = new ArrayList<>();
        for (String description : config.listen()) {
            String full = withDefaultKeys(description, config);
            boolean secure = isTls(full);
            try {
                ServerEndpoint endpoint = Endpoints.serverFromString(reactor, full);
                listening.add(endpoint.listen(secure ? site.secureFactory(reactor) : site.factory(reactor)));
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
        Site site = new Site(new File(config.root(), staticOptions(config)), config.server());
        site.setAccessLog(accessLog);
        return site;
    }

    /** Whether an endpoint description is of a TLS kind ({@code ssl:} or {@code tls:}). */
    public static boolean isTls(String description) {
        String kind = description.split(":", 2)[0].toLowerCase(java.util.Locale.ROOT);
        return kind.equals("ssl") || kind.equals("tls");
    }

    /** Adds the server's --certificate and --private-key to a TLS endpoint that names no key of its own. */
    public static String withDefaultKeys(String description, WebServerConfig config) {
        if (!isTls(description) || description.contains("privateKey=") || config.privateKey() == null) {
            return description;
        }
        return description + ":privateKey=" + escape(config.privateKey()) + ":certKey=" + escape(config.certificate());
    }

    private static String escape(Path path) {
        return path.toString().replace("\\", "\\\\").replace(":", "\\:");
    }

    private static StaticOptions staticOptions(WebServerConfig config) {
        MimeTypes types = new MimeTypes();
        config.mimeTypes().forEach(types::add);
        return new StaticOptions(config.indexNames(), config.listDirectories(), true, types, 64 * 1024);
    }

    /** The listening ports, in the order of {@link WebServerConfig#listen()}. */
    public List<ListeningPort> ports() {
        return ports;
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

    /** Parses the command-line options of the class comment into a configuration. */
    public static WebServerConfig parseArguments(String... args) {
        WebServerConfig.Builder builder = WebServerConfig.builder();
        Path certificate = null;
        Path key = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--no-listing")) {
                builder.listDirectories(false);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--listen" -> builder.listen(value);
                case "--port" -> builder.listen("tcp:" + Integer.parseInt(value));
                case "--https" -> builder.listen("ssl:" + Integer.parseInt(value));
                case "--path" -> builder.root(Path.of(value));
                case "--index" -> builder.index(value);
                case "--mime-type" -> {
                    int equals = value.indexOf('=');
                    if (equals <= 0) {
                        throw new IllegalArgumentException("--mime-type wants EXT=TYPE, got " + value);
                    }
                    builder.mimeType(value.substring(0, equals), value.substring(equals + 1));
                }
                case "--access-log" -> builder.accessLog(Path.of(value));
                case "--certificate" -> certificate = Path.of(value);
                case "--private-key" -> key = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if ((certificate == null) != (key == null)) {
            throw new IllegalArgumentException("--certificate and --private-key go together");
        }
        if (certificate != null) {
            builder.tls(certificate, key);
        }
        return builder.build();
    }

    /** Runs a web server with the options of the class comment until the process is stopped. */
    public static void main(String[] args) throws Exception {
        WebServerConfig config;
        try {
            config = parseArguments(args);
        } catch (IllegalArgumentException e) {
            log.error("{}", e.getMessage());
            System.exit(2);
            return;
        }
        Reactor reactor = nettyReactor();
        reactor.callWhenRunning(() -> start(reactor, config).addErrback(failure -> {
            log.error("cannot start: {}", failure.getErrorMessage());
            reactor.stop();
            return null;
        }));
        reactor.run();
    }

    /** Makes the Netty reactor by name, so that this module needs the transport only at run time. */
    private static Reactor nettyReactor() {
        try {
            return (Reactor) Class.forName("dev.torsion.netty.NettyReactor").getMethod("create").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no reactor found: put torsion-transport-netty on the class path", e);
        }
    }
}
