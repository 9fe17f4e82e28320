package dev.torsion.http.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebServerArgumentsTest {
    @Test
    void parsesEveryOption() {
        WebServerConfig config = WebServer.parseArguments("--listen", "tcp:8080:interface=127.0.0.1", "--port", "9090",
                "--https", "8443", "--certificate", "c.pem", "--private-key", "k.pem", "--path", "/srv", "--index", "home.html",
                "--mime-type", "foo=text/x-foo", "--access-log", "/tmp/a.log", "--no-listing");
        assertEquals(List.of("tcp:8080:interface=127.0.0.1", "tcp:9090", "ssl:8443"), config.listen());
        assertEquals(Path.of("/srv"), config.root());
        assertEquals(List.of("home.html"), config.indexNames());
        assertEquals(Map.of("foo", "text/x-foo"), config.mimeTypes());
        assertEquals(Path.of("/tmp/a.log"), config.accessLog());
        assertEquals(Path.of("c.pem"), config.certificate());
        assertEquals(false, config.listDirectories());
    }

    @Test
    void defaults() {
        WebServerConfig config = WebServer.parseArguments();
        assertEquals(List.of("tcp:8080"), config.listen());
        assertEquals(List.of("index.html", "index.htm"), config.indexNames());
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> WebServer.parseArguments("--certificate", "c.pem"));
        assertThrows(IllegalArgumentException.class, () -> WebServer.parseArguments("--bogus", "x"));
        assertThrows(IllegalArgumentException.class, () -> WebServer.parseArguments("--listen", "8080"));
        assertThrows(IllegalArgumentException.class, () -> WebServer.parseArguments("--mime-type", "nothing"));
    }

    @Test
    void tlsEndpointsGetTheDefaultKeysEscaped() {
        WebServerConfig config = WebServer.parseArguments("--certificate", "/a:b/c.pem", "--private-key", "/k.pem");
        assertEquals("ssl:8443:privateKey=/k.pem:certKey=/a\\:b/c.pem", WebServer.withDefaultKeys("ssl:8443", config));
        assertEquals("ssl:1:privateKey=x", WebServer.withDefaultKeys("ssl:1:privateKey=x", config));
        assertEquals("tcp:80", WebServer.withDefaultKeys("tcp:80", config));
    }
}
