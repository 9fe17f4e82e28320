package dev.torsion.cred;

import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.cred.credentials.Credentials;
import dev.torsion.cred.credentials.SshPublicKey;
import dev.torsion.cred.credentials.UsernameHashedPassword;
import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.time.Clock;
import dev.torsion.time.DelayedCall;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where protocols log users in, as Twisted's {@code Portal}: the checker registered for the kind of
 * credentials decides who the peer is, then the {@link Realm} makes the avatar.
 *
 * <pre>{@code
 * Portal portal = new Portal(realm, reactor, new FilePasswordDatabase(path));
 * portal.login(new UsernamePassword("alice", password), null, Mailbox.class)
 *       .addCallback(result -> result.avatar(Mailbox.class));
 * }</pre>
 *
 * <p>A refused login fails only after a delay (one second unless changed) on the portal's clock, to
 * slow password guessing; the answer to an SSH key query ({@link ValidPublicKey}) and
 * {@link UnhandledCredentials} are not delayed. A portal made without a clock cannot delay. Use the
 * portal on its clock's thread (the reactor thread).
 *
 * <p>Protocols pass the client's address ({@link #login(Credentials, Object, Address, Class[])}):
 * failed logins are then limited per address by a {@link LoginThrottle} (on by default with a clock;
 * throttled logins fail with {@link LoginThrottled}, unchecked, after the same delay), and each
 * refusal is logged with the address and the user name, never the secret:
 * <pre>
 * login refused: client=203.0.113.7 user=alice credentials=UsernamePassword
 * login throttled: client=203.0.113.7 user=alice failures=5 wait=1s
 * </pre>
 */
public final class Portal {
    /** The delay before a refused login fails, unless changed. */
    public static final Duration DEFAULT_FAILURE_DELAY = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(Portal.class);

    private final Realm realm;
    private final Clock clock;
    private final Map<Class<? extends Credentials>, CredentialsChecker> checkers = new LinkedHashMap<>();
    private Duration failureDelay;
    private LoginThrottle throttle;

    /**
     * A portal without a clock: refused logins fail at once. Servers should use
     * {@link #Portal(Realm, Clock, CredentialsChecker...)} to slow down guessing.
     */
    public Portal(Realm realm, CredentialsChecker... checkers) {
        this(realm, null, checkers);
    }

    /** A portal that delays refused logins by {@link #DEFAULT_FAILURE_DELAY} on {@code clock}. */
    public Portal(Realm realm, Clock clock, CredentialsChecker... checkers) {
        this.realm = Objects.requireNonNull(realm, "realm");
        this.clock = clock;
        this.failureDelay = clock == null ? Duration.ZERO : DEFAULT_FAILURE_DELAY;
        this.throttle = clock == null ? null : new LoginThrottle(clock);
        for (CredentialsChecker checker : checkers) {
            registerChecker(checker);
        }
    }

    /**
     * Registers {@code checker} for {@code types}, or for all it declares when none are given. A
     * later registration for the same type replaces the earlier one.
     */
    @SafeVarargs
    public final void registerChecker(CredentialsChecker checker, Class<? extends Credentials>... types) {
        Objects.requireNonNull(checker, "checker");
        if (types.length == 0) {
            for (Class<? extends Credentials> type : checker.credentialTypes()) {
                checkers.put(type, checker);
            }
        }
        for (Class<? extends Credentials> type : types) {
            checkers.put(type, checker);
        }
    }

    /** The credential kinds some checker handles, as Twisted's {@code listCredentialsInterfaces}. */
    public Set<Class<? extends Credentials>> credentialTypes() {
        return Set.copyOf(checkers.keySet());
    }

