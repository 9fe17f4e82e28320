package dev.torsion.plugin.socks;

import dev.torsion.app.RunnerPlugin;
import dev.torsion.app.service.MultiService;
import dev.torsion.app.service.ServerEndpoints;
import dev.torsion.app.service.Service;
import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Portal;
import dev.torsion.cred.Realm;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.defer.Deferred;
import dev.torsion.internet.Reactor;
import dev.torsion.socks.codec.SocksCommand;
import dev.torsion.socks.server.SocksAccessRules;
import dev.torsion.socks.server.SocksServerFactory;
import dev.torsion.socks.server.SocksUser;
import java.util.List;

/**
 * {@code torsion socks --listen tcp:1080:interface=127.0.0.1 [--auth ...] [--allow CIDR]
 * [--allow-to CIDR] [--deny CIDR@PORTS] [--no-bind] [--no-udp]}: Twisted's {@code twistd socks}
 * (which speaks SOCKS4 CONNECT only), with SOCKS4a and SOCKS5, BIND and UDP ASSOCIATE, logins
 * through cred and access rules.
 */
public final class SocksPlugin implements RunnerPlugin {
    private final SocksOptions options = new SocksOptions();

    @Override
    public String name() {
        return "socks";
    }

    @Override
    public String description() {
        return "A SOCKS4/4a/5 proxy with user/password logins and access rules, loopback clients only by default (twistd socks).";
    }

    @Override
    public Object options() {
        return options;
    }

    @Override
    public Service makeService(Reactor reactor) {
        SocksServerFactory factory = SocksServerFactory.forReactor(reactor, rules(), portal(reactor));
        MultiService service = new MultiService();
        service.setName("socks");
        for (String endpoint : endpoints()) {
            ServerEndpoints.listen(reactor, endpoint, factory).setServiceParent(service);
        }
        return service;
    }

    private List<String> endpoints() {
        if (options.port != null) {
            if (!options.listen.isEmpty()) {
                throw new IllegalArgumentException("give --listen or --port, not both");
            }
            String address = options.bindInterface == null ? "127.0.0.1" : options.bindInterface;
            return List.of("tcp:" + options.port + ":interface=" + address.replace(":", "\\:"));
        }
        if (options.bindInterface != null) {
            throw new IllegalArgumentException("--interface goes with --port");
        }
        return options.listen.isEmpty() ? List.of("tcp:1080:interface=127.0.0.1") : options.listen;
    }

    private SocksAccessRules rules() {
        SocksAccessRules.Builder builder = SocksAccessRules.builder();
        for (String cidr : options.allowClients) {
            builder.allowClients(cidr);
        }
        // Allow rules first: the first matching rule decides.
        for (String rule : options.allowDestinations) {
            Ports ports = Ports.of("--allow-to", rule);
            builder.allowDestinations(ports.cidr(), ports.from(), ports.to());
        }
        for (String rule : options.denyDestinations) {
            Ports ports = Ports.of("--deny", rule);
            builder.denyDestinations(ports.cidr(), ports.from(), ports.to());
        }
        if (options.noBind) {
            builder.refuse(SocksCommand.BIND);
        }
        if (options.noUdp) {
            builder.refuse(SocksCommand.UDP_ASSOCIATE);
        }
        return builder.build();
    }

    private Portal portal(Reactor reactor) {
        List<CredentialsChecker> checkers = options.auth.checkers(reactor);
        if (checkers.isEmpty()) {
            return null;
        }
        SocksUser anyone = new SocksUser() { };
        Realm realm = (id, mind, interfaces) -> Deferred.succeed(new LoginResult(SocksUser.class, anyone, () -> { }));
        return new Portal(realm, reactor, checkers.toArray(CredentialsChecker[]::new));
    }

    /** {@code CIDR[@PORT[-PORT]]}. */
    private record Ports(String cidr, int from, int to) {
        static Ports of(String option, String rule) {
            int at = rule.indexOf('@');
            if (at < 0) {
                return new Ports(rule, 0, 65535);
            }
            String range = rule.substring(at + 1);
            int dash = range.indexOf('-');
            try {
                int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
                return new Ports(rule.substring(0, at), from, to);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " " + rule + ": ports are PORT or PORT-PORT");
            }
        }
    }
}
