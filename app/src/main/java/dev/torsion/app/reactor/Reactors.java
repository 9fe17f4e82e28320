package dev.torsion.app.reactor;

import dev.torsion.internet.ConnectionDeadlines;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.ReactorProvider;
import dev.torsion.internet.ShutdownTimeout;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Makes the runner's reactors ({@code --reactor}, {@code --workers}) and remembers which of them
 * share their listening ports with sibling reactors, so that
 * {@link dev.torsion.app.service.ServerEndpoints} binds with SO_REUSEPORT for those.
 */
public final class Reactors {
    private static final Map<Reactor, Boolean> SHARING = Collections.synchronizedMap(new WeakHashMap<>());

    private Reactors() {
    }

    /**
     * A reactor of the provider on the class path (transport-netty's: Netty) on the loop named
     * {@code kind} ({@code epoll}, {@code kqueue}, {@code io_uring}, {@code nio}), or the best one
     * here when {@code kind} is null. With {@code sharedPorts}, its servers listen with
     * SO_REUSEPORT. Throws {@link IllegalArgumentException} for an unknown kind and
     * {@link IllegalStateException} for one this machine cannot run.
     */
    public static Reactor create(String kind, boolean sharedPorts) {
        Reactor reactor = ReactorProvider.load().create(kind);
        if (sharedPorts) {
            SHARING.put(reactor, Boolean.TRUE);
        }
        return reactor;
    }

    /**
     * Gives a reactor's own shutdown a little more than {@code grace}: the runner cuts the
     * connections still open when the grace is over (logging each), so the reactor's own reset
     * of connections (at half its timeout) comes a second after that, as a backstop.
     */
    public static void allowShutdownGrace(Reactor reactor, Duration grace) {
        if (reactor instanceof ShutdownTimeout bounded) {
            bounded.setShutdownTimeout(grace.plusSeconds(1).multipliedBy(2));
        }
    }

    /**
     * Gives the connections {@code reactor} makes from now on these close and send deadlines
     * ({@code --close-timeout}, {@code --send-timeout}; zero turns one off). Returns false when the
     * reactor cannot apply them.
     */
    public static boolean applyConnectionDeadlines(Reactor reactor, Duration closeTimeout, Duration sendTimeout) {
        if (!(reactor instanceof ConnectionDeadlines deadlines)) {
            return false;
        }
        deadlines.setCloseTimeout(closeTimeout);
        deadlines.setSendTimeout(sendTimeout);
        return true;
    }

    /** Whether {@code reactor} was made to share its listening ports with sibling reactors. */
    public static boolean sharesPorts(Reactor reactor) {
        return SHARING.containsKey(reactor);
    }
}
