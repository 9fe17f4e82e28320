package dev.torsion.nntp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.IPAddress;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.netty.testing.FreePorts;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.netty.testing.Programs;
import dev.torsion.nntp.client.GroupStatus;
import dev.torsion.nntp.client.NntpClient;
import dev.torsion.nntp.client.NntpClientException;
import dev.torsion.nntp.client.NntpResponse;
import dev.torsion.nntp.server.FileSpool;
import dev.torsion.nntp.server.NntpServerConfig;
import dev.torsion.nntp.server.NntpServerFactory;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * INN 2.7 ({@code inn2}) and Torsion exchanging articles on loopback, both ways, by IHAVE and by
 * streaming (RFC 4644): our client feeds INN's innd and reads the article back from INN's nnrpd
 * (streamed to a consumer); INN's innxmit feeds our server from INN's outgoing batch, streaming and
 * (with {@code -s}) by IHAVE. INN runs in the foreground from a private directory
 * (its own inn.conf through INNCONF, on a free port), as the news user when the test runs as root.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class InnInteropTest {
    private static final String BIN = "/usr/lib/news/bin/";
    private static final String NEWS_USER = "news";

    private static Path inn;
    private static Path ours;
    private static int innPort;
    private static Process innd;
    private static LiveReactor live;
    private static ListeningPort port;
    private static FileSpool spool;

    @BeforeAll
    static void start() throws Exception {
        Programs.require(BIN + "innd");
        Programs.require(BIN + "innxmit");
        inn = Files.createTempDirectory("torsion-inn");
        Files.setPosixFilePermissions(inn, PosixFilePermissions.fromString("rwxr-xr-x"));
        innPort = FreePorts.tcp();
        configureInn();
        runAsNews(List.of(BIN + "makedbz", "-i", "-o", "-f", "history"), inn.resolve("db"));
        innd = asNews(List.of(BIN + "innd", "-d", "-f"), inn).redirectErrorStream(true)
                .redirectOutput(inn.resolve("innd.out").toFile()).start();
        waitForPort(innPort);

        live = new LiveReactor();
        ours = Files.createTempDirectory("torsion-ours");
        spool = FileSpool.open(ours, live.reactor);
        spool.createGroup("comp.lang.java", "The Java language");
        NntpServerConfig config = NntpServerConfig.of("news.example.org", spool);
        port = live.call(() -> live.reactor.listenTCP(0, new NntpServerFactory(config, live.reactor), 50, "127.0.0.1"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            live.await(() -> port.stopListening());
            live.close();
        }
        if (innd != null) {
            try {
                runAsNews(List.of(BIN + "ctlinnd", "-t", "10", "shutdown", "test over"), inn);
            } finally {
                Path pid = inn.resolve("run/innd.pid");
                if (Files.exists(pid)) {
                    ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
                }
                innd.destroy();
                innd.waitFor(15, TimeUnit.SECONDS);
                delete(inn);
                delete(ours);
            }
        }
    }

    @Test
    void articlesGoBothWaysByIhaveAndStreaming() throws Exception {
        String now = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        String unique = Long.toString(System.nanoTime(), 36);
        String fromUs = "<ours-" + unique + "@news.example.org>";
        String fromElsewhere = "<far-" + unique + "@far.example.org>";

        // Ours to INN: our client feeds innd by IHAVE (RFC 3977 §6.3.2).
        NntpClient feeder = connect(innPort);
        assertTrue(live.await(feeder::greeting).text().contains("INN"));
        assertEquals(235, live.await(() -> feeder.ihave(fromUs, article("news.example.org!not-for-mail", fromUs, now, "from Torsion"))).code());
        assertEquals(235, live.await(() -> feeder.ihave(fromElsewhere, article("far.example.org!not-for-mail", fromElsewhere, now,
                ".a dotted line from far away"))).code());
        NntpClientException again = assertThrows(NntpClientException.class,
                () -> live.await(() -> feeder.ihave(fromUs, article("x", fromUs, now, "again"))));
        assertEquals(435, again.code(), "INN has it already");
        live.await(feeder::quit);

        // Reading from INN's nnrpd with our client, the article streamed.
        NntpClient reader = connect(innPort);
        live.await(reader::greeting);
        live.await(reader::modeReader);
        GroupStatus group = live.await(() -> reader.group("comp.lang.java"));
        assertEquals(2, group.count());
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        NntpResponse response = live.await(() -> reader.article(fromUs, streamed::writeBytes));
        assertEquals(220, response.code());
        String text = streamed.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Path: inn.example.org!news.example.org!not-for-mail\r\n"), text);
        assertTrue(text.endsWith("\r\n\r\nfrom Torsion\r\n"), text);
        assertEquals(2, live.await(() -> reader.over("1-")).size());
        live.await(reader::quit);

        // INN to ours: innd batches for the feed "torsion"; innxmit negotiates streaming (MODE STREAM, CHECK, TAKETHIS).
        runAsNews(innxmit(batch("first"), false), inn);
        String streamedDialogue = Files.readString(inn.resolve("command.out"));
        assertTrue(streamedDialogue.contains("< 203 ") && streamedDialogue.contains("< 239 " + fromElsewhere),
                "innxmit streamed: " + streamedDialogue);
        assertTrue(live.await(() -> spool.has(fromElsewhere)), "innxmit fed the article to our server");
        assertFalse(live.await(() -> spool.has(fromUs)), "INN does not feed back what came from us (its Path names us)");
        String stored = new String(live.await(() -> spool.article(fromElsewhere)).orElseThrow().article().bytes(), StandardCharsets.UTF_8);
        assertTrue(stored.startsWith("Path: news.example.org!inn.example.org!far.example.org!not-for-mail\r\n"), stored);
        assertTrue(stored.endsWith("\r\n\r\n.a dotted line from far away\r\n"), stored);
        assertTrue(stored.contains("\r\nXref: inn.example.org comp.lang.java:"), stored);

        // Our client streams to innd (CHECK, TAKETHIS); innxmit -s feeds us by plain IHAVE.
        String flowing = "<stream-" + unique + "@far.example.org>";
        NntpClient streamer = connect(innPort);
        live.await(streamer::greeting);
        assertEquals(203, live.await(streamer::modeStream).code());
        assertEquals(238, live.await(() -> streamer.check(flowing)).code());
        assertEquals("239 " + flowing, live.await(() -> streamer.takeThis(flowing,
                article("far.example.org!not-for-mail", flowing, now, "streamed"))).toString());
        assertEquals(438, assertThrows(NntpClientException.class, () -> live.await(() -> streamer.check(flowing))).code());
        live.await(streamer::quit);
        runAsNews(innxmit(batch("second"), true), inn);
        String ihaveDialogue = Files.readString(inn.resolve("command.out"));
        assertTrue(ihaveDialogue.contains("> IHAVE " + flowing) && ihaveDialogue.contains("< 235 "), "innxmit -s used IHAVE: " + ihaveDialogue);
        assertTrue(live.await(() -> spool.has(flowing)), "innxmit -s fed the article to our server: "
                + Files.readString(inn.resolve("command.out")));
    }

    /** The feed's batch so far, as INN's nntpsend takes it: renamed, then innd flushed to it and reopening its own. */
    private static Path batch(String name) throws Exception {
        Path work = inn.resolve("spool/outgoing/torsion." + name);
        Files.move(inn.resolve("spool/outgoing/torsion"), work);
        runAsNews(List.of(BIN + "ctlinnd", "-t", "10", "flush", "torsion"), inn);
        return work;
    }

    /** innxmit to our server; {@code ihaveOnly} adds -s, which turns its MODE STREAM attempt off. */
    private static List<String> innxmit(Path batch, boolean ihaveOnly) {
        int ourPort = ((IPAddress) port.getHost()).port();
        List<String> command = new ArrayList<>(List.of(BIN + "innxmit", "-d", "-P", Integer.toString(ourPort)));
        if (ihaveOnly) {
            command.add("-s");
        }
        command.addAll(List.of("127.0.0.1", batch.toString()));
        return command;
    }

    private static byte[] article(String path, String id, String date, String body) {
        return ("Path: " + path + "\r\nFrom: Tester <tester@example.org>\r\nNewsgroups: comp.lang.java\r\nSubject: exchange " + id
                + "\r\nDate: " + date + "\r\nMessage-ID: " + id + "\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static NntpClient connect(int portNumber) throws Exception {
        NntpClient client = new NntpClient();
        live.await(() -> Endpoints.connectProtocol(Endpoints.clientFromString(live.reactor, "tcp:127.0.0.1:" + portNumber), client));
        return client;
    }

    // ---------------------------------------------------------------- INN in a private directory

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void configureInn() throws Exception {
        for (String sub : List.of("etc", "db", "run", "log", "tmp", "http", "spool/articles", "spool/overview", "spool/incoming",
                "spool/outgoing", "spool/archive")) {
            Files.createDirectories(inn.resolve(sub));
        }
        String user = root() ? NEWS_USER : System.getProperty("user.name");
        String conf = """
                domain: example.org
                pathhost: inn.example.org
                server: 127.0.0.1
                organization: "Torsion interop"
                mta: "/bin/true"
                runasuser: %1$s
                runasgroup: %1$s
                pathnews: /usr/lib/news
                pathbin: /usr/lib/news/bin
                pathfilter: /etc/news/filter
                pathcontrol: /usr/lib/news/bin/control
                pathetc: %2$s/etc
                pathdb: %2$s/db
                pathrun: %2$s/run
                pathspool: %2$s/spool
                pathlog: %2$s/log
                pathtmp: %2$s/tmp
                pathhttp: %2$s/http
                pathincoming: %2$s/spool/incoming
                patharticles: %2$s/spool/articles
                pathoverview: %2$s/spool/overview
                pathoutgoing: %2$s/spool/outgoing
                patharchive: %2$s/spool/archive
                port: %3$d
                bindaddress: 127.0.0.1
                ovmethod: tradindexed
                hismethod: hisv6
                enableoverview: true
                wireformat: true
                checkincludedtext: false
                nnrpdcheckart: false
                nnrpdloadlimit: 0
                """.formatted(user, inn, innPort);
        Path etc = inn.resolve("etc");
        Files.writeString(etc.resolve("inn.conf"), conf);
        Files.writeString(etc.resolve("storage.conf"), "method tradspool {\n    newsgroups: *\n    class: 0\n}\n");
        // The feed "torsion" batches comp.* for innxmit, except what already passed through us.
        Files.writeString(etc.resolve("newsfeeds"), "ME:*,!junk,!control*::\ntorsion/news.example.org:comp.*:Tf,Wnm:\n");
        Files.writeString(etc.resolve("incoming.conf"), "peer ME {\n    hostname: \"localhost, 127.0.0.1\"\n}\n");
        Files.writeString(etc.resolve("readers.conf"), "auth all {\n    hosts: \"*\"\n    default: \"<reader>\"\n}\n"
                + "access all {\n    users: \"*\"\n    newsgroups: \"*\"\n}\n");
        for (String name : List.of("control.ctl", "expire.ctl", "distrib.pats", "distributions", "moderators", "inn-secrets.conf")) {
            Path source = Path.of("/etc/news", name);
            if (Files.exists(source)) {
                Files.copy(source, etc.resolve(name));
            }
        }
        Files.writeString(inn.resolve("db/active"), "comp.lang.java 0000000000 0000000001 y\njunk 0000000000 0000000001 n\n"
                + "control 0000000000 0000000001 n\ncontrol.cancel 0000000000 0000000001 n\n");
        for (String name : List.of("active.times", "newsgroups", "history")) {
            Files.writeString(inn.resolve("db").resolve(name), "");
        }
        if (root()) {
            Programs.run(List.of("/bin/chown", "-R", NEWS_USER + ":" + NEWS_USER, inn.toString()));
        }
    }

    private static ProcessBuilder asNews(List<String> command, Path directory) {
        List<String> full = new ArrayList<>();
        if (root()) {
            full.addAll(List.of("/usr/sbin/runuser", "-u", NEWS_USER, "--"));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).directory(directory.toFile());
        builder.environment().put("INNCONF", inn.resolve("etc/inn.conf").toString());
        return builder;
    }

    private static void runAsNews(List<String> command, Path directory) throws Exception {
        File log = inn.resolve("command.out").toFile();
        Process process = asNews(command, directory).redirectErrorStream(true).redirectOutput(log).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "timed out: " + command);
        assertEquals(0, process.exitValue(), command + " failed: " + Files.readString(log.toPath()));
    }

    private static void waitForPort(int portNumber) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", portNumber)) {
                return;
            } catch (ConnectException notYet) {
                if (System.nanoTime() > deadline || !innd.isAlive()) {
                    throw new IOException("innd did not start: " + Files.readString(inn.resolve("innd.out")), notYet);
                }
                TimeUnit.MILLISECONDS.sleep(50); // poll interval while innd starts
            }
        }
    }

    private static void delete(Path tree) throws IOException {
        if (tree == null || !Files.exists(tree)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
