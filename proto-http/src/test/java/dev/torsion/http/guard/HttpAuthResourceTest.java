package dev.torsion.http.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.torsion.cred.AvatarId;
import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Portal;
import dev.torsion.cred.Realm;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.cred.checkers.FilePasswordDatabase;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.cred.credentials.Credentials;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.server.Request;
import dev.torsion.http.support.Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.apache.commons.codec.digest.Md5Crypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

class HttpAuthResourceTest {
    private static final String CHALLENGE = "WWW-Authenticate: Basic realm=\"private \\\"area\\\"\", charset=\"UTF-8\"\r\n";

    @TempDir
    Path temp;

    /** Every checked credentials, to see what reached the checker and that it was wiped after. */
    private final List<UsernamePassword> checked = new ArrayList<>();
    private final List<Request> served = new ArrayList<>();
    private int logouts;
    private Wire wire;

    /** The avatar: "top" at its root, "index" for a trailing slash, sub/file naming the user. */
    private Resource avatarTree() {
        Resource top = new Resource() {
            @Override
            protected Rendered renderGET(Request request) {
                return Rendered.text("top");
            }
        };
        top.putChild("", leaf("index"));
        Resource sub = new Resource();
        sub.putChild("file", leaf("file"));
        top.putChild("sub", sub);
        return top;
    }

    private Resource leaf(String text) {
        return new Resource(true) {
            @Override
            protected Rendered renderGET(Request request) {
                served.add(request);
                return Rendered.text(text + " for " + request.getUser());
            }
        };
    }

    private CredentialsChecker recording(CredentialsChecker inner) {
        return new CredentialsChecker() {
            @Override
            public Set<Class<? extends Credentials>> credentialTypes() {
                return inner.credentialTypes();
            }

            @Override
            public Deferred<AvatarId> requestAvatarId(Credentials credentials) {
                checked.add((UsernamePassword) credentials);
                return inner.requestAvatarId(credentials);
            }
        };
    }

    private Wire guarded(Realm realm, CredentialsChecker checker) {
        Resource root = new Resource();
        root.putChild("public", leaf("public"));
        wire = new Wire(new Site(root));
        // The portal delays refusals on this wire's clock, so the guard joins the tree afterwards.
        Portal portal = new Portal(realm, wire.clock, recording(checker));
        root.putChild("private", new HttpAuthResource(portal, List.of(new BasicCredentialFactory("private \"area\""))));
        return wire;
    }

