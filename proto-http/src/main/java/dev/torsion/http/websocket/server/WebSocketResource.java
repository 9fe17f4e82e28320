package dev.torsion.http.websocket.server;

import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.server.Request;
import dev.torsion.http.websocket.WebSocketConnection;
import dev.torsion.http.websocket.WebSocketLimits;
import dev.torsion.http.websocket.WebSocketProtocol;
import dev.torsion.http.websocket.codec.Side;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resource that upgrades its requests to WebSocket connections (RFC 6455 section 4.2): a valid
 * handshake is answered {@code 101 Switching Protocols} and the connection is handed to the
 * {@link WebSocketProtocol} the factory makes for the request (which sees its path, headers,
 * cookies and user); anything else is refused with its status (see {@link ServerHandshake}).
 * A factory that returns null refuses the request with 403.
 *
 * <pre>{@code
 * root.putChild("echo", new WebSocketResource(request -> new Echo()));
 * }</pre>
 */
public class WebSocketResource extends Resource {
    private static final Logger log = LoggerFactory.getLogger(WebSocketResource.class);

    private final Function<Request, WebSocketProtocol> factory;
    private final List<String> subprotocols;
    private final WebSocketLimits limits;
    private final boolean compression;
    private final Predicate<String> origins;

    /** A resource making a protocol per request, with the default limits, compression allowed, any origin. */
    public WebSocketResource(Function<Request, WebSocketProtocol> factory) {
        this(factory, List.of(), WebSocketLimits.DEFAULT, true, origin -> true);
    }

    /**
     * A resource with its {@code subprotocols} (in order of preference), {@code limits}, whether
     * it allows permessage-deflate, and which {@code Origin} values (null: none sent) may connect
     * (browsers send theirs: a page from another site must not reach a resource that trusts cookies).
     */
    public WebSocketResource(Function<Request, WebSocketProtocol> factory, List<String> subprotocols,
            WebSocketLimits limits, boolean compression, Predicate<String> origins) {
        super(true);
        this.factory = Objects.requireNonNull(factory, "factory");
        this.subprotocols = List.copyOf(subprotocols);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.compression = compression;
        this.origins = Objects.requireNonNull(origins, "origins");
    }

    /** The limits of this resource's connections. */
    public WebSocketLimits limits() {
        return limits;
    }

    @Override
    public Rendered render(Request request) {
        ServerHandshake.Outcome outcome = ServerHandshake.read(request.method(), request.version(),
                request.requestHeaders(), subprotocols, compression, origins);
        if (outcome instanceof ServerHandshake.Refuse refusal) {
            log.info("refusing a WebSocket handshake from {} with {}: {}", request.getClientAddress(),
                    refusal.status(), refusal.reason());
            refusal.headers().forEach(request::setHeader);
            request.fail(refusal.status(), refusal.reason());
            return NOT_DONE_YET;
        }
        ServerHandshake.Accept accepted = (ServerHandshake.Accept) outcome;
        WebSocketProtocol protocol = factory.apply(request);
        if (protocol == null) {
            request.fail(403, "refused by the application");
            return NOT_DONE_YET;
        }
        request.switchProtocols(accepted.headers(), new WebSocketConnection(Side.SERVER, protocol, limits,
                request.clock(), accepted.deflate(), accepted.subprotocol()));
        return NOT_DONE_YET;
    }
}
