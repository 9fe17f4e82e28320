package dev.torsion.http.resource;

import dev.torsion.defer.Failure;
import dev.torsion.http.Headers;
import dev.torsion.http.Html;
import dev.torsion.http.HttpStatus;
import dev.torsion.http.client.BodyProducer;
import dev.torsion.http.client.HttpClient;
import dev.torsion.http.client.Response;
import dev.torsion.http.client.ResponseDone;
import dev.torsion.http.form.UrlEncoding;
import dev.torsion.http.server.Request;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.PushProducer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards requests to another HTTP server, as twisted.web's {@code proxy.ReverseProxyResource}:
 * the rest of the path (and the query) is appended to the backend's base path, end-to-end headers
 * go both ways (hop-by-hop ones do not), {@code X-Forwarded-For}, {@code -Proto} and {@code -Host}
 * are added, and both bodies stream with backpressure: the client's request body goes to the
 * backend as it arrives (reading from the client pauses while the backend is slow to take it), and
 * the backend's response body goes to the client as it arrives (the backend connection stops being
 * read while the client is slow). Neither is held whole in memory. A backend that cannot be reached
 * is a 502; a client that goes away drops the backend request.
 */
public class ReverseProxyResource extends Resource {
    private static final Logger log = LoggerFactory.getLogger(ReverseProxyResource.class);
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
            // This proxy answers the client's 100-continue itself, when the backend connection takes the body.
            "expect");

    private final HttpClient client;
    private final String backend;
    private final String basePath;

    /**
     * Forwards to {@code backendBase} (for example {@code http://127.0.0.1:8081/app}) through
     * {@code client} (an {@link dev.torsion.http.client.Agent}, without redirect or decoding wrappers).
     */
    public ReverseProxyResource(HttpClient client, String backendBase) {
        super(true);
        this.client = client;
        String trimmed = backendBase.endsWith("/") ? backendBase.substring(0, backendBase.length() - 1) : backendBase;
        int pathStart = trimmed.indexOf('/', trimmed.indexOf("://") + 3);
        this.backend = pathStart < 0 ? trimmed : trimmed.substring(0, pathStart);
        this.basePath = pathStart < 0 ? "" : trimmed.substring(pathStart);
    }

    /** The request body is passed on as it arrives. */
    @Override
    public boolean streamsRequestBody(Request request) {
        return true;
    }

    @Override
    public Rendered render(Request request) {
        StringBuilder path = new StringBuilder(basePath);
        for (String segment : request.postpath()) {
            path.append('/').append(UrlEncoding.encode(segment, false));
        }
        if (path.length() == 0) {
            path.append('/');
        }
        if (request.queryString() != null) {
            path.append('?').append(request.queryString());
        }
        Headers headers = forwardedHeaders(request);
        BodyProducer body = request.getHeader("Content-Length") != null || request.getHeader("Transfer-Encoding") != null
                ? new RequestBodyProducer(request) : null;
        var pending = client.request(request.method(), backend + path, headers, body);
        request.notifyFinish().addErrback(failure -> {
            pending.cancel();
            return null;
        });
        pending.addCallbacks(response -> {
            relay(request, response);
            return null;
        }, failure -> {
            if (!request.isLost() && !request.isFinished()) {
                log.info("backend {} failed for {}: {}", backend, request, failure.getErrorMessage());
                request.setResponseCode(HttpStatus.BAD_GATEWAY);
                request.setHeader("Content-Type", "text/html; charset=utf-8");
                request.respond(Html.errorPage(502, "Bad Gateway", "The server behind this one could not answer.")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return null;
        });
        return NOT_DONE_YET;
    }

    private static Headers forwardedHeaders(Request request) {
        Headers headers = new Headers();
        Set<String> listed = connectionTokens(request.requestHeaders());
        request.requestHeaders().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(lower) && !listed.contains(lower) && !lower.equals("content-length")) {
                headers.add(name, value);
            }
        });
        var address = request.getClientAddress();
        String client = address instanceof IPAddress ip ? ip.host() : String.valueOf(address);
        String earlier = request.getHeader("X-Forwarded-For");
        headers.set("X-Forwarded-For", earlier == null ? client : earlier + ", " + client);
        headers.set("X-Forwarded-Proto", request.isSecure() ? "https" : "http");
        if (request.getHostHeader() != null) {
            headers.set("X-Forwarded-Host", request.getHostHeader());
        }
        return headers;
    }

    private static Set<String> connectionTokens(Headers headers) {
        HashSet<String> tokens = new HashSet<>();
        for (String value : headers.getAll("Connection")) {
            for (String token : value.split(",")) {
                tokens.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        return tokens;
    }

    private static void relay(Request request, Response response) {
        if (request.isLost()) {
            response.deliverBody(new Protocol() {
                @Override
                public void connectionMade() {
                    transport().loseConnection();
                }
            });
            return;
        }
        request.setResponseCode(response.code(), response.phrase());
        Set<String> listed = connectionTokens(response.headers());
        response.headers().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(lower) && !listed.contains(lower) && !lower.equals("date") && !lower.equals("server")) {
                request.addHeader(name, value);
            }
        });
        response.deliverBody(new Relay(request));
    }

    /** Writes the backend's body into the client's response, pausing the backend when the client lags. */
    private static final class Relay extends Protocol implements PushProducer {
        private final Request request;
        private boolean registered;

        Relay(Request request) {
            this.request = request;
        }

        @Override
        public void connectionMade() {
            request.sendHead();
            request.registerProducer(this, true);
            registered = true;
        }

        @Override
        public void dataReceived(byte[] data) {
            if (!request.isLost()) {
                request.write(data);
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            if (registered && !request.isLost()) {
                registered = false;
                request.unregisterProducer();
            }
            if (request.isLost() || request.isFinished()) {
                return;
            }
            if (reason.check(ResponseDone.class) != null) {
                request.finish();
            } else {
                log.info("backend body failed for {}: {}", request, reason.getErrorMessage());
                request.abortConnection();
            }
        }

        @Override
        public void pauseProducing() {
            transport().pauseProducing();
        }

        @Override
        public void resumeProducing() {
            transport().resumeProducing();
        }

        @Override
        public void stopProducing() {
            transport().loseConnection();
        }
    }
}
