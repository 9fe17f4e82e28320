package dev.torsion.app.service;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service made of services: Twisted's {@code MultiService}. It starts its children in the order
 * they were added, each one after the previous one has started, and stops them in the reverse
 * order, each one after the next one has stopped; so a service may rely on those added before it.
 * A child added while the parent runs starts at once.
 */
public class MultiService extends BaseService implements Iterable<Service> {
    private static final Logger log = LoggerFactory.getLogger(MultiService.class);
    private final List<Service> children = new ArrayList<>();
    private final Map<String, Service> byName = new LinkedHashMap<>();

    /**
     * Adds a child. Prefer {@link Service#setServiceParent}, which also records the parent on the
     * child and calls this. When this service runs, the child is started at once, and a failure
     * to start is logged.
     */
    public void addService(Service child) {
        Objects.requireNonNull(child, "child");
        if (children.contains(child)) {
            throw new IllegalStateException("service " + child + " is already a child of " + describe());
        }
        String childName = child.name();
        if (childName != null) {
            if (byName.containsKey(childName)) {
                throw new IllegalArgumentException("duplicate service name: " + childName);
            }
            byName.put(childName, child);
        }
        children.add(child);
        if (isRunning()) {
            child.privilegedStartService().addCallbackDeferred(ignored -> child.startService())
                    .addErrback(failure -> {
                        log.error("service {} added to {} failed to start: {}", child, describe(),
                                failure.getErrorMessage());
                        return null;
                    });
        }
    }

    /** Removes a child, stopping it first if this service runs; fires once it has stopped. */
    public Deferred<Void> removeService(Service child) {
        if (!children.remove(child)) {
            throw new IllegalArgumentException("service " + child + " is not a child of " + describe());
        }
        if (child.name() != null) {
            byName.remove(child.name());
        }
        if (isRunning()) {
            return child.stopService();
        }
        return Deferred.succeed(null);
    }

    /** The child with that name; throws {@link IllegalArgumentException} when there is none. */
    public Service getServiceNamed(String childName) {
        Service child = byName.get(childName);
        if (child == null) {
            throw new IllegalArgumentException("no service named " + childName + " in " + describe());
        }
        return child;
    }

    /** The children, in the order they were added. */
    public List<Service> services() {
        return Collections.unmodifiableList(new ArrayList<>(children));
    }

    @Override
    public Iterator<Service> iterator() {
        return services().iterator();
    }

    @Override
    public Deferred<Void> privilegedStartService() {
        return inOrder(services(), Service::privilegedStartService, false);
    }

    @Override
    public Deferred<Void> startService() {
        super.startService();
        return inOrder(services(), Service::startService, false);
    }

    /**
     * Stops the children in reverse order. A child that fails to stop does not keep the others
     * running: all are stopped, and the Deferred then fails with the first failure.
     */
    @Override
    public Deferred<Void> stopService() {
        super.stopService();
        List<Service> reversed = new ArrayList<>(children);
        Collections.reverse(reversed);
        return inOrder(reversed, Service::stopService, true);
    }

    /** One step applied to a service. */
    @FunctionalInterface
    private interface Step {
        Deferred<Void> apply(Service service);
    }

    /**
     * Applies {@code step} to each service in turn, each after the previous Deferred fired. With
     * {@code carryOn}, a failure does not stop the walk; the first one is reported at the end.
     */
    private static Deferred<Void> inOrder(List<Service> services, Step step, boolean carryOn) {
        Deferred<Void> done = new Deferred<>();
        new Walk(services.iterator(), step, carryOn, done).next();
        return done;
    }

    /** The state of one {@link #inOrder} walk. */
    private static final class Walk {
        private final Iterator<Service> remaining;
        private final Step step;
        private final boolean carryOn;
        private final Deferred<Void> done;
        private Failure firstFailure;

        Walk(Iterator<Service> remaining, Step step, boolean carryOn, Deferred<Void> done) {
            this.remaining = remaining;
            this.step = step;
            this.carryOn = carryOn;
            this.done = done;
        }

        /** Runs the steps that complete at once in a loop, so that long lists use no stack. */
        void next() {
            while (remaining.hasNext()) {
                Service service = remaining.next();
                Deferred<Void> result;
                try {
                    result = step.apply(service);
                } catch (RuntimeException e) {
                    result = Deferred.fail(e);
                }
                boolean[] sync = {true};
                boolean[] finished = {false};
                result.addBoth((value, failure) -> {
                    if (failure != null && !recordFailure(failure)) {
                        return null;
                    }
                    finished[0] = true;
                    if (!sync[0]) {
                        next();
                    }
                    return null;
                });
                sync[0] = false;
                if (done.isCalled()) {
                    return;
                }
                if (!finished[0]) {
                    return;
                }
            }
            if (firstFailure != null) {
                done.errback(firstFailure);
            } else {
                done.callback(null);
            }
        }

        /** Keeps the failure; returns whether to go on with the next service. */
        private boolean recordFailure(Failure failure) {
            if (firstFailure == null) {
                firstFailure = failure;
            }
            if (!carryOn) {
                done.errback(failure);
                return false;
            }
            return true;
        }
    }
}