    private Wire guarded() {
        return guarded(realmCountingLogouts(), new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice", "s3cret:x"));
    }

    private Realm realmCountingLogouts() {
        Resource avatar = avatarTree();
        return (id, mind, interfaces) -> Deferred.succeed(new LoginResult(Resource.class, avatar, () -> logouts++));
    }

    private static String basic(String userColonPassword) {
        return "Authorization: Basic "
                + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    private static String get(String path, String headers) {
        return "GET " + path + " HTTP/1.1\r\nHost: a\r\n" + headers + "\r\n";
    }

    private static void assertUnauthorized(String response) {
        assertTrue(response.startsWith("HTTP/1.1 401 Unauthorized\r\n"), response);
        assertTrue(response.contains(CHALLENGE), response);
        assertTrue(response.contains("Content-Type: text/html; charset=utf-8\r\n"), response);
        assertFalse(response.contains(" for "), response);
    }

    @Test
    void withoutCredentialsTheAnswerIsAChallenge() {
        guarded().send(get("/private/sub/file", ""));
        assertUnauthorized(wire.output());
        assertTrue(checked.isEmpty());
        assertTrue(served.isEmpty());
    }

    @Test
    void theRestOfTheSiteIsNotGuarded() {
        guarded().send(get("/public", ""));
        assertTrue(wire.output().startsWith("HTTP/1.1 200 OK\r\n"), wire.output());
        assertTrue(wire.output().endsWith("public for null"), wire.output());
    }

    @Test
    void theRightPasswordReachesTheAvatarsChildrenAndNamesTheUser() {
        guarded().send(get("/private/sub/file", basic("alice:s3cret:x")));
        String response = wire.output();
        assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
        assertTrue(response.endsWith("\r\n\r\nfile for alice"), response);
        assertEquals(List.of("private", "sub", "file"), served.get(0).prepath());
        assertEquals(1, logouts, "the avatar is logged out when the response is finished");
        assertTrue(checked.get(0).isDestroyed(), "the password is wiped after the login");
    }

    @Test
    void theGuardItselfAndATrailingSlashAreTheAvatarsToo() {
        guarded().send(get("/private", basic("alice:s3cret:x")));
        assertTrue(wire.output().endsWith("\r\n\r\ntop"), wire.output());
        wire.send(get("/private/", basic("alice:s3cret:x")));
        assertTrue(wire.output().endsWith("\r\n\r\nindex for alice"), wire.output());
    }

    @Test
    void aWrongPasswordIsRefusedAfterThePortalsDelay() {
        guarded().send(get("/private/sub/file", basic("alice:s3cret")));
        assertEquals("", wire.output(), "no answer before the failure delay");
        wire.clock.advance(Duration.ofMillis(999));
        assertEquals("", wire.output());
        wire.clock.advance(Duration.ofMillis(1));
        assertUnauthorized(wire.output());
        assertEquals(1, checked.size());
        assertTrue(served.isEmpty());
        assertEquals(0, logouts);
    }

    @Test
    void eachRefusalIsOneLogLineWithTheUserAndTheClientAddressButNoPassword() {
        Logger logger = (Logger) LoggerFactory.getLogger(HttpAuthResource.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        try {
            guarded().send(get("/private/sub/file", basic("mal\"lory:guess")));
            wire.clock.advance(Portal.DEFAULT_FAILURE_DELAY);
            assertUnauthorized(wire.output());
        } finally {
            logger.detachAppender(events);
        }
        List<String> lines = events.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .map(ILoggingEvent::getFormattedMessage).toList();
        // The address a fail2ban filter bans (the wire's peer), the user escaped so it cannot forge a line.
        assertEquals(List.of("login refused for user \"mal\\\"lory\" from 192.168.1.1"), lines);
    }

    @Test
    void anUnknownUserIsRefusedTheSameWay() {
        guarded().send(get("/private/sub/file", basic("mallory:s3cret:x")));
        wire.clock.advance(Portal.DEFAULT_FAILURE_DELAY);
        assertUnauthorized(wire.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Authorization: Basic\r\n",
        "Authorization: Basic !!!!\r\n",
        "Authorization: Basic YWxpY2U=\r\n",                 // "alice": no colon
        "Authorization: Basic YWxpY2U6czNjcmV0Ong\r\n",      // padding missing
        "Authorization: Basic YW=xpY2U6czNjcmV0Ong=\r\n",    // padding inside
        "Authorization: Basic /wA6eA==\r\n",                 // user name is not UTF-8
        "Authorization: Basic YQE6eA==\r\n",                 // control character in the user name
        "Authorization: Bearer YWxpY2U6czNjcmV0Ong=\r\n",    // a scheme nobody offered
        "Authorization: Basic YWxpY2U6czNjcmV0Ong=\r\nAuthorization: Basic YWxpY2U6czNjcmV0Ong=\r\n",
    })
    void malformedCredentialsGetTheChallengeWithoutReachingTheChecker(String header) {
        guarded().send(get("/private/sub/file", header));
        assertUnauthorized(wire.output());
        assertTrue(checked.isEmpty());
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        guarded().send(get("/private/sub/file", basic("alice:s3cret:x").replace("Basic", "bAsIc")));
        assertTrue(wire.output().endsWith("file for alice"), wire.output());
    }

    @Test
    void anHtpasswdFileIsCheckedThroughCred() throws Exception {
        Path passwords = temp.resolve("htpasswd");
        Files.writeString(passwords, "alice:" + Md5Crypt.apr1Crypt("s3cret".getBytes(StandardCharsets.UTF_8)) + "\n");
        guarded(realmCountingLogouts(), new FilePasswordDatabase(passwords));
        wire.send(get("/private/sub/file", basic("alice:s3cret")));
        assertTrue(wire.output().endsWith("file for alice"), wire.output());
        wire.send(get("/private/sub/file", basic("alice:s3creT")));
        wire.clock.advance(Portal.DEFAULT_FAILURE_DELAY);
        assertUnauthorized(wire.responses()[1]);
    }

    @Test
    void aRealmThatWaitsIsAnsweredWhenTheLoginIs() {
        Deferred<LoginResult> later = new Deferred<>();
        guarded((id, mind, interfaces) -> later,
                new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice", "pw"));
        wire.send(get("/private/sub/file", basic("alice:pw")));
        assertEquals("", wire.output());
        later.callback(new LoginResult(Resource.class, avatarTree(), () -> logouts++));
        assertTrue(wire.output().startsWith("HTTP/1.1 200 OK\r\n"), wire.output());
        assertTrue(wire.output().endsWith("file for alice"), wire.output());
        assertEquals(1, logouts);
    }

    @Test
    void aLoginStillRunningIsCancelledWhenTheClientGoesAway() {
        boolean[] cancelled = {false};
        Deferred<LoginResult> later = new Deferred<>(self -> cancelled[0] = true);
        guarded((id, mind, interfaces) -> later,
                new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice", "pw"));
        wire.send(get("/private/sub/file", basic("alice:pw")));
        wire.channel.connectionLost(Failure.of(new IOException("gone")));
        assertTrue(cancelled[0]);
        assertTrue(served.isEmpty());
    }

    @Test
    void aGuardAtTheRootGuardsEverything() {
        Portal portal = new Portal(realmCountingLogouts(),
                new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice", "pw"));
        wire = new Wire(new Site(new HttpAuthResource(portal, List.of(new BasicCredentialFactory("root")))));
        wire.send(get("/", ""));
        assertTrue(wire.output().startsWith("HTTP/1.1 401 Unauthorized\r\n"), wire.output());
        wire.send(get("/", basic("alice:pw")));
        assertTrue(wire.output().endsWith("index for alice"), wire.output());
    }

    @Test
    void headGetsTheChallengeWithoutABody() {
        guarded().send("HEAD /private/sub/file HTTP/1.1\r\nHost: a\r\n\r\n");
        assertTrue(wire.output().startsWith("HTTP/1.1 401 Unauthorized\r\n"), wire.output());
        assertTrue(wire.output().endsWith("\r\n\r\n"), wire.output());
    }

    @Test
    void theSingleResourceRealmRefusesAnythingButAResource() {
        SingleResourceRealm realm = new SingleResourceRealm(new Resource());
        List<Throwable> refused = new ArrayList<>();
        realm.requestAvatar(AvatarId.of("alice"), null, List.of(Runnable.class)).addErrback(failure -> {
            refused.add(failure.value());
            return null;
        });
        assertEquals(1, refused.size());
        assertTrue(refused.get(0) instanceof IllegalArgumentException, refused.toString());
        List<Object> given = new ArrayList<>();
        realm.requestAvatar(AvatarId.of("alice"), null, List.of(Runnable.class, Resource.class))
                .addCallback(result -> given.add(result.avatar(Resource.class)));
        assertEquals(1, given.size());
    }
}
