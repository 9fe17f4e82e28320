package dev.torsion.http.server;

import dev.torsion.http.Headers;
import dev.torsion.http.HttpDate;
import dev.torsion.http.HttpStatus;
import dev.torsion.http.MessageWriter;
import dev.torsion.internet.Transport;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP/1.1 framing of one answer (RFC 9112), written to its connection's transport with
 * {@link MessageWriter}: a body of unknown length to an HTTP/1.1 request is chunked (its trailers in
 * the last chunk), a sized one is sent as it is, and the head says {@code Connection: close} (or
 * {@code keep-alive} to HTTP/1.0) as the head's persistence asks. Body bytes are never copied: a chunk
 * is three pieces of one {@code writeSequence}.
 */
final class Http1ResponseWriter implements ResponseSink {
    private final Transport transport;
    private final boolean http11;
    private boolean chunked;

    /** A writer to {@code transport} of the answer to a request that was HTTP/1.1 ({@code http11}) or 1.0. */
    Http1ResponseWriter(Transport transport, boolean http11) {
        this.transport = transport;
        this.http11 = http11;
    }

    @Override
    public void interim(int status) {
        transport.write(status == HttpStatus.CONTINUE ? MessageWriter.CONTINUE.bytes()
                : MessageWriter.responseHead(status, HttpStatus.reason(status), new Headers()));
    }

    @Override
    public void head(ResponseHead head, byte[] body, boolean end) {
        Headers fields = head.fields();
        chunked = http11 && head.bodyAllowed() && head.contentLength() < 0;
        if (chunked) {
            fields.add("Transfer-Encoding", "chunked");
        }
        if (!head.persistent() && http11) {
            fields.add("Connection", "close");
        } else if (head.persistent() && !http11) {
            fields.add("Connection", "keep-alive");
        }
        byte[] headBytes = MessageWriter.responseHead(head.status(), head.reason(), fields);
        if (body.length == 0 && !(end && chunked)) {
            transport.write(headBytes);
            return;
        }
        List<byte[]> pieces = new ArrayList<>(5);
        pieces.add(headBytes);
        if (body.length > 0) {
            pieces.addAll(chunked ? MessageWriter.chunk(body) : List.of(body));
        }
        if (end && chunked) {
            pieces.add(MessageWriter.lastChunk(null));
        }
        transport.writeSequence(pieces);
    }

    @Override
    public void body(byte[] piece) {
        if (chunked) {
            transport.writeSequence(MessageWriter.chunk(piece));
        } else {
            transport.write(piece);
        }
    }

    @Override
    public void end(Headers trailers) {
        // A sized body, or one that ends with the connection, has no place for trailers.
        if (chunked) {
            transport.write(MessageWriter.lastChunk(trailers));
        }
    }

    @Override
    public void abort() {
        transport.abortConnection();
    }

    /**
     * {@code 101 Switching Protocols} with {@code headers} (RFC 9110 section 15.2.2), after which the
     * connection speaks another protocol: an HTTP/1.1 connection's own answer, no request's.
     */
    static void switchingProtocols(Transport transport, Headers headers) {
        Headers fields = new Headers();
        fields.add("Date", HttpDate.now());
        headers.forEach(fields::add);
        transport.write(MessageWriter.responseHead(101, "Switching Protocols", fields));
    }
}
