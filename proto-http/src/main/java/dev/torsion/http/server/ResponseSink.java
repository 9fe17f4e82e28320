package dev.torsion.http.server;

import dev.torsion.http.Headers;

/**
 * Where one {@link Request}'s answer goes, in the parts every HTTP version has: interim answers, the
 * head, the body in pieces, the end with its trailers, or a cut. The connection implements it in its
 * own framing: {@link Http1ResponseWriter} writes HTTP/1.1 bytes (chunked or under a
 * Content-Length, {@code Connection} when the connection will close); an HTTP/2 stream sends
 * HEADERS, DATA and trailing HEADERS within its flow-control windows. So an answer is made once, by
 * the {@code Request}, and never read back from another representation.
 *
 * <p>Backpressure is the connection's: a producer registered through {@link Request#registerProducer}
 * is paused by the transport the request came on (a socket's unsent bytes, a stream's held output).
 *
 * <p>Calls come on the reactor thread, in this order: {@link #interim} any number of times, one
 * {@link #head}, then (unless the head ended the answer) {@link #body} pieces and one {@link #end};
 * {@link #abort} at any point ends everything.
 */
public interface ResponseSink {
    /** An interim answer without a body before the final one: {@code 100 Continue} (RFC 9110 section 15.2.1). */
    void interim(int status);

    /**
     * The final head, with the first piece of the body (empty for none) and whether the answer ends
     * with it: a small answer, head and body, leaves in one write.
     */
    void head(ResponseHead head, byte[] body, boolean end);

    /** A piece of the body (never empty, only when the head allows a body). */
    void body(byte[] piece);

    /**
     * The end of the answer, with its trailer fields (empty for none): sent where the framing can
     * carry them (an HTTP/1.1 chunked body, HTTP/2), dropped otherwise.
     */
    void end(Headers trailers);

    /**
     * The answer cannot be completed: it must not look complete to the client (HTTP/1.1: the
     * connection is aborted; HTTP/2: the stream is reset with INTERNAL_ERROR).
     */
    void abort();
}
