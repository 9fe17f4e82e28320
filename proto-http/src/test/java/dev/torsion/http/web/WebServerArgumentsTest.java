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
    void listSpecs() {
        assertEquals(new ListenSpec(false, 8080, "", 50, null, null), ListenSpec.parse("tcp:8080"));
        assertEquals(new ListenSpec(false, 81, "::1", 7, null, null), ListenSpec.parse("tcp:port=81:interface=\\:\\:1:backlog=7"));
        assertEquals(new ListenSpec(true, 443, "", 50, Path.of("k.pem"), Path.of("c.pem")),
                ListenSpec.parse("ssl:443:privateKey=k.pem:certKey=c.pem"));
        for (String bad : new String[] {"udp:53", "tcp", "tcp:http", "tcp:70000", "tcp:1:bogus=2", "tcp:1:privateKey=k"}) {
            assertThrows(IllegalArgumentException.class, () -> ListenSpec.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> WebServer.parseArguments("--certificate", "c.pem"));
        assertThrows(IllegalArgumentException.class, () -> WebServer.parseArguments("--bogus", "x"));
    }
}
