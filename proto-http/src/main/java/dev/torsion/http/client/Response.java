package dev.torsion.http.client;

import dev.torsion.http.Headers;
import dev.torsion.internet.Protocol;
import java.net.URI;

/**
 * A response's head, and its body on request, as Twisted's {@code IResponse}: the body is
 * delivered to a {@link Protocol} with {@link #deliverBody}; its {@code connectionLost} gets
 * {@link ResponseDone} at the end, or {@link ResponseFailed} when the body could not be read
 * whole. The protocol's transport pauses and resumes the connection's reading (backpressure)
 * and {@code loseConnection} stops the body. Until delivered, the body is buffered.
 */
public final class Response {
    /** How the body reaches the protocol given to {@link #deliverBody}. */
    @FunctionalInterface
    public interface BodyDelivery {
        /** Starts delivering the body to {@code protocol}. */
        void deliverTo(Protocol protocol);
    }

    private final String version;
    private final int code;
    private final String phrase;
    private final Headers headers;
    private final String requestMethod;
    private final URI requestUri;
    private final BodyDelivery delivery;
    private Response previousResponse;
    private boolean delivered;

    /** A response to {@code requestMethod} {@code requestUri} whose body comes through {@code delivery}. */
    public Response(String version, int code, String phrase, Headers headers, String requestMethod, URI requestUri,
            BodyDelivery delivery) {
        this.version = version;
        this.code = code;
        this.phrase = phrase;
        this.headers = headers;
        this.requestMethod = requestMethod;
        this.requestUri = requestUri;
        this.delivery = delivery;
    }

    /** {@code HTTP/1.1} or {@code HTTP/1.0}. */
    public String version() {
        return version;
    }

    /** The status code. */
    public int code() {
        return code;
    }

    /** The reason phrase. */
    public String phrase() {
        return phrase;
    }

    /** The header fields. */
    public Headers headers() {
        return headers;
    }

    /** The declared Content-Length, or -1. */
    public long length() {
        String length = headers.get("Content-Length");
        if (length == null || headers.contains("Transfer-Encoding")) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The method of the request this answers. */
    public String requestMethod() {
        return requestMethod;
    }

    /** The URI of the request this answers (after redirects: the last one). */
    public URI requestUri() {
        return requestUri;
    }

    /** The response that redirected to this one, or null. */
    public Response previousResponse() {
        return previousResponse;
    }

    /** Records the response that redirected here. */
    public void setPreviousResponse(Response previous) {
        this.previousResponse = previous;
    }

    /** Delivers the body to {@code protocol}; once only. */
    public void deliverBody(Protocol protocol) {
        if (delivered) {
            throw new IllegalStateException("the body was already delivered");
        }
        delivered = true;
        delivery.deliverTo(protocol);
    }

    /** A copy of this response with other headers and another body (a decoder's view). */
    public Response withBody(Headers newHeaders, BodyDelivery newDelivery) {
        Response copy = new Response(version, code, phrase, newHeaders, requestMethod, requestUri, newDelivery);
        copy.previousResponse = previousResponse;
        return copy;
    }

    @Override
    public String toString() {
        return "<Response " + code + " " + phrase + " for " + requestMethod + " " + requestUri + ">";
    }
}
