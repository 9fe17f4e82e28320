package dev.torsion.plugin.dns;

import dev.torsion.app.RunnerPlugin;
import dev.torsion.app.service.MultiService;
import dev.torsion.app.service.ServerEndpoints;
import dev.torsion.app.service.Service;
import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.client.DnsCache;
import dev.torsion.dns.client.DnsClient;
import dev.torsion.dns.client.HostsFile;
import dev.torsion.dns.client.IterativeResolver;
import dev.torsion.dns.client.NameServer;
import dev.torsion.dns.client.ResolvConf;
import dev.torsion.dns.client.Resolver;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.server.Authority;
import dev.torsion.dns.server.DnsDatagramProtocol;
import dev.torsion.dns.server.DnsServer;
import dev.torsion.dns.server.DnsTcpProtocol;
import dev.torsion.dns.server.HostsAuthority;
import dev.torsion.dns.server.ResponseRateLimiter;
import dev.torsion.dns.server.SecondaryZone;
import dev.torsion.dns.server.ServerCookies;
import dev.torsion.dns.server.ZoneAuthority;
import dev.torsion.dns.zone.Zone;
import dev.torsion.dns.zone.ZoneFileParser;
import dev.torsion.internet.Address;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.IPv6Address;
import dev.torsion.internet.Reactor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code torsion dns --port 5353 --zone example.org=example.org.zone --hosts-file /etc/hosts
 * --forward 127.0.0.1:5300 --cache}: Twisted's {@code twistd dns}. Zone and hosts files are read
 * when the service is made, before the reactor runs.
 */
public final class DnsPlugin implements RunnerPlugin {
    private static final Logger LOG = LoggerFactory.getLogger(DnsPlugin.class);
    private final DnsOptions options = new DnsOptions();

    @Override
    public String name() {
        return "dns";
    }

    @Override
    public String description() {
        return "A DNS server: zone files, a hosts file, forwarding with a cache, UDP and TCP (twistd dns).";
    }

    @Override
    public Object options() {
        return options;
    }

