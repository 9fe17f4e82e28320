package dev.torsion.http.staticfiles;

import dev.torsion.defer.Deferred;
import java.util.concurrent.Callable;

/**
 * Runs file-system work whose cost grows with the file system (a directory listing reads every
 * entry) away from the reactor thread, so that one huge directory does not stall every other
 * client. {@code reactor::deferToThread} is the usual one; its Deferred fires on the reactor thread.
 */
@FunctionalInterface
public interface BlockingWork {
    /** Runs {@code work} and fires the Deferred with its result (on the reactor thread). */
    <T> Deferred<T> run(Callable<T> work);

    /**
     * Runs the work at once on the calling thread: for tests and for trees served without a
     * reactor at hand. A server with large directories should use {@code reactor::deferToThread}.
     */
    static BlockingWork inline() {
        return new BlockingWork() {
            @Override
            public <T> Deferred<T> run(Callable<T> work) {
                try {
                    return Deferred.succeed(work.call());
                } catch (Exception e) {
                    return Deferred.fail(e);
                }
            }
        };
    }
}