    /** Sets the delay before a refused login fails; zero fails at once. Needs a clock unless zero. */
    public void setFailureDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative failure delay");
        }
        if (clock == null && !delay.isZero()) {
            throw new IllegalStateException("a failure delay needs a portal made with a clock");
        }
        this.failureDelay = delay;
    }

    /** The delay before a refused login fails. */
    public Duration failureDelay() {
        return failureDelay;
    }

    /** Sets what limits failed logins per client address; null turns the limit off. */
    public void setLoginThrottle(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    /** What limits failed logins per client address (by default with the defaults), or null. */
    public LoginThrottle loginThrottle() {
        return throttle;
    }

    /**
     * Logs in: checks {@code credentials}, then asks the realm for an avatar for one of
     * {@code interfaces}. Fails with {@link UnhandledCredentials} when no checker handles the
     * credentials and with {@link UnauthorizedLogin} when they are wrong. The client's address is
     * unknown: its failures are not limited. Protocols should use
     * {@link #login(Credentials, Object, Address, Class[])}.
     */
    public Deferred<LoginResult> login(Credentials credentials, Object mind, Class<?>... interfaces) {
        return login(credentials, mind, (Address) null, interfaces);
    }

    /**
     * Logs in a client at {@code client} (the transport's peer; null when unknown): as
     * {@link #login(Credentials, Object, Class[])}, but the client's failed logins are limited by the
     * {@link #loginThrottle()} (beyond it the login fails with {@link LoginThrottled}, unchecked), and
     * refusals are logged with its address.
     */
    public Deferred<LoginResult> login(Credentials credentials, Object mind, Address client, Class<?>... interfaces) {
        Objects.requireNonNull(credentials, "credentials");
        if (interfaces.length == 0) {
            throw new IllegalArgumentException("at least one interface is required");
        }
        CredentialsChecker checker = checkerFor(credentials);
        if (checker == null) {
            log.warn("login with unhandled credentials {}", credentials.getClass().getSimpleName());
            return Deferred.fail(new UnhandledCredentials(credentials.getClass()));
        }
        List<Class<?>> wanted = List.of(interfaces);
        String key = throttle == null || client == null ? null : LoginThrottle.clientKey(client);
        String host = LoginThrottle.clientHost(client);
        Deferred<AvatarId> checked;
        if (key != null) {
            Duration wait = throttle.tryStart(key);
            if (!wait.isZero()) {
                log.debug("login throttled: client={} user={} wait={}s", host, userOf(credentials),
                        Math.max(1, wait.toSeconds()));
                checked = Deferred.fail(new LoginThrottled());
            } else {
                checked = Deferred.maybeDeferredDeferred(() -> checker.requestAvatarId(credentials));
                recordOutcome(checked, key, host, credentials);
            }
        } else {
            checked = Deferred.maybeDeferredDeferred(() -> checker.requestAvatarId(credentials));
        }
        Deferred<AvatarId> delayed = delayFailures(checked, credentials, host);
        return delayed.addCallbackDeferred(avatarId -> avatarFor(avatarId, mind, wanted));
    }

    /** The checker registered for the credentials' own class, else for the first kind they are. */
    private CredentialsChecker checkerFor(Credentials credentials) {
        CredentialsChecker exact = checkers.get(credentials.getClass());
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<Class<? extends Credentials>, CredentialsChecker> entry : checkers.entrySet()) {
            if (entry.getKey().isInstance(credentials)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private Deferred<LoginResult> avatarFor(AvatarId avatarId, Object mind, List<Class<?>> wanted) {
        if (avatarId == null) {
            return Deferred.fail(new IllegalStateException("checker gave no avatar id"));
        }
        return realm.requestAvatar(avatarId, mind, wanted).addCallback(result -> {
            if (result == null || !wanted.contains(result.iface())) {
                throw new IllegalStateException("realm answered with an interface that was not requested");
            }
            return result;
        });
    }

    /**
     * A Deferred with the checker's outcome, its refusals held back by the failure delay. Cancelling
     * it during the delay cancels the delay.
     */
    private Deferred<AvatarId> delayFailures(Deferred<AvatarId> checked, Credentials credentials, String host) {
        DelayedCall[] pending = new DelayedCall[1];
        Deferred<AvatarId> result = new Deferred<>(self -> {
            if (pending[0] != null && pending[0].active()) {
                pending[0].cancel();
            }
            checked.cancel();
        });
        checked.addCallbacks(avatarId -> {
            if (!result.isCalled()) {
                result.callback(avatarId);
            }
            return null;
        }, failure -> {
            if (result.isCalled()) {
                return null;
            }
            if (!isRefusal(failure)) {
                result.errback(failure);
                return null;
            }
            logRefusal(failure, credentials, host);
            if (failureDelay.isZero()) {
                result.errback(failure);
            } else {
                pending[0] = clock.callLater(failureDelay, () -> {
                    if (!result.isCalled()) {
                        result.errback(failure);
                    }
                });
            }
            return null;
        });
        return result;
    }

    private static boolean isRefusal(Failure failure) {
        return failure.check(ValidPublicKey.class, UnhandledCredentials.class) == null;
    }

    /** Tells the throttle how a checked login of {@code key} ended; logs when it starts making the client wait. */
    private void recordOutcome(Deferred<AvatarId> checked, String key, String host, Credentials credentials) {
        LoginThrottle counting = throttle;
        checked.<AvatarId>addBothDeferred((id, failure) -> {
            if (failure == null) {
                counting.succeeded(key);
            } else if (failure.check(UnauthorizedLogin.class) != null) {
                Duration wait = counting.failed(key);
                if (!wait.isZero()) {
                    log.warn("login throttled: client={} user={} failures={} wait={}s", host, userOf(credentials),
                            counting.failures(key), Math.max(1, wait.toSeconds()));
                }
            } else {
                counting.ended(key);
            }
            return failure == null ? Deferred.succeed(id) : Deferred.fail(failure); // the outcome goes on unchanged
        });
    }

    /** The user name the credentials claim, safe for a log line; {@code -} when they name none. */
    private static String userOf(Credentials credentials) {
        if (credentials instanceof UsernameHashedPassword named) {
            return LogSafe.text(named.username());
        }
        if (credentials instanceof SshPublicKey key) {
            return LogSafe.text(key.username());
        }
        return "-";
    }

    private static void logRefusal(Failure failure, Credentials credentials, String host) {
        if (failure.check(UnauthorizedLogin.class) != null) {
            log.info("login refused: client={} user={} credentials={}", host, userOf(credentials),
                    credentials.getClass().getSimpleName());
        } else if (failure.check(LoginThrottled.class) == null) {
            log.warn("login failed: client={} user={} credentials={}: {}", host, userOf(credentials),
                    credentials.getClass().getSimpleName(), failure.type().getName());
            log.debug("login failure detail", failure.value());
        }
    }
}
