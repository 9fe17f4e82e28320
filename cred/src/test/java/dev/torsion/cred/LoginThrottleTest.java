package dev.torsion.cred;

import static dev.torsion.cred.DeferredResults.assertNoResult;
import static dev.torsion.cred.DeferredResults.failureResultOf;
import static dev.torsion.cred.DeferredResults.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.cred.credentials.Credentials;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.defer.Deferred;
import dev.torsion.internet.Address;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.IPv6Address;
import dev.torsion.internet.SocketType;
import dev.torsion.internet.UNIXAddress;
import dev.torsion.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Failed logins limited per client address: parallel and sequential guessers, resets, memory, the log line. */
class LoginThrottleTest {
    private static final Address ATTACKER = new IPv4Address(SocketType.TCP, "203.0.113.7", 40000);
    private static final Address ALICE_HOST = new IPv4Address(SocketType.TCP, "198.51.100.2", 50000);

    private final TestClock clock = new TestClock();
    private final Realm realm = (avatarId, mind, interfaces) ->
            Deferred.succeed(new LoginResult(Object.class, avatarId.name(), () -> { }));
    private final InMemoryUsernamePasswordDatabaseDontUse users =
            new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice", "secret");
    private int checks;
    private static UsernamePassword login(String user, String password) {
        return new UsernamePassword(user, password.toCharArray());
    }

    private Deferred<LoginResult> tryLogin(Portal portal, Address from, String user, String password) {
        return portal.login(login(user, password), null, from, Object.class);
    }

