package dev.torsion.plugin.ftp;

import dev.torsion.app.RunnerPlugin;
import dev.torsion.app.service.MultiService;
import dev.torsion.app.service.ServerEndpoints;
import dev.torsion.app.service.Service;
import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.AllowAnonymousAccess;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.ftp.server.FtpRealm;
import dev.torsion.ftp.server.FtpServerConfig;
import dev.torsion.ftp.server.FtpServerFactory;
import dev.torsion.ftp.server.PortRange;
import dev.torsion.internet.Reactor;
import dev.torsion.netty.tls.PemFiles;
import dev.torsion.netty.tls.TlsContexts;
import dev.torsion.tls.TlsOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code torsion ftp --listen tcp:2121 --root DIR [--anonymous] [--auth ...] [--passive-ports
 * 30000-30100] [--certificate PEM --private-key PEM]}: Twisted's {@code twistd ftp}, whose options
 * ({@code -p}, {@code -r}, {@code --userAnonymous}, {@code --password-file}) it also takes.
 */
public final class FtpPlugin implements RunnerPlugin {
    private final FtpOptions options = new FtpOptions();

    @Override
    public String name() {
        return "ftp";
    }

    @Override
    public String description() {
        return "An FTP server: a directory over FTP and FTPS (AUTH TLS), EPSV, MLSD, REST, anonymous read-only (twistd ftp).";
    }

    @Override
    public Object options() {
        return options;
    }

    @Override
    public Service makeService(Reactor reactor) throws IOException {
        Path root = options.root.toAbsolutePath();
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("--root " + root + " is not a directory");
        }
        boolean anonymous = options.anonymous || options.userAnonymous != null;
        Path home = options.home == null ? null : options.home.toAbsolutePath();
        FtpRealm realm = new FtpRealm(user -> home == null ? root : home.resolve(user), anonymous ? root : null, reactor);
        List<CredentialsChecker> checkers = new ArrayList<>(options.auth.checkers(reactor));
        if (options.passwordFile != null) {
            checkers.add(passwordFile(options.passwordFile));
        }
        if (anonymous) {
            checkers.add(new AllowAnonymousAccess());
        }
        if (checkers.isEmpty()) {
            throw new IllegalArgumentException("nobody could log in: give --auth, --password-file or --anonymous");
        }
        Portal portal = new Portal(realm, reactor, checkers.toArray(CredentialsChecker[]::new));
        FtpServerConfig config = FtpServerConfig.of(portal, reactor).withAnonymous(anonymous);
        TlsOptions tls = tls();
        if (tls != null) {
            config = config.withTls(tls, options.requireTls).withTlsSessionReuseRequired(options.requireTlsReuse);
        } else if (options.requireTls) {
            throw new IllegalArgumentException("--require-tls needs --certificate and --private-key");
        }
        if (options.passivePorts != null) {
            config = config.withPassivePorts(PortRange.parse(options.passivePorts));
        }
        if (options.passiveAddress != null) {
            config = config.withPassiveAddress(options.passiveAddress);
        }
        MultiService service = new MultiService();
        service.setName("ftp");
        FtpServerFactory factory = new FtpServerFactory(config);
        for (String endpoint : endpoints()) {
            ServerEndpoints.listen(reactor, endpoint, factory).setServiceParent(service);
        }
        return service;
    }

    private List<String> endpoints() {
        List<String> endpoints = new ArrayList<>(options.listen);
        if (options.port != null) {
            endpoints.add("tcp:" + options.port);
        }
        return endpoints.isEmpty() ? List.of("tcp:2121") : endpoints;
    }

    /** twistd ftp's {@code --password-file}: {@code user:password} lines in clear text. */
    private static CredentialsChecker passwordFile(Path file) throws IOException {
        InMemoryUsernamePasswordDatabaseDontUse users = new InMemoryUsernamePasswordDatabaseDontUse();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int colon = line.indexOf(':');
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (colon <= 0) {
                throw new IllegalArgumentException("--password-file: a line without user:password");
            }
            users.addUser(line.substring(0, colon), line.substring(colon + 1));
        }
        return users;
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
