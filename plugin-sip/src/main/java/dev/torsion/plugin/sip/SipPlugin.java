package dev.torsion.plugin.sip;

import dev.torsion.app.RunnerPlugin;
import dev.torsion.app.service.MultiService;
import dev.torsion.app.service.ServerEndpoints;
import dev.torsion.app.service.Service;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.internet.Reactor;
import dev.torsion.sip.SipLimits;
import dev.torsion.sip.auth.DigestAlgorithm;
import dev.torsion.sip.auth.DigestAuthenticator;
import dev.torsion.sip.proxy.SipServer;
import dev.torsion.sip.registrar.MemoryLocationService;
import dev.torsion.sip.transaction.TimerSettings;
import dev.torsion.sip.transport.TransportKind;
import dev.torsion.tls.TlsOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code torsion sip --listen udp:5060:interface=127.0.0.1 --listen tcp:5060:interface=127.0.0.1
 * --domain example.org [--auth file:PATH]}: a registrar and stateful proxy.
 */
public final class SipPlugin implements RunnerPlugin {
    private final SipOptions options = new SipOptions();

    @Override
    public String name() {
        return "sip";
    }

    @Override
    public String description() {
        return "A SIP registrar and stateful proxy over UDP, TCP and TLS (RFC 3261), digest authentication through --auth.";
    }

    @Override
    public Object options() {
        return options;
    }

    @Override
    public Service makeService(Reactor reactor) throws Exception {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String spec : options.listen) {
            endpoints.add(Endpoint.parse(spec));
        }
        String advertise = options.advertise != null ? options.advertise
                : endpoints.stream().map(Endpoint::interfaceAddress).filter(a -> !a.isEmpty()).findFirst().orElse("127.0.0.1");
        SipServer server = new SipServer(reactor, reactor, options.domain, advertise, SipLimits.DEFAULTS,
                new TimerSettings(Duration.ofMillis(options.t1), Duration.ofMillis(options.t2), Duration.ofMillis(options.t4)),
                new MemoryLocationService(), authenticator(reactor));
        // Requests to sips: and transport=tls targets go over TLS, verified against the system's CAs.
        server.transport().setClientTls(TlsOptions::client);
        MultiService sip = new MultiService();
        sip.setName("sip");
        for (Endpoint endpoint : endpoints) {
            switch (endpoint.kind()) {
                case UDP -> new SipListeningService(endpoint.spec(),
                        () -> server.listenUdp(endpoint.port(), endpoint.interfaceAddress())).setServiceParent(sip);
                case TCP -> new SipListeningService(endpoint.spec(),
                        () -> server.listenTcp(endpoint.port(), endpoint.interfaceAddress())).setServiceParent(sip);
                case TLS -> {
                    server.transport().setPort(TransportKind.TLS, endpoint.port());
                    ServerEndpoints.listen(reactor, endpoint.spec(), server.transport().streamFactory(TransportKind.TLS),
                            "--listen").setServiceParent(sip);
                }
                default -> throw new IllegalStateException(endpoint.kind().name());
            }
        }
        return sip;
    }

    private DigestAuthenticator authenticator(Reactor reactor) {
        List<CredentialsChecker> checkers = options.auth.checkers(reactor);
        if (checkers.isEmpty()) {
            return null;
        }
        List<DigestAlgorithm> algorithms = new ArrayList<>();
        for (String name : options.algorithms) {
            DigestAlgorithm algorithm = DigestAlgorithm.fromToken(name.trim());
            if (algorithm == null) {
                throw new IllegalArgumentException("--auth-algorithms: unknown digest algorithm " + name);
            }
            algorithms.add(algorithm);
        }
        return new DigestAuthenticator(DigestAuthenticator.portal(reactor, checkers.toArray(new CredentialsChecker[0])),
                options.domain, reactor, algorithms, Duration.ofMinutes(5));
    }

    /** A parsed {@code --listen}: the runner's endpoint strings are for streams, so UDP and TCP are parsed here. */
    record Endpoint(String spec, TransportKind kind, int port, String interfaceAddress) {
        static Endpoint parse(String spec) {
            String[] parts = spec.split(":", 3);
            if (parts.length < 2 || !parts[1].matches("\\d{1,5}")) {
                throw new IllegalArgumentException("--listen " + spec + ": expected udp:PORT, tcp:PORT or ssl:PORT:...");
            }
            int port = Integer.parseInt(parts[1]);
            String address = "";
            if (parts.length == 3) {
                for (String option : parts[2].split("(?<!\\\\):")) {
                    if (option.startsWith("interface=")) {
                        address = option.substring("interface=".length()).replace("\\:", ":");
                    } else if (!parts[0].equals("ssl")) {
                        throw new IllegalArgumentException("--listen " + spec + ": udp and tcp take only interface=IP");
                    }
                }
            }
            TransportKind kind = switch (parts[0]) {
                case "udp" -> TransportKind.UDP;
                case "tcp" -> TransportKind.TCP;
                case "ssl" -> TransportKind.TLS;
                default -> throw new IllegalArgumentException("--listen " + spec + ": expected udp:, tcp: or ssl:");
            };
            return new Endpoint(spec, kind, port, address);
        }
    }
}