    @Override
    public Service makeService(Reactor reactor) throws Exception {
        DnsLimits limits = DnsLimits.DEFAULTS.withUdpPayloadSize(options.udpPayload);
        List<Authority> authorities = new ArrayList<>();
        for (String zone : options.zones) {
            authorities.add(loadZone(zone, limits));
        }
        for (Path file : options.bindZones) {
            authorities.add(loadZone(file.toString(), limits));
        }
        List<SecondaryZone> secondaries = new ArrayList<>();
        for (String spec : options.secondaries) {
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--secondary takes NAME=IP[:PORT], not " + spec);
            }
            SecondaryZone secondary = new SecondaryZone(reactor, reactor, Name.parse(spec.substring(0, eq)),
                    NameServer.parse(spec.substring(eq + 1)), limits);
            secondaries.add(secondary);
            authorities.add(secondary.authority());
        }
        HostsFile hosts = options.hostsFile == null ? null : HostsFile.load(options.hostsFile);
        if (hosts != null) {
            authorities.add(new HostsAuthority(hosts));
        }
        Authority upstream = upstream(reactor, limits);
        if (authorities.isEmpty() && upstream == null) {
            throw new IllegalArgumentException("nothing to serve: give --zone, --bindzone, --secondary, --hosts-file, --forward or --recursive");
        }
        DnsServer server = new DnsServer(authorities, upstream, limits, allowed(options.allowTransfer))
                .setRecursionAllowed(allowed(options.allowRecursion));
        secondaries.forEach(server::addSecondary);
        if (!options.noCookies) {
            server.setCookies(new ServerCookies());
        }
        if (options.rateLimit != null) {
            // BIND's RRL default: slip 2, so half the limited clients still learn to retry over TCP.
            server.setRateLimiter(new ResponseRateLimiter(reactor, new ResponseRateLimiter.Config(options.rateLimit, 2, 100_000)));
        }
        MultiService dns = new MultiService();
        dns.setName("dns");
        for (SecondaryZone secondary : secondaries) {
            new SecondaryService(secondary).setServiceParent(dns);
        }
        new UdpListeningService(reactor, options.port, options.interfaceAddress, new DnsDatagramProtocol(server))
                .setServiceParent(dns);
        String tcp = "tcp:" + options.port + (options.interfaceAddress.isEmpty() ? ""
                : ":interface=" + options.interfaceAddress.replace(":", "\\:"));
        ServerEndpoints.listen(reactor, tcp, address -> new DnsTcpProtocol(server, reactor)).setServiceParent(dns);
        for (String endpoint : options.listen) {
            if (endpoint.startsWith("udp:")) {
                udpService(reactor, endpoint, server).setServiceParent(dns);
            } else {
                ServerEndpoints.listen(reactor, endpoint, address -> new DnsTcpProtocol(server, reactor)).setServiceParent(dns);
            }
        }
        return dns;
    }

    /** {@code udp:PORT[:interface=IP]}: the runner's endpoint strings are for streams, so UDP is parsed here. */
    private static UdpListeningService udpService(Reactor reactor, String endpoint, DnsServer server) {
        String[] parts = endpoint.split(":", 3);
        if (parts.length < 2 || !parts[1].matches("\\d+")) {
            throw new IllegalArgumentException("a UDP endpoint is udp:PORT[:interface=IP], not " + endpoint);
        }
        String address = "";
        if (parts.length == 3) {
            if (!parts[2].startsWith("interface=")) {
                throw new IllegalArgumentException("a UDP endpoint takes only interface=IP: " + endpoint);
            }
            address = parts[2].substring("interface=".length()).replace("\\:", ":");
        }
        return new UdpListeningService(reactor, Integer.parseInt(parts[1]), address, new DnsDatagramProtocol(server));
    }

    private static ZoneAuthority loadZone(String spec, DnsLimits limits) throws Exception {
        int eq = spec.indexOf('=');
        Name origin = eq > 0 ? Name.parse(spec.substring(0, eq)) : null;
        Path file = Path.of(eq > 0 ? spec.substring(eq + 1) : spec);
        Zone zone = ZoneFileParser.load(file, origin, limits);
        LOG.info("zone {} loaded from {}: {} records, serial {}", zone.origin(), file, zone.size(),
                zone.soa().data().number(2));
        return new ZoneAuthority(zone, limits);
    }

    private Authority upstream(Reactor reactor, DnsLimits limits) throws Exception {
        DnsCache cache = options.cache ? new DnsCache(reactor, limits.maxCacheEntries(), limits.maxNegativeTtl()) : null;
        if (options.recursive && !options.rootHints.isEmpty()) {
            List<NameServer> hints = options.rootHints.stream().map(NameServer::parse).toList();
            return new IterativeResolver(reactor, hints.stream().map(NameServer::host).toList(), hints.get(0).port(), limits,
                    cache);
        }
        List<NameServer> servers = new ArrayList<>();
        for (String forward : options.forward) {
            servers.add(NameServer.parse(forward));
        }
        if (servers.isEmpty() && options.recursive) {
            servers.addAll(ResolvConf.load(options.resolvConf).servers());
        }
        if (servers.isEmpty()) {
            return null;
        }
        return new Resolver(new DnsClient(reactor, servers, limits), null, cache);
    }

    /** Peers by address; empty: loopback only; "any": everyone. */
    private static Predicate<Address> allowed(List<String> addresses) {
        if (addresses.contains("any")) {
            return peer -> true;
        }
        Set<String> allowed = new HashSet<>(addresses);
        if (allowed.isEmpty()) {
            allowed.addAll(List.of("127.0.0.1", "::1", "0:0:0:0:0:0:0:1"));
        }
        return peer -> (peer instanceof IPv4Address a && allowed.contains(a.host()))
                || (peer instanceof IPv6Address a6 && allowed.contains(a6.host()));
    }
}
