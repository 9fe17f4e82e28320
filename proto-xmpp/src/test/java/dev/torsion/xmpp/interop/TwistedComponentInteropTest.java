package dev.torsion.xmpp.interop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.testing.Programs;
import dev.torsion.xmpp.server.component.ComponentServerFactory;
import dev.torsion.xmpp.support.Scripts;
import dev.torsion.xmpp.support.ServerFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python Twisted's component (twisted.words.protocols.jabber.component, python3-twisted) connecting
 * to our server's component listener (XEP-0114 handshake), and a Twisted client chatting with it
 * through our server: the client's message reaches the component, the component's echo reaches the
 * client.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class TwistedComponentInteropTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    static Path temp;
    static ServerFixture fixture;
    static ListeningPort components;
    static int componentPort;
    static Path script;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(temp);
        components = fixture.live.call(() -> fixture.live.reactor.listenTCP(0,
                new ComponentServerFactory(fixture.server, Map.of("echo.localhost", "s3cret"), fixture.live.reactor), 50, "127.0.0.1"));
        componentPort = ((IPv4Address) components.getHost()).port();
        script = Scripts.extract("twisted_component.py", temp);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.live.call(() -> components.stopListening());
        fixture.close();
    }

    @Test
    void aTwistedComponentEchoesToATwistedClient() throws Exception {
        Programs.require(PYTHON);
        String out = Programs.run(List.of(PYTHON, script.toString(), Integer.toString(componentPort), Integer.toString(fixture.port),
                fixture.tls.caFile().toString(), "localhost", "echo.localhost", "s3cret"));
        String json = out.lines().filter(line -> line.startsWith("{")).findFirst().orElse(out);
        for (String expected : List.of("\"ok\": true", "\"component\": \"accepted\"",
                "\"component_got\": [\"alice@localhost/twisted\", \"bot@echo.localhost\", \"hello component \\u00e9 <&>\"]",
                "\"alice_got\": [\"bot@echo.localhost\", \"echo: hello component \\u00e9 <&>\"]")) {
            assertTrue(json.contains(expected), () -> "missing " + expected + " in " + out);
        }
        // The component's process is gone: its route goes with its connection.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (fixture.live.call(() -> fixture.server.hasRoute("echo.localhost")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(fixture.live.call(() -> fixture.server.hasRoute("echo.localhost")), "the route outlived the component");
    }

    @Test
    void aWrongSecretIsRefused() throws Exception {
        Programs.require(PYTHON);
        ProcessBuilder builder = new ProcessBuilder(PYTHON, script.toString(), Integer.toString(componentPort),
                Integer.toString(fixture.port), fixture.tls.caFile().toString(), "localhost", "echo.localhost", "wrong")
                .redirectErrorStream(true);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "timed out");
        assertTrue(process.exitValue() == 1 && out.contains("\"ok\": false") && out.contains("not-authorized")
                && !out.contains("\"component\": \"accepted\""), out);
    }
}
