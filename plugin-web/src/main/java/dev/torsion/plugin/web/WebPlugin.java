package dev.torsion.plugin.web;

import dev.torsion.app.RunnerPlugin;
import dev.torsion.app.StartupFailure;
import dev.torsion.app.service.MultiService;
import dev.torsion.app.service.ServerEndpoints;
import dev.torsion.app.service.Service;
import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.http.guard.BasicCredentialFactory;
import dev.torsion.http.guard.HttpAuthResource;
import dev.torsion.http.guard.SingleResourceRealm;
import dev.torsion.http.log.AccessLog;
import dev.torsion.http.log.FileAccessLog;
import dev.torsion.http.log.Slf4jAccessLog;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.staticfiles.FileErrors;
import dev.torsion.http.web.WebServer;
import dev.torsion.http.web.WebServerConfig;
import dev.torsion.internet.Reactor;
import java.io.IOException;
import java.util.List;

/**
 * {@code torsion web --listen tcp:8080 --path DIR}: serves a directory over HTTP and HTTPS, as
 * Twisted's {@code twistd web --path}; HTTP/2 on TLS endpoints (ALPN) and, with {@code --http2},
 * on cleartext ones (prior knowledge and the h2c upgrade); with {@code --auth} the whole directory needs HTTP Basic
 * authentication, checked by cred's checkers through proto-http's guard. Each {@code --listen}
 * endpoint becomes a listening service (bound before the runner drops privileges, shared between reactors under {@code --workers}).
 */
public final class WebPlugin implements RunnerPlugin {
    private final WebOptions options = new WebOptions();

    @Override
    public String name() {
        return "web";
    }

    @Override
    public String description() {
        return "A static web server: files, directory listings, ranges, gzip, https, HTTP/2, Basic auth (twistd web --path).";
    }

    @Override
    public Object options() {
        return options;
    }

    @Override
    public Service makeService(Reactor reactor) {
        WebServerConfig config = options.toConfig();
        StartChecks.readable("--path", config.root());
        if (config.privateKey() != null) {
            StartChecks.readable("--private-key", config.privateKey());
            StartChecks.readable("--certificate", config.certificate());
        }
        MultiService web = new MultiService();
        web.setName("web");
        AccessLog accessLog = openAccessLog(config, web, reactor);
        Site site = WebServer.newSite(config, guarded(WebServer.newRoot(config, reactor), reactor), accessLog);
        for (String description : config.listen()) {
            String endpoint = WebServer.withDefaultKeys(description, config);
            ServerEndpoints.listen(reactor, endpoint, WebServer.factoryFor(site, endpoint, config, reactor),
                    optionFor(description)).setServiceParent(web);
        }
        return web;
    }

    /** The option the user wrote for an endpoint, to name it when the port cannot be bound. */
    private String optionFor(String description) {
        if (options.port != null && description.equals("tcp:" + options.port)) {
            return "--port " + options.port;
        }
        if (options.https != null && description.equals("ssl:" + options.https)) {
            return "--https " + options.https;
        }
        return "--listen " + description;
    }

    /**
     * {@code files} behind HTTP Basic authentication when {@code --auth} was given (every user sees
     * the same files), else {@code files} itself. The portal delays refusals on this reactor.
     */
    private Resource guarded(Resource files, Reactor reactor) {
        // Password checks read files and hash slowly on purpose: they run on the reactor's threads.
        List<CredentialsChecker> checkers = options.auth.checkers(reactor);
        if (checkers.isEmpty()) {
            return files;
        }
        Portal portal = new Portal(new SingleResourceRealm(files), reactor, checkers.toArray(CredentialsChecker[]::new));
        return new HttpAuthResource(portal, List.of(new BasicCredentialFactory(options.authRealm)));
    }

    /** The access log file when one is asked for (closed when the service stops), else the SLF4J logger. */
    private static AccessLog openAccessLog(WebServerConfig config, MultiService web, Reactor reactor) {
        if (config.accessLog() == null) {
            return new Slf4jAccessLog();
        }
        FileAccessLog file;
        try {
            file = new FileAccessLog(config.accessLog());
        } catch (IOException e) {
            throw new StartupFailure("--access-log " + config.accessLog(), FileErrors.reason(e), e);
        }
        new ClosingService(file, reactor, file::reopen).setServiceParent(web);
        return file;
    }
}
