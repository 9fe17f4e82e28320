package dev.torsion.irc.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.IPAddress;
import dev.torsion.internet.ListeningPort;
import dev.torsion.irc.server.IrcServerConfig;
import dev.torsion.irc.server.IrcServerFactory;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.netty.testing.Programs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Real clients against our server on loopback: python3-irc (jaraco's {@code irc} package) and
 * Twisted's {@code twisted.words.protocols.irc.IRCClient}, two of each registering, joining,
 * setting modes and a topic, and messaging each other.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class PythonClientsInteropTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static LiveReactor live;
    private static ListeningPort port;

    @BeforeAll
    static void start() throws Exception {
        Programs.require(PYTHON);
        live = new LiveReactor();
        IrcServerConfig config = IrcServerConfig.of("irc.example.org").withMotd(List.of("Interop"));
        port = live.call(() -> live.reactor.listenTCP(0, new IrcServerFactory(config, live.reactor), 50, "127.0.0.1"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            live.call(() -> port.stopListening());
            live.close();
        }
    }

    private static String script(String name) throws Exception {
        return Path.of(PythonClientsInteropTest.class.getResource(name).toURI()).toString();
    }

    private static String portNumber() {
        return Integer.toString(((IPAddress) port.getHost()).port());
    }

    @Test
    void ircLibraryClientsRegisterJoinAndTalk() throws Exception {
        String out = Programs.run(List.of(PYTHON, script("irclib_clients.py"), "127.0.0.1", portNumber()));
        assertTrue(out.contains("welcome-alice Welcome to the Torsion IRC Network alice!~alice@127.0.0.1"), out);
        assertTrue(out.contains("names-bob @alice bob"), out);
        assertTrue(out.contains("pubmsg-bob alice:hello bob, how are you?"), out);
        assertTrue(out.contains("privmsg-alice bob:hi alice"), out);
        assertTrue(out.contains("mode-bob-0 alice:+m"), out);
        assertTrue(out.contains("mode-bob-1 alice:+v bob"), out);
        assertTrue(out.contains("topic-bob alice:interop topic"), out);
        assertTrue(out.endsWith("ok\n"), out);
    }

    @Test
    void twistedIrcClientsSignOnJoinAndTalk() throws Exception {
        String out = Programs.run(List.of(PYTHON, script("twisted_clients.py"), "127.0.0.1", portNumber()));
        assertTrue(out.contains("signedOn-carol irc.example.org"), out);
        assertTrue(out.contains("isupport-carol [('o', ('@', 0)), ('v', ('+', 1))]"), out);
        assertTrue(out.contains("joined-dave #tw"), out);
        assertTrue(out.contains("privmsg-dave carol:#tw:hello dave"), out);
        assertTrue(out.contains("privmsg-carol dave:carol:hi carol"), out);
        assertTrue(out.contains("topic-dave carol:twisted topic"), out);
        assertTrue(out.contains("mode-dave carol:+v:('dave',)"), out);
    }
}
