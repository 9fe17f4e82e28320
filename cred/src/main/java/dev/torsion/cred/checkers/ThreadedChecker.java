package dev.torsion.cred.checkers;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.credentials.Credentials;
import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Reactor;
import java.util.Objects;
import java.util.Set;

/**
 * Runs a checker that works synchronously (a password file or {@code /etc/shadow} read, then a
 * hash that is slow on purpose: bcrypt, yescrypt, SHA-crypt) on the reactor's thread pool, and
 * gives its answer back on the reactor thread. On the reactor thread itself every login would stall
 * every connection of that reactor for the length of the hash, and a flood of wrong passwords would
 * stall them for good. The wrapped checker must answer before {@code requestAvatarId} returns, as
 * the project's checkers do, and be safe to call from several threads.
 */
public final class ThreadedChecker implements CredentialsChecker {
    private final CredentialsChecker blocking;
    private final Reactor reactor;

    /** {@code blocking}, run by {@code reactor}'s {@link Reactor#deferToThread}. */
    public ThreadedChecker(CredentialsChecker blocking, Reactor reactor) {
        this.blocking = Objects.requireNonNull(blocking, "blocking");
        this.reactor = Objects.requireNonNull(reactor, "reactor");
    }

    @Override
    public Set<Class<? extends Credentials>> credentialTypes() {
        return blocking.credentialTypes();
    }

    @Override
    public Deferred<AvatarId> requestAvatarId(Credentials credentials) {
        return reactor.deferToThread(() -> answerOf(blocking.requestAvatarId(credentials)));
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
