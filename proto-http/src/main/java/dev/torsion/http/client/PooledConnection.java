package dev.torsion.http.client;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;

/**
 * What the {@link Agent} sends one request on: an HTTP/1.1 connection of its own
 * ({@link HttpClientConnection}), or a stream of a shared HTTP/2 connection ({@link Http2Lease}).
 */
interface PooledConnection {
    /** Sends {@code outgoing}; {@code result} fires with the response head, or fails. */
    void send(OutgoingRequest outgoing, Deferred<Response> result);

    /** Whether {@code outgoing}, failed with {@code failure} on this connection, may be sent again on a new one. */
    boolean mayRetry(OutgoingRequest outgoing, Failure failure);

    /** Drops the request (cancelled or timed out) before its response head came. */
    void abort();
}
