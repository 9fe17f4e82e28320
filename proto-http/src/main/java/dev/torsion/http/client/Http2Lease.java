package dev.torsion.http.client;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.http.h2.client.Http2ClientConnection;

/**
 * One request's use of an HTTP/2 connection that an origin chose by ALPN: the request is a stream
 * of the shared {@link Http2ClientConnection}, and dropping it resets that stream only.
 */
final class Http2Lease implements PooledConnection {
    private final Http2ClientConnection connection;
    private Deferred<Response> stream;

    Http2Lease(Http2ClientConnection connection) {
        this.connection = connection;
    }

    @Override
    public void send(OutgoingRequest outgoing, Deferred<Response> result) {
        stream = connection.request(outgoing.method(), outgoing.uri(), outgoing.headers(), outgoing.body());
        stream.chainDeferred(result);
    }

    /**
     * RFC 9113 section 8.7: a stream the server refused (REFUSED_STREAM) or did not take before its
     * GOAWAY was not processed, so any request, idempotent or not, may go again; both fail with
     * {@link ResponseNeverReceived}.
     */
    @Override
    public boolean mayRetry(OutgoingRequest outgoing, Failure failure) {
        return failure.check(ResponseNeverReceived.class) != null;
    }

    @Override
    public void abort() {
        if (stream != null && !stream.isCalled()) {
            stream.cancel();
        }
    }
}
