package dev.torsion.nntp.support;

import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.nntp.parse.ArticleParser;
import dev.torsion.nntp.server.FileSpool;
import dev.torsion.nntp.server.NewsRealm;
import dev.torsion.nntp.server.NntpServer;
import dev.torsion.nntp.server.NntpServerConfig;
import dev.torsion.testing.MemoryReactor;
import dev.torsion.testing.StringTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;

/**
 * An NNTP session on a StringTransport over a file spool in {@code dir} (the MemoryReactor runs
 * its thread work at once), with groups comp.lang.java (two articles) and alt.test (empty), and
 * alice/secret in the portal.
 */
public final class Wire {
    public static final Clock WALL = Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC);
    public static final String FIRST = "Path: origin!not-for-mail\r\nFrom: Alice <alice@example.org>\r\nNewsgroups: comp.lang.java\r\n"
            + "Subject: First\r\nDate: Sat, 05 Dec 2026 10:00:00 +0000\r\nMessage-ID: <first@example.org>\r\n\r\nHello\r\n.dotted\r\n";
    public static final String SECOND = "Path: origin!not-for-mail\r\nFrom: Bob <bob@example.org>\r\nNewsgroups: comp.lang.java\r\n"
            + "Subject: Re: First\r\nDate: Sat, 05 Dec 2026 11:00:00 +0000\r\nMessage-ID: <second@example.org>\r\n"
            + "References: <first@example.org>\r\n\r\nReply\r\n";

    public final StringTransport transport = new StringTransport();
    public final MemoryReactor reactor = new MemoryReactor();
    public final FileSpool spool;
    public final NntpServer server;

    public Wire(Path dir, UnaryOperator<NntpServerConfig> configure) {
        spool = spool(dir, reactor);
        Portal portal = new Portal(new NewsRealm(), reactor.clock(),
                new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice", "secret"));
        portal.setFailureDelay(Duration.ZERO);
        NntpServerConfig config = NntpServerConfig.of("news.example.org", spool).withWallClock(WALL).withPortal(portal, false)
                .allowingPlaintextLogin();
        server = new NntpServer(configure.apply(config), reactor.clock());
        server.makeConnection(transport);
    }

    /** The spool in {@code dir}, with the two groups and two articles on first use. */
    public static FileSpool spool(Path dir, MemoryReactor reactor) {
        try {
            FileSpool spool = FileSpool.open(dir, reactor, WALL);
            if (spool.createGroup("comp.lang.java", "The Java language")) {
                spool.createGroup("alt.test", "Tests");
                spool.store(ArticleParser.parse(FIRST.getBytes(StandardCharsets.UTF_8), 100));
                spool.store(ArticleParser.parse(SECOND.getBytes(StandardCharsets.UTF_8), 100));
            }
            return spool;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Wire(Path dir) {
        this(dir, UnaryOperator.identity());
    }

    public Wire send(String text) {
        return send(text, false);
    }

    public Wire send(byte[] bytes, boolean byteByByte) {
        if (!byteByByte) {
            server.dataReceived(bytes.clone());
            return this;
        }
        for (byte b : bytes) {
            server.dataReceived(new byte[] {b});
        }
        return this;
    }

    public Wire send(String text, boolean byteByByte) {
        return send(text.getBytes(StandardCharsets.UTF_8), byteByByte);
    }

    /** Everything after the greeting line. */
    public String replies() {
        String out = transport.valueAsString();
        return out.substring(out.indexOf("\r\n") + 2);
    }

    public String greeting() {
        String out = transport.valueAsString();
        return out.substring(0, out.indexOf("\r\n"));
    }

    public Wire clear() {
        transport.clear();
        return this;
    }

    public boolean closed() {
        return transport.isDisconnecting();
    }
}
