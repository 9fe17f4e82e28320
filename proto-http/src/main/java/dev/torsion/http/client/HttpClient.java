package dev.torsion.http.client;

import dev.torsion.defer.Deferred;
import dev.torsion.http.Headers;

/**
 * Something that makes HTTP requests, as Twisted's {@code IAgent}: the {@link Agent} and the
 * wrappers that add redirects, decoding and cookies to it.
 */
@FunctionalInterface
public interface HttpClient {
    /**
     * Requests {@code uri} with {@code method}; {@code headers} and {@code body} may be null. The
     * Deferred fires with the response once its head has arrived (the body follows through
     * {@link Response#deliverBody}), and fails with {@link ResponseNeverReceived} (or a connect
     * error) when no response came. Cancelling it drops the request.
     */
    Deferred<Response> request(String method, String uri, Headers headers, BodyProducer body);
}
