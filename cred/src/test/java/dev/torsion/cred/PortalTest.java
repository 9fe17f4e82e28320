package dev.torsion.cred;

import static dev.torsion.cred.DeferredResults.assertNoResult;
import static dev.torsion.cred.DeferredResults.failureResultOf;
import static dev.torsion.cred.DeferredResults.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.checkers.AllowAnonymousAccess;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.cred.credentials.Anonymous;
import dev.torsion.cred.credentials.Credentials;
import dev.torsion.cred.credentials.SshPublicKey;
import dev.torsion.cred.credentials.UsernameHashedPassword;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.defer.CancelledError;
import dev.torsion.defer.Deferred;
import dev.torsion.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortalTest {
    /** What the test realm hands out. */
    interface Mailbox {
        String owner();
    }

    interface Shell {
    }

    private final List<String> loggedOut = new ArrayList<>();
    private final List<Object> minds = new ArrayList<>();
    private final Realm realm = (avatarId, mind, interfaces) -> {
        minds.add(mind);
        if (!interfaces.contains(Mailbox.class)) {
            return Deferred.fail(new IllegalArgumentException("only mailboxes here"));
        }
        String owner = avatarId.isAnonymous() ? "(anonymous)" : avatarId.name();
        Mailbox box = () -> owner;
        return Deferred.succeed(new LoginResult(Mailbox.class, box, () -> loggedOut.add(owner)));
    };
    private final TestClock clock = new TestClock();
    private final InMemoryUsernamePasswordDatabaseDontUse users =
            new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice", "secret");

    @Test
    void rightPasswordGivesTheRealmsAvatar() {
        Portal portal = new Portal(realm, clock, users);
        LoginResult result = successResultOf(portal.login(new UsernamePassword("alice", "secret".toCharArray()),
                "the-mind", Shell.class, Mailbox.class));
        assertEquals(Mailbox.class, result.iface());
        assertEquals("alice", result.avatar(Mailbox.class).owner());
        assertEquals(List.of("the-mind"), minds);
        result.logout();
        result.logout();
        assertEquals(List.of("alice"), loggedOut, "logout runs exactly once");
    }

    @Test
    void wrongPasswordFailsOnlyAfterTheDelay() {
        Portal portal = new Portal(realm, clock, users);
        assertEquals(Duration.ofSeconds(1), portal.failureDelay());
        Deferred<LoginResult> login = portal.login(new UsernamePassword("alice", "wrong".toCharArray()), null,
                Mailbox.class);
        assertNoResult(login);
        clock.advance(Duration.ofMillis(999));
        assertNoResult(login);
        clock.advance(Duration.ofMillis(1));
        LoginFailed failure = (LoginFailed) failureResultOf(login, UnauthorizedLogin.class).value();
        assertEquals(UnauthorizedLogin.MESSAGE, failure.getMessage());
        assertTrue(minds.isEmpty(), "the realm is never asked");
    }

    @Test
    void unknownUserAndWrongPasswordLookTheSame() {
        Portal portal = new Portal(realm, clock, users);
        Deferred<LoginResult> unknown = portal.login(new UsernamePassword("mallory", "secret".toCharArray()), null,
                Mailbox.class);
        Deferred<LoginResult> wrong = portal.login(new UsernamePassword("alice", "x".toCharArray()), null,
                Mailbox.class);
        clock.advance(Duration.ofSeconds(1));
        Throwable a = failureResultOf(unknown, UnauthorizedLogin.class).value();
        Throwable b = failureResultOf(wrong, UnauthorizedLogin.class).value();
        assertEquals(a.getClass(), b.getClass());
        assertEquals(a.getMessage(), b.getMessage());
    }

    @Test
    void configurableDelay() {
        Portal portal = new Portal(realm, clock, users);
        portal.setFailureDelay(Duration.ofSeconds(3));
        Deferred<LoginResult> login = portal.login(new UsernamePassword("bob", new byte[0]), null, Mailbox.class);
        clock.advance(Duration.ofMillis(2999));
        assertNoResult(login);
        clock.advance(Duration.ofMillis(1));
        failureResultOf(login, UnauthorizedLogin.class);

        portal.setFailureDelay(Duration.ZERO);
        failureResultOf(portal.login(new UsernamePassword("bob", new byte[0]), null, Mailbox.class),
                UnauthorizedLogin.class);
        assertThrows(IllegalArgumentException.class, () -> portal.setFailureDelay(Duration.ofSeconds(-1)));
    }

    @Test
    void portalWithoutClockFailsAtOnceAndCannotDelay() {
        Portal portal = new Portal(realm, users);
        assertEquals(Duration.ZERO, portal.failureDelay());
        failureResultOf(portal.login(new UsernamePassword("alice", "no".toCharArray()), null, Mailbox.class),
                UnauthorizedLogin.class);
        assertThrows(IllegalStateException.class, () -> portal.setFailureDelay(Duration.ofSeconds(1)));
    }

    @Test
    void successIsNotDelayed() {
        Portal portal = new Portal(realm, clock, users);
        successResultOf(portal.login(new UsernamePassword("alice", "secret".toCharArray()), null, Mailbox.class));
        assertTrue(clock.getDelayedCalls().isEmpty());
    }

    @Test
    void credentialsNobodyHandlesFailAtOnce() {
        Portal portal = new Portal(realm, clock, users);
        UnhandledCredentials failure = (UnhandledCredentials) failureResultOf(
                portal.login(Anonymous.INSTANCE, null, Mailbox.class), UnhandledCredentials.class).value();
        assertTrue(failure.getMessage().contains("Anonymous"), failure.getMessage());
        assertTrue(clock.getDelayedCalls().isEmpty());
    }

    @Test
    void anonymousLogin() {
        Portal portal = new Portal(realm, clock, users, new AllowAnonymousAccess());
        assertEquals(Set.of(UsernamePassword.class, UsernameHashedPassword.class,
                Anonymous.class), portal.credentialTypes());
        LoginResult result = successResultOf(portal.login(Anonymous.INSTANCE, null, Mailbox.class));
        assertEquals("(anonymous)", result.avatar(Mailbox.class).owner());
    }

    @Test
    void validPublicKeyAnswerIsNotDelayed() {
        CredentialsChecker keys = new CredentialsChecker() {
            @Override
            public Set<Class<? extends Credentials>> credentialTypes() {
                return Set.of(SshPublicKey.class);
            }

            @Override
            public Deferred<AvatarId> requestAvatarId(Credentials credentials) {
                return Deferred.fail(new ValidPublicKey());
            }
        };
        Portal portal = new Portal(realm, clock, keys);
        failureResultOf(portal.login(SshPublicKey.query("alice", "ssh-ed25519", new byte[] {1}), null,
                Mailbox.class), ValidPublicKey.class);
    }

    @Test
    void checkerThatThrowsIsDelayedLikeARefusal() {
        CredentialsChecker broken = new CredentialsChecker() {
            @Override
            public Set<Class<? extends Credentials>> credentialTypes() {
                return Set.of(UsernamePassword.class);
            }

            @Override
            public Deferred<AvatarId> requestAvatarId(Credentials credentials) {
                throw new IllegalStateException("database down");
            }
        };
        Portal portal = new Portal(realm, clock, broken);
        Deferred<LoginResult> login = portal.login(new UsernamePassword("a", "b".toCharArray()), null, Mailbox.class);
        assertNoResult(login);
        clock.advance(Duration.ofSeconds(1));
        failureResultOf(login, IllegalStateException.class);
    }

    @Test
    void cancellingDuringTheDelayCancelsTheTimer() {
        Portal portal = new Portal(realm, clock, users);
        Deferred<LoginResult> login = portal.login(new UsernamePassword("alice", "bad".toCharArray()), null,
                Mailbox.class);
        assertEquals(1, clock.getDelayedCalls().size());
        login.cancel();
        failureResultOf(login, CancelledError.class);
        assertTrue(clock.getDelayedCalls().isEmpty(), "the delayed failure was cancelled");
        clock.advance(Duration.ofSeconds(5)); // nothing fires twice
    }

    @Test
    void realmFailurePassesThroughUndelayed() {
        Portal portal = new Portal(realm, clock, users);
        failureResultOf(portal.login(new UsernamePassword("alice", "secret".toCharArray()), null, Shell.class),
                IllegalArgumentException.class);
    }

    @Test
    void realmAnsweringWithAnUnrequestedInterfaceIsAnError() {
        Realm liar = (id, mind, interfaces) -> Deferred.succeed(new LoginResult(Runnable.class, (Runnable) () -> { },
                () -> { }));
        Portal portal = new Portal(liar, clock, users);
        failureResultOf(portal.login(new UsernamePassword("alice", "secret".toCharArray()), null, Mailbox.class),
                IllegalStateException.class);
    }

    @Test
    void laterRegistrationReplacesAndExplicitTypesNarrow() {
        Portal portal = new Portal(realm, clock);
        assertTrue(portal.credentialTypes().isEmpty());
        portal.registerChecker(users, UsernamePassword.class);
        assertEquals(Set.of(UsernamePassword.class), portal.credentialTypes());
        InMemoryUsernamePasswordDatabaseDontUse others = new InMemoryUsernamePasswordDatabaseDontUse()
                .addUser("bob", "pw");
        portal.registerChecker(others, UsernamePassword.class);
        successResultOf(portal.login(new UsernamePassword("bob", "pw".toCharArray()), null, Mailbox.class));
    }

    @Test
    void checkerForTheCredentialsOwnClassWinsOverOneForAnInterface() {
        Portal portal = new Portal(realm, clock);
        InMemoryUsernamePasswordDatabaseDontUse forHashed = new InMemoryUsernamePasswordDatabaseDontUse()
                .addUser("carol", "hashed-db");
        InMemoryUsernamePasswordDatabaseDontUse forPlain = new InMemoryUsernamePasswordDatabaseDontUse()
                .addUser("carol", "plain-db");
        portal.registerChecker(forHashed, UsernameHashedPassword.class);
        portal.registerChecker(forPlain, UsernamePassword.class);
        successResultOf(portal.login(new UsernamePassword("carol", "plain-db".toCharArray()), null, Mailbox.class));
    }

    @Test
    void loginNeedsAnInterfaceAndLoginResultChecksTheAvatar() {
        Portal portal = new Portal(realm, clock, users);
        assertThrows(IllegalArgumentException.class,
                () -> portal.login(new UsernamePassword("alice", "secret".toCharArray()), null));
        assertThrows(IllegalArgumentException.class, () -> new LoginResult(Mailbox.class, "not a mailbox", () -> { }));
    }

    @Test
    void avatarIds() {
        assertEquals(AvatarId.of("alice"), AvatarId.of("alice").withAttribute(String.class, "x"));
        assertFalse(AvatarId.ANONYMOUS.equals(AvatarId.of("anonymous")));
        assertTrue(AvatarId.ANONYMOUS.isAnonymous());
        assertThrows(IllegalStateException.class, AvatarId.ANONYMOUS::name);
        assertThrows(IllegalArgumentException.class, () -> AvatarId.of(""));
        assertEquals("x", AvatarId.of("a").withAttribute(String.class, "x").attribute(String.class).orElseThrow());
        assertTrue(AvatarId.of("a").attribute(String.class).isEmpty());
        assertEquals("AvatarId(a\\u000ab)", AvatarId.of("a\nb").toString(), "control characters cannot forge log lines");
        assertSame(AvatarId.ANONYMOUS, AvatarId.ANONYMOUS);
    }
}
