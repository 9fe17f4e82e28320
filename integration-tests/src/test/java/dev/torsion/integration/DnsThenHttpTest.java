package dev.torsion.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.client.DnsCache;
import dev.torsion.dns.client.DnsClient;
import dev.torsion.dns.client.NameServer;
import dev.torsion.dns.client.Resolver;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.server.DnsDatagramProtocol;
import dev.torsion.dns.server.DnsServer;
import dev.torsion.dns.server.DnsTcpProtocol;
import dev.torsion.dns.server.ZoneAuthority;
import dev.torsion.dns.zone.ZoneFileParser;
import dev.torsion.http.client.Agent;
import dev.torsion.http.client.AgentConfig;
import dev.torsion.http.web.WebServer;
import dev.torsion.http.web.WebServerConfig;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two protocols on one epoll reactor over real sockets: a host name served by Torsion's DNS
 * server (SRV and A records of a zone file) is resolved by Torsion's resolver, and the page is
 * then fetched from Torsion's web server at the address and port the DNS gave.
 */
class DnsThenHttpTest {
    @TempDir
    Path temp;

    @Test
    void theResolvedServiceServesThePage() throws Exception {
        Path www = Files.createDirectory(temp.resolve("www"));
        Files.writeString(www.resolve("hello.txt"), "found by DNS");
        try (ReactorThread reactor = ReactorThread.start("epoll")) {
            WebServer web = reactor.await(() -> WebServer.start(reactor.reactor(),
                    WebServerConfig.builder().listen("tcp:0:interface=127.0.0.1").root(www).build()));
            int httpPort = ((IPv4Address) web.ports().get(0).getHost()).port();
            DnsServer dns = new DnsServer(List.of(new ZoneAuthority(ZoneFileParser.parse(
                    "$TTL 60\n@ SOA ns hostmaster 1 60 10 100 30\n@ NS ns\nns A 127.0.0.1\nweb A 127.0.0.1\n"
                            + "_http._tcp SRV 0 1 " + httpPort + " web\n",
                    Name.parse("example.test."), DnsLimits.DEFAULTS), DnsLimits.DEFAULTS)), null, DnsLimits.DEFAULTS,
                    peer -> false);
            ListeningPort udp = reactor.call(() -> reactor.reactor().listenUDP(0, new DnsDatagramProtocol(dns), "127.0.0.1", 65535));
            int dnsPort = ((IPv4Address) udp.getHost()).port();
            reactor.call(() -> reactor.reactor().listenTCP(dnsPort, address -> new DnsTcpProtocol(dns, reactor.reactor()), 50,
                    "127.0.0.1"));
            Resolver resolver = new Resolver(new DnsClient(reactor.reactor(), List.of(new NameServer("127.0.0.1", dnsPort)),
                    DnsLimits.DEFAULTS), null, new DnsCache(reactor.reactor(), 100, 3600));

            String srv = reactor.await(() -> resolver.lookupService("_http._tcp.example.test"))
                    .answers().get(0).data().toString();
            assertEquals("0 1 " + httpPort + " web.example.test.", srv);
            String address = reactor.await(() -> resolver.getHostByName("web.example.test"));
            assertEquals("127.0.0.1", address);

            Agent agent = reactor.call(() -> new Agent(reactor.reactor(), AgentConfig.DEFAULT));
            byte[] body = reactor.await(() -> agent.request("GET", "http://" + address + ":" + httpPort + "/hello.txt", null, null)
                    .addCallbackDeferred(Agent::readBody));
            assertEquals("found by DNS", new String(body, StandardCharsets.UTF_8));
            reactor.await(web::stop);
        }
    }
}
