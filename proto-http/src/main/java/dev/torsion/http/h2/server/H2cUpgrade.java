package dev.torsion.http.h2.server;

import dev.torsion.http.Headers;
import dev.torsion.http.h2.codec.Http2Exception;
import dev.torsion.http.h2.codec.Http2Frame;
import dev.torsion.http.h2.codec.Http2Payloads;
import dev.torsion.http.h2.hpack.HeaderField;
import dev.torsion.http.server.Request;
import dev.torsion.http.server.RequestHandler;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The h2c upgrade from HTTP/1.1 (RFC 7540 section 3.2), in front of a cleartext port's handler: a
 * request that asks for it ({@code Upgrade: h2c}, one {@code HTTP2-Settings}, both named in
 * {@code Connection}) and carries no body is answered {@code 101 Switching Protocols}, and the
 * connection goes on as HTTP/2 with that request served as stream 1. Every other request, and
 * every request over TLS (where ALPN chooses), goes to the site as HTTP/1.1.
 *
 * <p>RFC 9113 (section 3.1) deprecates the upgrade, but curl {@code --http2} on http:// still asks
 * for it. A request with a body is not upgraded (section 3.2 would have the whole body read first;
 * a server may always ignore the upgrade). An {@code HTTP2-Settings} that is not base64url of a
 * valid SETTINGS payload is a 400; a missing or repeated one means no upgrade (section 3.2.1).
 */
final class H2cUpgrade implements RequestHandler {
    private static final Logger log = LoggerFactory.getLogger(H2cUpgrade.class);
    /** Fields that belong to the HTTP/1.1 connection, not to the request on stream 1 (RFC 9113 section 8.2.2). */
    private static final Set<String> CONNECTION_SPECIFIC = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "upgrade", "http2-settings", "host");

    private final RequestHandler site;
    private final Supplier<Http2Connection> http2;
    /** The request whose 101 is being written: the site logs it as stream 1, not as a 101. */
    private Request upgrading;

    H2cUpgrade(RequestHandler site, Supplier<Http2Connection> http2) {
        this.site = site;
        this.http2 = http2;
    }

    @Override
    public boolean implementsMethod(String method) {
        return site.implementsMethod(method);
    }

    @Override
    public long headReceived(Request request) {
        return site.headReceived(request);
    }

    @Override
    public boolean streamsBody(Request request) {
        return site.streamsBody(request);
    }

    @Override
    public boolean refusesBody(Request request) {
        return site.refusesBody(request);
    }

    @Override
    public void requestReceived(Request request) {
        if (!asksForUpgrade(request)) {
            site.requestReceived(request);
            return;
        }
        Map<Integer, Long> settings;
        try {
            settings = settings(request.getHeader("HTTP2-Settings"));
        } catch (IllegalArgumentException | Http2Exception e) {
            log.info("bad HTTP2-Settings from {}: {}", request.getClientAddress(), e.getMessage());
            request.fail(400, "The HTTP2-Settings header is not a valid SETTINGS payload.");
            return;
        }
        Http2Connection connection = http2.get();
        connection.continueUpgrade(settings, fields(request));
        upgrading = request;
        try {
            request.switchProtocols(Headers.of("Connection", "Upgrade", "Upgrade", "h2c"), connection);
        } catch (IllegalStateException cannotSwitch) {
            // The channel could not hand the connection over (the site streams this request's
            // body, say): the request is served in HTTP/1.1, as a server may always do (section 3.2).
            upgrading = null;
            site.requestReceived(request);
        } finally {
            upgrading = null;
        }
    }

    @Override
    public void requestDone(Request request) {
        if (request != upgrading) {
            site.requestDone(request);
        }
    }

    /** Section 3.2: HTTP/1.1, {@code h2c} offered, one HTTP2-Settings, both named in Connection, no body. */
    private static boolean asksForUpgrade(Request request) {
        Headers headers = request.requestHeaders();
        return request.version().equals("HTTP/1.1")
                && headers.containsToken("Upgrade", "h2c")
                && headers.getAll("HTTP2-Settings").size() == 1
                && headers.containsToken("Connection", "upgrade")
                && headers.containsToken("Connection", "http2-settings")
                && !headers.contains("Transfer-Encoding")
                && (!headers.contains("Content-Length") || headers.get("Content-Length").trim().equals("0"));
    }

    /** Section 3.2.1: the payload of a SETTINGS frame, base64url-encoded without padding (token68). */
    static Map<Integer, Long> settings(String encoded) throws Http2Exception {
        byte[] payload = Base64.getUrlDecoder().decode(encoded.trim());
        Http2Frame frame = new Http2Frame(Http2Frame.SETTINGS, 0, 0, payload);
        Http2Payloads.check(frame);
        return Http2Payloads.settings(frame);
    }

    /** The request as an HTTP/2 header list, without the fields of the HTTP/1.1 connection. */
    private static List<HeaderField> fields(Request request) {
        Headers headers = request.requestHeaders();
        Set<String> named = new HashSet<>();
        for (String token : String.join(",", headers.getAll("Connection")).split(",")) {
            named.add(token.trim().toLowerCase(Locale.ROOT));
        }
        List<HeaderField> fields = new ArrayList<>();
        fields.add(new HeaderField(":method", request.method()));
        fields.add(new HeaderField(":scheme", "http"));
        String host = request.getHeader("Host");
        if (host != null) {
            fields.add(new HeaderField(":authority", host));
        }
        fields.add(new HeaderField(":path", request.uri()));
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (CONNECTION_SPECIFIC.contains(lower) || named.contains(lower)
                    || lower.equals("te") && !value.trim().equalsIgnoreCase("trailers")) {
                return;
            }
            fields.add(new HeaderField(lower, value));
        });
        return fields;
    }
}
