package dev.torsion.app.service;

import dev.torsion.defer.Deferred;
import java.util.Objects;

/**
 * A service that keeps its name, parent and running state: Twisted's {@code Service}. Subclasses
 * override {@link #startService()} and {@link #stopService()} and call {@code super} first, so that
 * {@link #isRunning()} stays true to the state.
 */
public class BaseService implements Service {
    private String name;
    private MultiService parent;
    private boolean running;

    @Override
    public String name() {
        return name;
    }

    @Override
    public void setName(String name) {
        if (parent != null) {
            throw new IllegalStateException("cannot rename service " + this.name + " while it has a parent");
        }
        this.name = name;
    }

    @Override
    public MultiService parent() {
        return parent;
    }

    @Override
    public void setServiceParent(MultiService newParent) {
        Objects.requireNonNull(newParent, "parent");
        if (parent != null) {
            throw new IllegalStateException("service " + describe() + " already has a parent");
        }
        parent = newParent;
        newParent.addService(this);
    }

    @Override
    public Deferred<Void> disownServiceParent() {
        MultiService old = parent;
        if (old == null) {
            return Deferred.succeed(null);
        }
        parent = null;
        return old.removeService(this);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public Deferred<Void> startService() {
        running = true;
        return Deferred.succeed(null);
    }

    @Override
    public Deferred<Void> stopService() {
        running = false;
        return Deferred.succeed(null);
    }

    /** The name for messages: the service's name, else its class. */
    protected String describe() {
        return name != null ? name : getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + (name == null ? "" : name) + (running ? ", running" : "") + ")";
    }
}
