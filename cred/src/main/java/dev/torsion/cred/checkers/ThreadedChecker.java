package dev.torsion.cred.checkers;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.LoginThrottled;
import dev.torsion.cred.credentials.Credentials;
import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Reactor;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a checker that works synchronously (a password file or {@code /etc/shadow} read, then a
 * hash that is slow on purpose: bcrypt, yescrypt, SHA-crypt) on the reactor's thread pool, and
 * gives its answer back on the reactor thread. On the reactor thread itself every login would stall
 * every connection of that reactor for the length of the hash, and a flood of wrong passwords would
 * stall them for good. The wrapped checker must answer before {@code requestAvatarId} returns, as
 * the project's checkers do, and be safe to call from several threads.
 *
 * <p>At most {@code maxConcurrent} checks run at once (by default one per core: a slow hash keeps a
 * core busy, so more at once would only make each slower) and at most {@code maxQueued} wait for
 * their turn (by default 8 per core), first come first served. A check beyond both fails at once
 * with {@link LoginThrottled}, without being run: a flood of wrong passwords costs a bounded amount
 * of CPU and memory, and a real user's check waits behind at most {@code maxQueued} others instead
 * of behind the whole flood.
 */
public final class ThreadedChecker implements CredentialsChecker {
    /** Checks run at once unless told otherwise: one per core. */
    public static final int DEFAULT_MAX_CONCURRENT = Runtime.getRuntime().availableProcessors();
    /** Checks waiting for their turn unless told otherwise: eight per core. */
    public static final int DEFAULT_MAX_QUEUED = 8 * DEFAULT_MAX_CONCURRENT;

    private static final Logger log = LoggerFactory.getLogger(ThreadedChecker.class);

    private final CredentialsChecker blocking;
    private final Reactor reactor;
    private final int maxConcurrent;
    private final int maxQueued;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;
    /** Whether checks are being refused; one warning per such stretch, not one per refusal. */
    private boolean refusing;

    /** {@code blocking}, run by {@code reactor}'s {@link Reactor#deferToThread}, with the default bounds. */
    public ThreadedChecker(CredentialsChecker blocking, Reactor reactor) {
        this(blocking, reactor, DEFAULT_MAX_CONCURRENT, DEFAULT_MAX_QUEUED);
    }

    /**
     * {@code blocking}, run by {@code reactor}'s {@link Reactor#deferToThread}, at most
     * {@code maxConcurrent} at once and {@code maxQueued} waiting; more fail with {@link LoginThrottled}.
     */
    public ThreadedChecker(CredentialsChecker blocking, Reactor reactor, int maxConcurrent, int maxQueued) {
        this.blocking = Objects.requireNonNull(blocking, "blocking");
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        if (maxConcurrent < 1 || maxQueued < 0) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1 and maxQueued at least 0");
        }
        this.maxConcurrent = maxConcurrent;
        this.maxQueued = maxQueued;
    }

    @Override
    public Set<Class<? extends Credentials>> credentialTypes() {
        return blocking.credentialTypes();
    }

    @Override
    public Deferred<AvatarId> requestAvatarId(Credentials credentials) {
        Deferred<AvatarId> answer = new Deferred<>();
        Runnable check = () -> reactor.deferToThread(() -> answerOf(blocking.requestAvatarId(credentials)))
                .addBoth((id, failure) -> {
                    finished();
                    if (failure != null) {
                        answer.errback(failure);
                    } else {
                        answer.callback(id);
                    }
                    return null;
                });
        if (!admit(check)) {
            return Deferred.fail(new LoginThrottled());
        }
        return answer;
    }

    /** Runs {@code check} now, or queues it, or says false when both bounds are reached. */
    private boolean admit(Runnable check) {
        synchronized (waiting) {
            if (running >= maxConcurrent) {
                if (waiting.size() >= maxQueued) {
                    if (!refusing) {
                        refusing = true;
                        log.warn("password checks refused: {} running and {} waiting already (logged once until"
                                + " the queue drains)", maxConcurrent, maxQueued);
                    }
                    return false;
                }
                waiting.add(check);
                return true;
            }
            running++;
        }
        check.run();
        return true;
    }

    /** A check ended: the next waiting one takes its place. */
    private void finished() {
        Runnable next;
        synchronized (waiting) {
            next = waiting.poll();
            if (waiting.isEmpty()) {
                refusing = false;
            }
            if (next == null) {
                running--;
                return;
            }
        }
        next.run();
    }

    /** Checks running now. */
    public int running() {
        synchronized (waiting) {
            return running;
        }
    }

    /** Checks waiting for their turn now. */
    public int waiting() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    /** The id or the failure the checker fired its Deferred with before returning it. */
    private AvatarId answerOf(Deferred<AvatarId> answer) throws Exception {
        Object[] outcome = new Object[1];
        answer.addCallbacks(id -> {
            outcome[0] = id;
            return null;
        }, failure -> {
            outcome[0] = failure;
            return null;
        });
        if (outcome[0] instanceof Failure failure) {
            Throwable error = failure.value();
            if (error instanceof Exception exception) {
                throw exception;
            }
            if (error instanceof Error fatal) {
                throw fatal;
            }
            throw new IllegalStateException(error);
        }
        if (outcome[0] == null) {
            throw new IllegalStateException(blocking.getClass().getName() + " did not answer at once: it cannot run on a thread");
        }
        return (AvatarId) outcome[0];
    }

    @Override
    public String toString() {
        return "threaded " + blocking;
    }
}
