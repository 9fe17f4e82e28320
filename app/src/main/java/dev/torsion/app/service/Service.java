package dev.torsion.app.service;

import dev.torsion.defer.Deferred;

/**
 * Something that starts and stops with the application: Twisted's {@code IService}. Services nest
 * in a {@link MultiService}; the runner starts the root once the reactor runs and stops it when
 * the reactor shuts down.
 *
 * <p>Start goes in two steps, as in Twisted: {@link #privilegedStartService()} runs while the
 * process may still be root (bind port 80, open a root-only file), then the runner drops
 * privileges and calls {@link #startService()}. All methods run on the reactor thread.
 */
public interface Service {
    /** The service's name, unique among its siblings, or {@code null}. */
    String name();

    /** Names the service; only before it has a parent, since the parent indexes children by name. */
    void setName(String name);

    /** The service that contains this one, or {@code null} for the root. */
    MultiService parent();

    /** Adds this service to {@code parent}; it starts at once when the parent is running. */
    void setServiceParent(MultiService parent);

    /** Removes this service from its parent, stopping it if it runs; fires once it has stopped. */
    Deferred<Void> disownServiceParent();

    /** Whether {@link #startService()} has been called and {@link #stopService()} not since. */
    boolean isRunning();

    /**
     * The part of starting that needs privileges the process will drop (binding a low port); the
     * Deferred fires once it is done. The default does nothing.
     */
    default Deferred<Void> privilegedStartService() {
        return Deferred.succeed(null);
    }

    /** Starts the service; the Deferred fires once it has started (or fails if it could not). */
    Deferred<Void> startService();

    /** Stops the service; the Deferred fires once it has stopped (connections closed, ports released). */
    Deferred<Void> stopService();
}
