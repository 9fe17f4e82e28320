package dev.torsion.http.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.testing.MemoryReactor;
import dev.torsion.testing.StringTransport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebServerConfigTest {
    @Test
    void defaults() {
        WebServerConfig config = WebServerConfig.builder().build();
        assertEquals(List.of("tcp:8080"), config.listen());
        assertEquals(List.of("index.html", "index.htm"), config.indexNames());
    }

    @Test
    void anEndpointWithoutAKindIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> WebServerConfig.builder().listen("8080"));
    }

    @Test
    void tlsEndpointsGetTheDefaultKeysEscaped() {
        WebServerConfig config = WebServerConfig.builder().tls(Path.of("/a:b/c.pem"), Path.of("/k.pem")).build();
        assertEquals("ssl:8443:privateKey=/k.pem:certKey=/a\\:b/c.pem:alpn=h2,http/1.1", WebServer.withDefaultKeys("ssl:8443", config));
        assertEquals("ssl:1:privateKey=x:alpn=h2,http/1.1", WebServer.withDefaultKeys("ssl:1:privateKey=x", config));
        assertEquals("tcp:80", WebServer.withDefaultKeys("tcp:80", config));
    }

    @Test
    void tlsEndpointsOfferH2UnlessTheyNameTheirOwnAlpnOrHttp2IsOff() {
        WebServerConfig config = WebServerConfig.builder().build();
        assertEquals("ssl:1:privateKey=x:alpn=http/1.1", WebServer.withDefaultKeys("ssl:1:privateKey=x:alpn=http/1.1", config));
        assertEquals("ssl:1:privateKey=x", WebServer.withDefaultKeys("ssl:1:privateKey=x", WebServerConfig.builder().http2(null).build()));
    }

    /** What a factory's connection answers to the HTTP/2 preface: the server's SETTINGS, or HTTP/1.1's 505. */
    private static String answerToThePreface(ProtocolFactory factory) {
        StringTransport transport = new StringTransport();
        Protocol protocol = factory.buildProtocol(null);
        protocol.makeConnection(transport);
        protocol.dataReceived("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\0\0\0\4\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1));
        byte[] out = transport.value();
        return out.length > 9 && out[3] == 4 ? "SETTINGS" : new String(out, StandardCharsets.ISO_8859_1).split("\r\n")[0];
    }

    @Test
    void http2IsServedOnTlsByAlpnAndOnCleartextOnlyWhenAsked() {
        MemoryReactor reactor = new MemoryReactor();
        Site site = new Site(new Resource());
        WebServerConfig config = WebServerConfig.builder().build();
        assertEquals("SETTINGS", answerToThePreface(WebServer.factoryFor(site, "ssl:1:alpn=h2,http/1.1", config, reactor)));
        assertEquals("HTTP/1.1 505 HTTP Version Not Supported", answerToThePreface(WebServer.factoryFor(site, "ssl:1:alpn=http/1.1", config, reactor)));
        assertEquals("HTTP/1.1 505 HTTP Version Not Supported", answerToThePreface(WebServer.factoryFor(site, "tcp:80", config, reactor)));
        WebServerConfig cleartext = WebServerConfig.builder().http2Cleartext(true).build();
        assertEquals("SETTINGS", answerToThePreface(WebServer.factoryFor(site, "tcp:80", cleartext, reactor)));
        WebServerConfig off = WebServerConfig.builder().http2(null).http2Cleartext(true).build();
        assertEquals("HTTP/1.1 505 HTTP Version Not Supported", answerToThePreface(WebServer.factoryFor(site, "tcp:80", off, reactor)));
    }
}
