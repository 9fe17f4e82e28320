package dev.torsion.http.server;

/**
 * What an {@link HttpChannel} hands its requests to: a {@link dev.torsion.http.resource.Site}
 * normally. Calls come on the reactor thread, one request of a connection at a time.
 */
public interface RequestHandler {
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
     * Called once the whole request, body included, has arrived (or, for a streamed body, once
     * its head has): answer it now or later.
     */
    void requestReceived(Request request);

    /** Called once the response to {@code request} is finished or the client went away: for the access log. */
    default void requestDone(Request request) {
    }
}
