package dev.torsion.plugin.telnet;

import dev.torsion.app.RunnerPlugin;
import dev.torsion.app.service.MultiService;
import dev.torsion.app.service.ServerEndpoints;
import dev.torsion.app.service.Service;
import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.Reactor;
import dev.torsion.protocols.policies.ConnectionLimitingFactory;
import dev.torsion.telnet.TelnetLimits;
import dev.torsion.telnet.manhole.ManholeNamespace;
import dev.torsion.telnet.manhole.ManholeRealm;
import dev.torsion.telnet.manhole.ManholeServer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code torsion telnet --listen tcp:4040:interface=127.0.0.1 --auth memory:admin:secret}: the
 * manhole over Telnet, as Twisted's {@code twistd telnet}. Never without {@code --auth}; endpoints
 * and clients other than loopback are refused unless {@code --allow-remote}. Snippets see
 * {@code reactor} and {@code service} (this plugin's service).
 */
public final class TelnetPlugin implements RunnerPlugin {
    private static final Logger log = LoggerFactory.getLogger(TelnetPlugin.class);

    private final TelnetOptions options = new TelnetOptions();

    @Override
    public String name() {
        return "telnet";
    }

    @Override
    public String description() {
        return "A JShell manhole inside the server, over Telnet, behind a login (twistd telnet).";
    }

    @Override
    public Object options() {
        return options;
    }

    @Override
    public Service makeService(Reactor reactor) {
        List<CredentialsChecker> checkers = options.auth.checkers(reactor);
        if (checkers.isEmpty()) {
            throw new IllegalArgumentException("telnet needs at least one --auth (memory:USER:PASSWORD, file:PATH, "
                    + "unix, ...): the manhole never runs without a login");
        }
        for (String endpoint : options.endpoints()) {
            if (!options.allowRemote && !TelnetOptions.isLoopbackEndpoint(endpoint)) {
                throw new IllegalArgumentException("telnet listens on loopback only (interface=127.0.0.1 or ::1, "
                        + "or unix:); give --allow-remote to serve " + endpoint);
            }
        }
        Portal portal = new Portal(new ManholeRealm(), reactor, checkers.toArray(CredentialsChecker[]::new));
        MultiService telnet = new MultiService();
        telnet.setName("telnet");
        ManholeNamespace namespace = ManholeNamespace.empty().bind("reactor", Reactor.class, reactor)
                .bind("service", MultiService.class, telnet);
        ProtocolFactory factory = new ConnectionLimitingFactory(ManholeServer.telnetFactory(reactor, portal,
                namespace, TelnetLimits.DEFAULT, options.allowRemote), options.maxConnections,
                ConnectionLimitingFactory.UNLIMITED);
        for (String endpoint : options.endpoints()) {
            ServerEndpoints.listen(reactor, endpoint, factory).setServiceParent(telnet);
            log.info("manhole on {}", endpoint);
        }
        return telnet;
    }
}
