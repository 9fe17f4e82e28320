package dev.torsion.plugin.telnet;

import dev.torsion.app.RunnerPlugin;
import dev.torsion.app.service.MultiService;
import dev.torsion.app.service.ServerEndpoints;
import dev.torsion.app.service.Service;
import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Portal;
import dev.torsion.cred.Realm;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.defer.Deferred;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.Reactor;
import dev.torsion.protocols.policies.ConnectionLimitingFactory;
import dev.torsion.ssh.server.SshAvatar;
import dev.torsion.ssh.server.SshServerFactory;
import dev.torsion.ssh.transport.HostKey;
import dev.torsion.telnet.TelnetLimits;
import dev.torsion.telnet.manhole.ManholeNamespace;
import dev.torsion.telnet.manhole.ManholeRealm;
import dev.torsion.telnet.manhole.ManholeServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code torsion manhole --telnet tcp:4040:interface=127.0.0.1 --ssh tcp:4041:interface=127.0.0.1
 * --auth memory:admin:secret}: the manhole over Telnet and over SSH (proto-ssh, an ed25519 host
 * key made on first start), one portal for both. Loopback only unless {@code --allow-remote}.
 */
public final class ManholePlugin implements RunnerPlugin {
    private static final Logger log = LoggerFactory.getLogger(ManholePlugin.class);

    private final ManholeOptions options = new ManholeOptions();

    @Override
    public String name() {
        return "manhole";
    }

    @Override
    public String description() {
        return "A JShell manhole inside the server, over Telnet and SSH, behind a login.";
    }

    @Override
    public Object options() {
        return options;
    }

    @Override
    public Service makeService(Reactor reactor) throws IOException {
        List<CredentialsChecker> checkers = options.auth.checkers(reactor);
        if (checkers.isEmpty()) {
            throw new IllegalArgumentException("manhole needs at least one --auth: it never runs without a login");
        }
        if (options.telnet.isEmpty() && options.ssh.isEmpty()) {
            throw new IllegalArgumentException("manhole needs --telnet ENDPOINT, --ssh ENDPOINT or both");
        }
        List<String> all = new ArrayList<>(options.telnet);
        all.addAll(options.ssh);
        for (String endpoint : all) {
            if (!options.allowRemote && !TelnetOptions.isLoopbackEndpoint(endpoint)) {
                throw new IllegalArgumentException("manhole listens on loopback only (interface=127.0.0.1 or ::1, "
                        + "or unix:); give --allow-remote to serve " + endpoint);
            }
        }
        MultiService manhole = new MultiService();
        manhole.setName("manhole");
        ManholeNamespace namespace = ManholeNamespace.empty().bind("reactor", Reactor.class, reactor)
                .bind("service", MultiService.class, manhole);
        TelnetLimits limits = TelnetLimits.DEFAULT;
        CredentialsChecker[] checkerArray = checkers.toArray(CredentialsChecker[]::new);
        if (!options.telnet.isEmpty()) {
            Portal portal = new Portal(new ManholeRealm(), reactor, checkerArray);
            ProtocolFactory telnet = new ConnectionLimitingFactory(ManholeServer.telnetFactory(reactor, portal,
                    namespace, limits, options.allowRemote), options.maxConnections, ConnectionLimitingFactory.UNLIMITED);
            for (String endpoint : options.telnet) {
                ServerEndpoints.listen(reactor, endpoint, telnet).setServiceParent(manhole);
                log.info("manhole over Telnet on {}", endpoint);
            }
        }
        if (!options.ssh.isEmpty()) {
            HostKey hostKey = HostKey.loadOrGenerate(options.hostKey);
            log.info("manhole host key {} {}", options.hostKey, hostKey.publicKeyLine());
            Realm realm = (avatarId, mind, interfaces) -> Deferred.succeed(new LoginResult(SshAvatar.class,
                    new SshManholeAvatar(reactor, namespace, avatarId.name(), limits.maxLineLength()), () -> { }));
            Portal portal = new Portal(realm, reactor, checkerArray);
            ProtocolFactory ssh = new SshServerFactory(reactor, hostKey, portal);
            if (!options.allowRemote) {
                ssh = ManholeServer.loopbackOnly(ssh);
            }
            ssh = new ConnectionLimitingFactory(ssh, options.maxConnections, ConnectionLimitingFactory.UNLIMITED);
            for (String endpoint : options.ssh) {
                ServerEndpoints.listen(reactor, endpoint, ssh).setServiceParent(manhole);
                log.info("manhole over SSH on {}", endpoint);
            }
        }
        return manhole;
    }
}
