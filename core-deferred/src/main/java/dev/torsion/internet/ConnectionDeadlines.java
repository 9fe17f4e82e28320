package dev.torsion.internet;

import java.time.Duration;

/**
 * A reactor whose stream connections start with a close and a send deadline (see
 * {@link Transport}): the runner sets them from {@code --close-timeout} and {@code --send-timeout}
 * for every connection of every plugin; a protocol can still change its own connection's with
 * {@link Transport#setCloseTimeout} and {@link Transport#setSendTimeout}.
 */
public interface ConnectionDeadlines {
    /**
     * Sets how long {@code loseConnection()} of a connection made from now on waits for the peer
     * to take the pending output before aborting; null or zero: no deadline. Returns this reactor.
     */
    Reactor setCloseTimeout(Duration timeout);

    /**
     * Sets how long pending output of a connection made from now on may see no byte taken by the
     * peer before the connection is aborted; null or zero: no deadline. Returns this reactor.
     */
    Reactor setSendTimeout(Duration timeout);
}
