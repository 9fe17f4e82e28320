package dev.torsion.http.integration;

import static dev.torsion.netty.testing.Programs.run;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.FilePasswordDatabase;
import dev.torsion.http.guard.BasicCredentialFactory;
import dev.torsion.http.guard.HttpAuthResource;
import dev.torsion.http.guard.SingleResourceRealm;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.staticfiles.File;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.testing.LiveReactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Basic guard against curl's {@code --user}, with the password file written by Apache's own
 * {@code htpasswd -B} (bcrypt). Runs only with {@code -Dtorsion.interop=true} (profile
 * {@code interop}); then a missing program fails. Debian packages: curl, apache2-utils.
 */
@Tag("interop")
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class GuardInteropTest {
    private static final String CURL = "/usr/bin/curl";
    private static final String HTPASSWD = "/usr/bin/htpasswd";
    /** Non-ASCII and a colon: the password is everything after the first colon, sent as UTF-8. */
    private static final String PASSWORD = "s\u00e9same:ouvre-toi";

    @TempDir
    Path temp;
    LiveReactor live;
    ListeningPort port;

    @BeforeEach
    void start() throws Exception {
        Path www = Files.createDirectories(temp.resolve("www/docs"));
        Files.writeString(www.resolve("secret.txt"), "the treasure");
        Path passwords = temp.resolve("htpasswd");
        // The password goes through stdin and curl's config file as UTF-8 bytes, whatever the locale.
        run(List.of(HTPASSWD, "-c", "-B", "-i", passwords.toString(), "alice"), PASSWORD);
        assertTrue(Files.readString(passwords).startsWith("alice:$2y$"), Files.readString(passwords));
        Resource root = new Resource();
        live = new LiveReactor();
        port = live.call(() -> {
            Portal portal = new Portal(new SingleResourceRealm(new File(temp.resolve("www"))), live.reactor,
                    new FilePasswordDatabase(passwords));
            root.putChild("private", new HttpAuthResource(portal, List.of(new BasicCredentialFactory("interop"))));
            return live.reactor.listenTCP(0, new Site(root).factory(live.reactor), 50, "127.0.0.1");
        });
    }

    @AfterEach
    void stop() throws Exception {
        live.await(port::stopListening);
        live.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + ((IPv4Address) port.getHost()).port() + path;
    }

    @Test
    void curlWithoutAUserGetsTheChallenge() throws Exception {
        String response = run(List.of(CURL, "-sS", "-D", "-", url("/private/docs/secret.txt")));
        assertTrue(response.startsWith("HTTP/1.1 401 Unauthorized\r\n"), response);
        assertTrue(response.contains("WWW-Authenticate: Basic realm=\"interop\", charset=\"UTF-8\"\r\n"), response);
        assertTrue(!response.contains("treasure"), response);
    }

    @Test
    void curlWithTheUserOfTheHtpasswdFileGetsTheFile() throws Exception {
        String response = run(List.of(CURL, "-sS", "-D", "-", "-K", userConfig("alice:" + PASSWORD), url("/private/docs/secret.txt")));
        assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
        assertTrue(response.endsWith("\r\n\r\nthe treasure"), response);
    }

    @Test
    void curlWithAWrongPasswordIsRefused() throws Exception {
        String response = run(List.of(CURL, "-sS", "-D", "-", "-K", userConfig("alice:s\u00e9same"), url("/private/docs/secret.txt")));
        assertTrue(response.startsWith("HTTP/1.1 401 Unauthorized\r\n"), response);
        assertTrue(!response.contains("treasure"), response);
    }

    @Test
    void curlAnyauthAnswersTheChallenge() throws Exception {
        // --anyauth sends nothing first, reads the challenge, then retries with Basic.
        String status = run(List.of(CURL, "-sS", "-o", "/dev/null", "-w", "%{http_code} %{num_connects}",
                "--anyauth", "-K", userConfig("alice:" + PASSWORD), url("/private/docs/secret.txt")));
        assertTrue(status.startsWith("200 "), status);
    }

    /** A curl config file that gives {@code --user}, written as UTF-8. */
    private String userConfig(String userColonPassword) throws IOException {
        Path config = Files.createTempFile(temp, "curl", ".cfg");
        Files.writeString(config, "user = \"" + userColonPassword + "\"\n", StandardCharsets.UTF_8);
        return config.toString();
    }

}
