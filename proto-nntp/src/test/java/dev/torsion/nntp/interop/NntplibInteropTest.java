package dev.torsion.nntp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.netty.testing.Programs;
import dev.torsion.nntp.parse.Article;
import dev.torsion.nntp.parse.ArticleParser;
import dev.torsion.nntp.server.FileSpool;
import dev.torsion.nntp.server.NewsRealm;
import dev.torsion.nntp.server.NntpServerConfig;
import dev.torsion.nntp.server.NntpServerFactory;
import dev.torsion.nntp.support.TlsFixture;
import dev.torsion.nntp.support.Wire;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's nntplib (Python 3.11, Debian's /usr/bin/python3) against our server over real
 * sockets: capabilities, STARTTLS (RFC 4642) and AUTHINFO, LIST, GROUP, OVER, ARTICLE, HEAD, BODY,
 * STAT, NEXT, LAST, XHDR, POST with a dot-stuffed line, NEWNEWS, NEWGROUPS, QUIT.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class NntplibInteropTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    static Path dir;

    private static LiveReactor live;
    private static ListeningPort port;
    private static TlsFixture tls;

    @BeforeAll
    static void start() throws Exception {
        Programs.require(PYTHON);
        live = new LiveReactor();
        tls = new TlsFixture(Files.createDirectories(dir.resolve("tls")));
        FileSpool spool = FileSpool.open(dir.resolve("spool"), live.reactor);
        spool.createGroup("comp.lang.java", "The Java language");
        spool.createGroup("alt.test", "Tests");
        // Stored one after the other (each runs on the reactor's thread pool), so they are numbered 1 and 2.
        for (String text : List.of(Wire.FIRST, Wire.SECOND)) {
            Article article = ArticleParser.parse(text.getBytes(StandardCharsets.UTF_8), 100);
            live.await(() -> spool.store(article));
        }
        Portal portal = new Portal(new NewsRealm(), new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice", "secret"));
        NntpServerConfig config = NntpServerConfig.of("news.example.org", spool).withPortal(portal, false)
                .withStartTls(tls.serverOptions);
        port = live.call(() -> live.reactor.listenTCP(0, new NntpServerFactory(config, live.reactor), 50, "127.0.0.1"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            live.await(() -> port.stopListening());
            live.close();
        }
    }

    @Test
    void readsLogsInOverTlsAndPosts() throws Exception {
        Path script = dir.resolve("nntplib_session.py");
        try (InputStream in = getClass().getResourceAsStream("/dev/torsion/nntp/interop/nntplib_session.py")) {
            Files.copy(in, script);
        }
        int number = ((IPAddress) port.getHost()).port();
        String output = Programs.run(List.of(PYTHON, script.toString(), "127.0.0.1", Integer.toString(number), tls.caFile().toString()));
        Map<String, String> steps = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                steps.merge(line.substring(0, colon), line.substring(colon + 2), (a, b) -> a + "\n" + b);
            }
        }
        assertEquals("200 news.example.org Torsion NNTP service ready", steps.get("welcome"), output);
        assertEquals("AUTHINFO HDR IHAVE IMPLEMENTATION LIST NEWNEWS OVER POST READER STARTTLS STREAMING VERSION", steps.get("caps"), output);
        assertTrue(steps.get("tls").startsWith("TLSv1."), output);
        assertEquals("ok", steps.get("login"), output);
        assertEquals("alt.test:0:1:y,comp.lang.java:2:1:y", steps.get("list"), output);
        assertEquals("The Java language", steps.get("description"), output);
        assertEquals("2 1 2 comp.lang.java", steps.get("group"), output);
        assertEquals("1 First <first@example.org> 2\n2 Re: First <second@example.org> 1", steps.get("over"), output);
        assertEquals("1 <first@example.org> 9", steps.get("article"), output);
        assertEquals("Hello|.dotted", steps.get("body"), output);
        assertEquals("2 7", steps.get("head"), output);
        assertEquals("2", steps.get("stat"), output);
        assertEquals("1", steps.get("last"), output);
        assertEquals("2", steps.get("next"), output);
        assertEquals("1=First|2=Re: First", steps.get("xhdr"), output);
        assertTrue(steps.get("post").startsWith("240 "), output);
        assertEquals("3 1 3", steps.get("group2"), output);
        assertEquals(".a line starting with a dot|second line", steps.get("posted"), output);
        assertEquals("<first@example.org>,<second@example.org>,<nntplib-1@example.org>", steps.get("newnews"), output);
        assertEquals("alt.test,comp.lang.java", steps.get("newgroups"), output);
        assertEquals("430", steps.get("missing"), output);
        assertTrue(steps.get("quit").startsWith("205"), output);
        String stored = Files.readString(dir.resolve("spool/articles/comp/lang/java/3"));
        assertTrue(stored.startsWith("Path: news.example.org!not-for-mail\r\n"), stored);
        assertTrue(stored.endsWith("\r\n\r\n.a line starting with a dot\r\nsecond line\r\n"), stored);
    }
}
