package dev.torsion.http.server;

import java.util.Set;

/**
 * What an {@link HttpChannel} hands its requests to: a {@link dev.torsion.http.resource.Site}
 * normally. Calls come on the reactor thread, one request of a connection at a time.
 */
public interface RequestHandler {
    /**
     * The methods of RFC 9110 section 9 and PATCH (RFC 5789): what a server implements unless its
     * handler says otherwise. Methods are case-sensitive (RFC 9110 section 9.1).
     */
    Set<String> STANDARD_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    /**
     * Whether this handler implements {@code method} at all: a method it does not is answered 501
     * (RFC 9110 section 9.1) before any resource sees it. Override to serve extension methods
     * (WebDAV's, say).
     */
    default boolean implementsMethod(String method) {
        return STANDARD_METHODS.contains(method);
    }

    /**
     * Called once a request's head has arrived, before its body: returns how many body bytes this
     * request may carry (a larger body is refused with 413). The handler may look the target up here.
     */
    long headReceived(Request request);

    /**
     * Called after {@link #headReceived}: true to have the request handed on at once and its body
     * streamed to {@link Request#deliverBody}, false (the default) to buffer the body first.
     */
    default boolean streamsBody(Request request) {
        return false;
    }

    /**
     * Called after {@link #headReceived} for a request that carries a body: true when the request
     * cannot take one whatever it holds (no such resource, a method not allowed), so that it is
     * answered at once, its body unread, and the connection closed lingering after the answer.
     */
    default boolean refusesBody(Request request) {
        return false;
    }

    /**
     * Called once the whole request, body included, has arrived (or, for a streamed body, once
     * its head has): answer it now or later.
     */
    void requestReceived(Request request);

    /** Called once the response to {@code request} is finished or the client went away: for the access log. */
    default void requestDone(Request request) {
    }
}