    @Test
    void parallelWrongPasswordsFromOneAddressAreCheckedOnlyUpToTheInFlightLimit() {
        Portal portal = new Portal(realm, clock, new CountingChecker());
        List<Deferred<LoginResult>> logins = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            logins.add(tryLogin(portal, ATTACKER, "alice", "guess" + i));
        }
        assertEquals(LoginThrottle.DEFAULT_MAX_IN_FLIGHT, held.size(), "only eight guesses are being checked");
        Deferred<LoginResult> alice = tryLogin(portal, ALICE_HOST, "alice", "secret");
        assertEquals(LoginThrottle.DEFAULT_MAX_IN_FLIGHT + 1, held.size(), "another address is not held back");
        clock.advance(Duration.ofSeconds(1));
        for (int i = 8; i < 50; i++) {
            failureResultOf(logins.get(i), LoginThrottled.class);
        }
        held.remove(LoginThrottle.DEFAULT_MAX_IN_FLIGHT).callback(AvatarId.of("alice"));
        assertEquals("alice", successResultOf(alice).avatar(Object.class));
        for (Deferred<AvatarId> guess : held) {
            guess.errback(new UnauthorizedLogin());
        }
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 8; i++) {
            failureResultOf(logins.get(i), UnauthorizedLogin.class);
        }
        assertEquals(8, portal.loginThrottle().failures("203.0.113.7"), "the parallel guesser got eight guesses, not fifty");
        Deferred<LoginResult> oneMore = tryLogin(portal, ATTACKER, "alice", "one-more");
        assertEquals(LoginThrottle.DEFAULT_MAX_IN_FLIGHT + 1, checks, "and the next one is not checked");
        assertNoResult(oneMore);
        clock.advance(Duration.ofSeconds(1));
        failureResultOf(oneMore, LoginThrottled.class, "now it must wait");
    }

    /** Holds every check until the test answers it. */
    private final List<Deferred<AvatarId>> held = new ArrayList<>();

    private final class CountingChecker implements CredentialsChecker {
        @Override
        public Set<Class<? extends Credentials>> credentialTypes() {
            return Set.of(UsernamePassword.class);
        }

        @Override
        public Deferred<AvatarId> requestAvatarId(Credentials credentials) {
            checks++;
            Deferred<AvatarId> held = new Deferred<>();
            LoginThrottleTest.this.held.add(held);
            return held;
        }
    }

    @Test
    void afterTheFreeFailuresEachTryWaitsTwiceAsLongAndASuccessForgetsThem() {
        Portal portal = new Portal(realm, clock, countingUsers());
        for (int i = 0; i < LoginThrottle.DEFAULT_FREE_FAILURES; i++) {
            Deferred<LoginResult> guess = tryLogin(portal, ATTACKER, "alice", "guess" + i);
            clock.advance(Duration.ofSeconds(1));
            failureResultOf(guess, UnauthorizedLogin.class);
        }
        assertEquals(5, checks);
        // The fifth failure was a second ago: the wait of one second is over.
        Deferred<LoginResult> sixth = tryLogin(portal, ATTACKER, "alice", "guess5");
        assertEquals(6, checks);
        clock.advance(Duration.ofSeconds(1));
        failureResultOf(sixth, UnauthorizedLogin.class);
        // Six failures: two seconds from the last one. One second later it is too early.
        Deferred<LoginResult> early = tryLogin(portal, ATTACKER, "alice", "secret");
        assertEquals(6, checks, "a throttled try is never checked, even with the right password");
        clock.advance(Duration.ofSeconds(1));
        failureResultOf(early, LoginThrottled.class);
        // Now two seconds have passed: checked, and right, which forgets the failures.
        successResultOf(tryLogin(portal, ATTACKER, "alice", "secret"));
        assertEquals(7, checks);
        assertEquals(0, portal.loginThrottle().failures("203.0.113.7"));
        assertEquals(0, portal.loginThrottle().size(), "a client with nothing to remember is dropped");
    }

    @Test
    void failuresAreForgottenAfterTheWindow() {
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < 7; i++) {
            throttle.failed("a");
        }
        assertFalse(throttle.tryStart("a").isZero());
        clock.advance(LoginThrottle.DEFAULT_WINDOW.plus(Duration.ofSeconds(5)));
        assertTrue(throttle.tryStart("a").isZero());
        assertEquals(0, throttle.failures("a"));
    }

    @Test
    void theWaitIsCapped() {
        LoginThrottle throttle = new LoginThrottle(clock);
        Duration wait = Duration.ZERO;
        for (int i = 0; i < 100; i++) {
            wait = throttle.failed("a");
        }
        assertEquals(LoginThrottle.DEFAULT_MAX_DELAY, wait);
    }

    @Test
    void manyAddressesCannotGrowTheTableBeyondItsBound() {
        LoginThrottle throttle = new LoginThrottle(clock, 5, Duration.ofMinutes(15), Duration.ofSeconds(1),
                Duration.ofMinutes(5), 8, 100);
        for (int i = 0; i < 10_000; i++) {
            String client = "10." + (i >> 16) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff);
            throttle.tryStart(client);
            throttle.failed(client);
        }
        assertEquals(100, throttle.size());
    }

    @Test
    void ipv6ClientsAreCountedByTheirSlash64() {
        assertEquals("2001:db8:0:1::/64",
                LoginThrottle.clientKey(new IPv6Address(SocketType.TCP, "2001:db8:0:1:aaaa::1", 1)));
        assertEquals(LoginThrottle.clientKey(new IPv6Address(SocketType.TCP, "2001:db8:0:1::2", 1)),
                LoginThrottle.clientKey(new IPv6Address(SocketType.TCP, "2001:db8:0:1:ffff:ffff:ffff:ffff%eth0", 1)));
        assertEquals("192.0.2.1", LoginThrottle.clientKey(new IPv6Address(SocketType.TCP, "::ffff:192.0.2.1", 1)));
        assertEquals("192.0.2.1", LoginThrottle.clientKey(new IPv4Address(SocketType.TCP, "192.0.2.1", 9)));
        assertEquals(new UNIXAddress("/run/s").toString(), LoginThrottle.clientKey(new UNIXAddress("/run/s")));
    }

    @Test
    void withoutAnAddressNothingIsThrottled() {
        Portal portal = new Portal(realm, clock, countingUsers());
        for (int i = 0; i < 20; i++) {
            portal.login(login("alice", "guess"), null, Object.class);
        }
        assertEquals(20, checks);
    }

    @Test
    void refusalsAreLoggedWithTheClientAddressAndUserNeverThePassword() {
        Logger logger = (Logger) LoggerFactory.getLogger(Portal.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            Portal portal = new Portal(realm, clock, countingUsers());
            for (int i = 0; i < LoginThrottle.DEFAULT_FREE_FAILURES; i++) {
                tryLogin(portal, ATTACKER, "alice", "hunter2");
            }
            List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertEquals("login refused: client=203.0.113.7 user=alice credentials=UsernamePassword", lines.get(0));
            assertTrue(lines.contains("login throttled: client=203.0.113.7 user=alice failures=5 wait=1s"), lines.toString());
            assertTrue(lines.stream().noneMatch(line -> line.contains("hunter2")), lines.toString());
        } finally {
            logger.detachAppender(appender);
        }
    }

    private CredentialsChecker countingUsers() {
        return new CredentialsChecker() {
            @Override
            public Set<Class<? extends Credentials>> credentialTypes() {
                return users.credentialTypes();
            }

            @Override
            public Deferred<AvatarId> requestAvatarId(Credentials credentials) {
                checks++;
                return users.requestAvatarId(credentials);
            }
        };
    }
}
