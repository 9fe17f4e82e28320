package dev.torsion.http.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        assertEquals("ssl:8443:privateKey=/k.pem:certKey=/a\\:b/c.pem", WebServer.withDefaultKeys("ssl:8443", config));
        assertEquals("ssl:1:privateKey=x", WebServer.withDefaultKeys("ssl:1:privateKey=x", config));
        assertEquals("tcp:80", WebServer.withDefaultKeys("tcp:80", config));
    }
}
