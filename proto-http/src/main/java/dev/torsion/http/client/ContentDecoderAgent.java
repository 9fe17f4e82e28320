package dev.torsion.http.client;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.http.Headers;
import dev.torsion.internet.Protocol;
import java.io.IOException;
import java.util.Locale;

/**
 * Asks for gzip and decodes it, as Twisted's {@code ContentDecoderAgent} with {@code GzipDecoder}:
 * sends {@code Accept-Encoding: gzip} and gives a response whose body is decoded incrementally and
 * whose {@code Content-Encoding} and {@code Content-Length} are gone. A corrupt or truncated stream
 * fails the body with {@link ResponseFailed}; so does one inflating beyond the limit.
 */
public final class ContentDecoderAgent implements HttpClient {
    private final HttpClient agent;
    private final long maxDecodedBytes;

    /** Decodes bodies up to 1 GiB decoded. */
    public ContentDecoderAgent(HttpClient agent) {
        this(agent, 1L << 30);
    }

    /** Decodes bodies up to {@code maxDecodedBytes} decoded. */
    public ContentDecoderAgent(HttpClient agent, long maxDecodedBytes) {
        this.agent = agent;
        this.maxDecodedBytes = maxDecodedBytes;
    }

    @Override
    public Deferred<Response> request(String method, String uri, Headers headers, BodyProducer body) {
        Headers withAccept = headers == null ? new Headers() : new Headers(headers);
        if (!withAccept.contains("Accept-Encoding")) {
            withAccept.set("Accept-Encoding", "gzip");
        }
        return agent.request(method, uri, withAccept, body).addCallback(this::decode);
    }

    private Response decode(Response response) {
        String encoding = response.headers().get("Content-Encoding");
        if (encoding == null) {
            return response;
        }
        String coding = encoding.trim().toLowerCase(Locale.ROOT);
        if (!coding.equals("gzip") && !coding.equals("x-gzip")) {
            return response;
        }
        Headers decodedHeaders = new Headers(response.headers());
        decodedHeaders.remove("Content-Encoding");
        decodedHeaders.remove("Content-Length");
        return response.withBody(decodedHeaders, target -> response.deliverBody(new Decoding(target, maxDecodedBytes)));
    }

    /** Sits between the connection and the user's protocol, inflating as bytes pass. */
    private static final class Decoding extends Protocol {
        private final Protocol target;
        private final GzipDecoder decoder;
        private boolean failed;

        Decoding(Protocol target, long maxBytes) {
            this.target = target;
            this.decoder = new GzipDecoder(maxBytes);
        }

        @Override
        public void connectionMade() {
            target.makeConnection(transport());
        }

        @Override
        public void dataReceived(byte[] data) {
            if (failed) {
                return;
            }
            try {
                byte[] decoded = decoder.decode(data);
                if (decoded.length > 0) {
                    target.dataReceived(decoded);
                }
            } catch (IOException e) {
                failed = true;
                decoder.close();
                target.notifyConnectionLost(Failure.of(new ResponseFailed(e.getMessage(), e)));
                transport().loseConnection();
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            if (failed) {
                return;
            }
            decoder.close();
            if (reason.check(ResponseDone.class) != null) {
                try {
                    decoder.finish();
                } catch (IOException e) {
                    target.notifyConnectionLost(Failure.of(new ResponseFailed(e.getMessage(), e)));
                    return;
                }
            }
            target.notifyConnectionLost(reason);
        }
    }
}
