package dev.torsion.plugin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.http.server.ServerConfig;
import dev.torsion.http.web.WebServer;
import dev.torsion.http.web.WebServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line of {@code torsion web}, turned into proto-http's configuration. */
class WebOptionsTest {
    private static WebServerConfig parse(String... args) {
        WebOptions options = new WebOptions();
        new CommandLine(options).parseArgs(args);
        return options.toConfig();
    }

    @Test
    void parsesEveryOption() {
        WebServerConfig config = parse("--listen", "tcp:8080:interface=127.0.0.1", "--port", "9090",
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
        WebServerConfig config = parse();
        assertEquals(List.of("tcp:8080"), config.listen());
        assertEquals(Path.of("."), config.root());
        assertEquals(List.of("index.html", "index.htm"), config.indexNames());
    }

    @Test
    void authIsRepeatableAndTheRealmDefaultsToTorsion() {
        WebOptions options = new WebOptions();
        new CommandLine(options).parseArgs("--auth", "memory:alice:pw", "--auth", "anonymous");
        assertEquals(List.of("memory:alice:pw", "anonymous"), options.auth.descriptions());
        assertEquals(2, options.auth.checkers().size());
        assertEquals("torsion", options.authRealm);
        new CommandLine(options).parseArgs("--auth-realm", "files");
        assertEquals("files", options.authRealm);
    }

    @Test
    void withoutAuthThereAreNoCheckers() {
        WebOptions options = new WebOptions();
        new CommandLine(options).parseArgs();
        assertEquals(List.of(), options.auth.checkers());
    }

    @Test
    void timeoutsLimitsBacklogAndDotfilesAreOptions() {
        WebServerConfig config = parse("--header-timeout", "5s", "--idle-timeout", "2m", "--max-body-size", "1MB",
                "--backlog", "1024", "--show-dotfiles", "--max-listing-entries", "500", "--listen", "tcp:8080",
                "--listen", "unix:/tmp/w.sock:backlog=7", "--listen", "ssl:8443:privateKey=k.pem");
        assertEquals(Duration.ofSeconds(5), config.server().headerTimeout());
        assertEquals(Duration.ofMinutes(2), config.server().idleTimeout());
        assertEquals(1024 * 1024, config.server().maxBodySize());
        assertEquals(1024, config.backlog());
        assertEquals(true, config.showDotfiles());
        assertEquals(500, config.maxListingEntries());
        assertEquals("tcp:8080:backlog=1024", WebServer.withDefaultKeys("tcp:8080", config));
        assertEquals("unix:/tmp/w.sock:backlog=7", WebServer.withDefaultKeys("unix:/tmp/w.sock:backlog=7", config));
        assertEquals("ssl:8443:privateKey=k.pem:alpn=h2,http/1.1:backlog=1024",
                WebServer.withDefaultKeys("ssl:8443:privateKey=k.pem", config));
        assertEquals(false, config.http2Cleartext());
        assertEquals(true, parse("--http2").http2Cleartext());
    }

    /** A body limit past a long once wrapped to 0 (every body refused 413); now the option is refused. */
    @Test
    void aMaxBodySizePastALongIsAUsageError() {
        CommandLine.ParameterException refused = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--max-body-size", "17179869184GB"));
        assertEquals("Invalid value for option '--max-body-size': '17179869184GB' is too large: a size is at most"
                + " 9223372036854775807 bytes (8589934591GB)", refused.getMessage());
        assertEquals(8589934591L << 30, parse("--max-body-size", "8589934591GB").server().maxBodySize());
    }

    @Test
    void theDefaultsAreTheServersAndTheKernelsLargestBacklog() {
        WebServerConfig config = parse();
        assertEquals(ServerConfig.DEFAULT.headerTimeout(), config.server().headerTimeout());
        assertEquals(ServerConfig.DEFAULT.idleTimeout(), config.server().idleTimeout());
        assertEquals(ServerConfig.DEFAULT.maxBodySize(), config.server().maxBodySize());
        assertEquals(false, config.showDotfiles());
        assertEquals(10_000, config.maxListingEntries());
        assertEquals(WebOptions.defaultBacklog(), config.backlog());
        assertTrue(config.backlog() > 50, "the backlog stays at Twisted's 50: " + config.backlog());
    }

    @Test
    void httpsWithoutAKeyNamesTheOptions() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> parse("--https", "8443"));
        assertEquals("--https needs --private-key and --certificate (PEM files)", refused.getMessage());
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> parse("--certificate", "c.pem"));
        assertThrows(CommandLine.UnmatchedArgumentException.class, () -> parse("--bogus", "x"));
        assertThrows(IllegalArgumentException.class, () -> parse("--listen", "8080"));
        assertThrows(IllegalArgumentException.class, () -> parse("--mime-type", "nothing"));
        WebOptions unknownChecker = new WebOptions();
        new CommandLine(unknownChecker).parseArgs("--auth", "nosuchkind:x");
        assertThrows(IllegalArgumentException.class, unknownChecker.auth::checkers);
    }
}
