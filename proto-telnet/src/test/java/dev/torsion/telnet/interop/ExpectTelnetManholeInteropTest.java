package dev.torsion.telnet.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Reactor;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.telnet.TelnetLimits;
import dev.torsion.telnet.manhole.ManholeNamespace;
import dev.torsion.telnet.manhole.ManholeRealm;
import dev.torsion.telnet.manhole.ManholeServer;
import dev.torsion.telnet.support.Programs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manhole on a real reactor, driven by the real {@code telnet} client under {@code expect}:
 * a refused password, a login, {@code 1+1} answered 2, a snippet that changes a server object,
 * Ctrl-D to leave.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class ExpectTelnetManholeInteropTest {
    private static final String EXPECT = "/usr/bin/expect";
    private static final String TELNET = "/usr/bin/telnet";
    private static final List<String> PROBE = new CopyOnWriteArrayList<>();
    private static LiveReactor live;
    private static ListeningPort port;

    @BeforeAll
    static void start() throws Exception {
        Programs.require(EXPECT);
        Programs.require(TELNET);
        live = new LiveReactor();
        Portal portal = new Portal(new ManholeRealm(), live.reactor,
                new InMemoryUsernamePasswordDatabaseDontUse().addUser("admin", "secret"));
        ManholeNamespace namespace = ManholeNamespace.empty().bind("reactor", Reactor.class, live.reactor)
                .bind("probe", List.class, PROBE);
        port = live.call(() -> live.reactor.listenTCP(0,
                ManholeServer.telnetFactory(live.reactor, portal, namespace, TelnetLimits.DEFAULT, false),
                50, "127.0.0.1"));
    }

    @AfterAll
    static void stop() throws Exception {
        live.call(() -> port.stopListening());
        live.close();
    }

    @Test
    void telnetLogsInEvaluatesAndLeaves(@TempDir Path dir) throws Exception {
        int tcp = ((IPAddress) port.getHost()).port();
        Path script = dir.resolve("manhole.exp");
        Files.writeString(script, String.join("\n",
                "set timeout 20",
                "spawn " + TELNET + " 127.0.0.1 " + tcp,
                "expect_after { timeout { puts \"\\nTIMEOUT\"; exit 2 } eof { puts \"\\nEOF\"; exit 3 } }",
                "expect \"login: \"",
                "send \"admin\\r\"",
                "expect \"Password: \"",
                "send \"wrong\\r\"",
                "expect \"Login incorrect\"",
                "expect \"login: \"",
                "send \"admin\\r\"",
                "expect \"Password: \"",
                "send \"secret\\r\"",
                "expect \"jshell> \"",
                "send \"1+1\\r\"",
                "expect -re {\\$[0-9]+ ==> 2}",
                "expect \"jshell> \"",
                "send \"probe.add(\\\"from telnet \\\" + reactor.kind())\\r\"",
                "expect \"==> true\"",
                "expect \"jshell> \"",
                "send \"\\004\"",
                "expect_after",
                "expect { timeout { exit 4 } eof {} }",
                "puts \"\\nDONE\"",
                ""));
        Programs.Result result = Programs.run(List.of(EXPECT, script.toString()), Map.of("TERM", "xterm"));
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("Connection closed by foreign host"), result.output());
        assertEquals(List.of("from telnet " + live.reactor.kind()), PROBE);
    }
}
