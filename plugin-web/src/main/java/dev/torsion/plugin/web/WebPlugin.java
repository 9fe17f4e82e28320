package dev.torsion.plugin.web;

import dev.torsion.app.RunnerPlugin;
import dev.torsion.app.service.MultiService;
import dev.torsion.app.service.ServerEndpoints;
import dev.torsion.app.service.Service;
import dev.torsion.http.log.AccessLog;
import dev.torsion.http.log.FileAccessLog;
import dev.torsion.http.log.Slf4jAccessLog;
import dev.torsion.http.resource.Site;
import dev.torsion.http.web.WebServer;
import dev.torsion.http.web.WebServerConfig;
import dev.torsion.internet.Reactor;
import java.io.IOException;
import java.nio.file.Files;

/**
 * {@code torsion web --listen tcp:8080 --path DIR}: serves a directory over HTTP and HTTPS, as
 * Twisted's {@code twistd web --path}. Each {@code --listen} endpoint becomes a listening service
 * (bound before the runner drops privileges, shared between reactors under {@code --workers}).
 */
public final class WebPlugin implements RunnerPlugin {
    private final WebOptions options = new WebOptions();

    @Override
    public String name() {
        return "web";
    }

    @Override
    public String description() {
        return "A static web server: files, directory listings, ranges, gzip, https (twistd web --path).";
    }

    @Override
    public Object options() {
        return options;
    }

    @Override
    public Service makeService(Reactor reactor) throws IOException {
        WebServerConfig config = options.toConfig();
        if (!Files.exists(config.root())) {
            throw new IllegalArgumentException("nothing to serve at " + config.root());
        }
        MultiService web = new MultiService();
        web.setName("web");
        AccessLog accessLog = openAccessLog(config, web);
        Site site = WebServer.newSite(config, accessLog);
        for (String description : config.listen()) {
            String endpoint = WebServer.withDefaultKeys(description, config);
            boolean secure = WebServer.isTls(endpoint);
            ServerEndpoints.listen(reactor, endpoint, secure ? site.secureFactory(reactor) : site.factory(reactor))
                    .setServiceParent(web);
        }
        return web;
    }

    /** The access log file when one is asked for (closed when the service stops), else the SLF4J logger. */
    private static AccessLog openAccessLog(WebServerConfig config, MultiService web) throws IOException {
        if (config.accessLog() == null) {
            return new Slf4jAccessLog();
        }
        FileAccessLog file = new FileAccessLog(config.accessLog());
        new ClosingService(file).setServiceParent(web);
        return file;
    }
}
