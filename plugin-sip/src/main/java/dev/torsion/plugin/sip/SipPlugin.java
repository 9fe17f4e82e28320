package dev.torsion.plugin.sip;

import dev.torsion.app.RunnerPlugin;
import dev.torsion.app.service.MultiService;
import dev.torsion.app.service.ServerEndpoints;
import dev.torsion.app.service.Service;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.client.DnsCache;
import dev.torsion.dns.client.DnsClient;
import dev.torsion.dns.client.HostsFile;
import dev.torsion.dns.client.NameServer;
import dev.torsion.dns.client.ResolvConf;
import dev.torsion.dns.client.Resolver;
import dev.torsion.internet.Reactor;
import dev.torsion.sip.SipLimits;
import dev.torsion.sip.auth.DigestAlgorithm;
import dev.torsion.sip.auth.DigestAuthenticator;
import dev.torsion.sip.locate.DnsSipResolver;
import dev.torsion.sip.locate.ServerLocator;
import dev.torsion.sip.locate.SrvOrdering;
import dev.torsion.sip.proxy.SipServer;
import dev.torsion.sip.registrar.MemoryLocationService;
import dev.torsion.sip.transaction.TimerSettings;
import dev.torsion.sip.transport.TransportKind;
import dev.torsion.tls.TlsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code torsion sip --listen udp:5060:interface=127.0.0.1 --listen tcp:5060:interface=127.0.0.1
 * --domain example.org [--auth file:PATH]}: a registrar and stateful proxy. UDP ports ask for a
 * receive buffer of 4 MiB unless {@code :receiveBuffer=SIZE} says otherwise ({@link SipEndpoint}).
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
        List<SipEndpoint> endpoints = new ArrayList<>();
        for (String spec : options.listen) {
            endpoints.add(SipEndpoint.parse(spec));
        }
        String advertise = options.advertise != null ? options.advertise
                : endpoints.stream().map(SipEndpoint::interfaceAddress).filter(a -> !a.isEmpty()).findFirst().orElse("127.0.0.1");
        SipServer server = new SipServer(reactor, reactor, options.domain, advertise, SipLimits.DEFAULTS,
                new TimerSettings(Duration.ofMillis(options.t1), Duration.ofMillis(options.t2), Duration.ofMillis(options.t4)),
                new MemoryLocationService(), authenticator(reactor));
        // Requests to sips: and transport=tls targets go over TLS, verified against the system's CAs.
        server.transport().setClientTls(TlsOptions::client);
        server.proxy().setLocator(new ServerLocator(new DnsSipResolver(resolver(reactor)), SrvOrdering.random(), true,
                SipLimits.DEFAULTS.maxLocatedTargets()));
        MultiService sip = new MultiService();
        sip.setName("sip");
        for (SipEndpoint endpoint : endpoints) {
            switch (endpoint.kind()) {
                case UDP -> new SipListeningService(endpoint.spec(),
                        () -> server.listenUdp(endpoint.port(), endpoint.interfaceAddress(), endpoint.receiveBuffer())).setServiceParent(sip);
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

    /**
     * The DNS resolver of RFC 3263 lookups: the --resolver servers (no hosts file: they answer
     * everything), else those of /etc/resolv.conf with /etc/hosts; answers cached.
     */
    private Resolver resolver(Reactor reactor) throws IOException {
        List<NameServer> servers = new ArrayList<>();
        for (String text : options.resolvers) {
            servers.add(NameServer.parse(text));
        }
        HostsFile hosts = null;
        if (servers.isEmpty()) {
            Path resolvConf = Path.of("/etc/resolv.conf");
            servers.addAll((Files.isReadable(resolvConf) ? ResolvConf.load(resolvConf) : ResolvConf.parse("")).servers());
            Path hostsFile = Path.of("/etc/hosts");
            hosts = Files.isReadable(hostsFile) ? HostsFile.load(hostsFile) : null;
        }
        DnsLimits limits = DnsLimits.DEFAULTS;
        return new Resolver(new DnsClient(reactor, servers, limits), hosts,
                new DnsCache(reactor, limits.maxCacheEntries(), limits.maxNegativeTtl()));
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
}
