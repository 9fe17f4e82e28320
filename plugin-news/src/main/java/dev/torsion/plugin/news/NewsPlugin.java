package dev.torsion.plugin.news;

import dev.torsion.app.RunnerPlugin;
import dev.torsion.app.service.MultiService;
import dev.torsion.app.service.ServerEndpoints;
import dev.torsion.app.service.Service;
import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.internet.Reactor;
import dev.torsion.netty.tls.PemFiles;
import dev.torsion.netty.tls.TlsContexts;
import dev.torsion.nntp.server.FileSpool;
import dev.torsion.nntp.server.NewsRealm;
import dev.torsion.nntp.server.NntpServerConfig;
import dev.torsion.nntp.server.NntpServerFactory;
import dev.torsion.tls.TlsOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/**
 * {@code torsion news --listen tcp:1119 --spool DIR --group comp.lang.java [--auth ...]}: an NNTP
 * server (RFC 3977) over a file spool, with POST and IHAVE, STARTTLS when given a certificate, and
 * AUTHINFO through the {@code --auth} checkers.
 */
public final class NewsPlugin implements RunnerPlugin {
    private final NewsOptions options = new NewsOptions();

    @Override
    public String name() {
        return "news";
    }

    @Override
    public String description() {
        return "A news server: NNTP reading, posting and IHAVE feeding over a file spool, STARTTLS, AUTHINFO.";
    }

    @Override
    public Object options() {
        return options;
    }

    @Override
    public Service makeService(Reactor reactor) throws IOException {
        // Opening the spool reads its indexes: done once here, before the reactor serves.
        FileSpool spool = FileSpool.open(options.spool, reactor);
        for (String group : options.groups) {
            int equals = group.indexOf('=');
            spool.createGroup(equals < 0 ? group : group.substring(0, equals), equals < 0 ? "" : group.substring(equals + 1));
        }
        NntpServerConfig config = NntpServerConfig.of(hostname(), spool).withPosting(!options.noPosting, !options.noFeeding);
        List<CredentialsChecker> checkers = options.auth.checkers(reactor);
        if (!checkers.isEmpty()) {
            config = config.withPortal(new Portal(new NewsRealm(), reactor, checkers.toArray(CredentialsChecker[]::new)),
                    options.loginRequired);
        } else if (options.loginRequired) {
            throw new IllegalArgumentException("--login-required needs at least one --auth");
        }
        if (options.plaintextLogin) {
            config = config.allowingPlaintextLogin();
        }
        TlsOptions tls = tls();
        if (tls != null) {
            config = config.withStartTls(tls);
        }
        MultiService service = new MultiService();
        service.setName("news");
        NntpServerFactory factory = new NntpServerFactory(config, reactor);
        for (String endpoint : options.listen.isEmpty() ? List.of("tcp:1119") : options.listen) {
            ServerEndpoints.listen(reactor, endpoint, factory).setServiceParent(service);
        }
        return service;
    }

    private String hostname() throws IOException {
        String name = options.hostname != null ? options.hostname : InetAddress.getLocalHost().getCanonicalHostName();
        if (!name.matches("[A-Za-z0-9.\\-]+")) {
            throw new IllegalArgumentException("--hostname " + name + ": not a domain name");
        }
        return name;
    }

    private TlsOptions tls() throws IOException {
        if ((options.certificate == null) != (options.privateKey == null)) {
            throw new IllegalArgumentException("--certificate and --private-key go together");
        }
        if (options.certificate == null) {
            return null;
        }
        return TlsOptions.server(TlsContexts.context(PemFiles.readPrivateKey(options.privateKey),
                PemFiles.readCertificates(options.certificate), List.of()));
    }
}
