package dev.torsion.http.websocket.server;

import dev.torsion.http.Headers;
import dev.torsion.http.HttpStatus;
import dev.torsion.http.websocket.Handshake;
import dev.torsion.http.websocket.codec.PerMessageDeflate;
import java.util.List;
import java.util.function.Predicate;

/**
 * The server's reading of an opening handshake (RFC 6455 section 4.2), pure: a request's method,
 * version and headers in, an acceptance (the 101's headers, the agreed subprotocol and compression)
 * or a refusal (its status, headers and reason) out.
 *
 * <p>Refusals: not GET or not HTTP/1.1: 400 (section 4.2.1 items 1 and 2); no {@code Upgrade:
 * websocket}: 426 with {@code Upgrade: websocket} (RFC 9110 section 15.5.22); no {@code upgrade}
 * in {@code Connection}, a missing, repeated or malformed {@code Sec-WebSocket-Key}: 400; a
 * {@code Sec-WebSocket-Version} other than 13: 426 with {@code Sec-WebSocket-Version: 13} (section
 * 4.4); an {@code Origin} the site does not allow: 403 (section 10.2).
 */
public final class ServerHandshake {
    private ServerHandshake() {
    }

    /** The outcome: {@link Accept} or {@link Refuse}. */
    public sealed interface Outcome {
    }

    /**
     * The handshake is accepted.
     *
     * @param headers the 101's header fields
     * @param subprotocol the chosen subprotocol, or null
     * @param deflate the agreed permessage-deflate, or null
     */
    public record Accept(Headers headers, String subprotocol, PerMessageDeflate deflate) implements Outcome {
    }

    /**
     * The handshake is refused.
     *
     * @param status the HTTP status to answer with
     * @param headers header fields the answer carries
     * @param reason why, for the error page and the log
     */
    public record Refuse(int status, Headers headers, String reason) implements Outcome {
    }

    /**
     * Reads a handshake. {@code subprotocols} are this server's, in its order of preference (the
     * first the client offers is chosen, section 4.2.2 item 5.4); {@code compression} allows
     * permessage-deflate; {@code origins} says which {@code Origin} values (null when the client
     * sent none) may connect.
     */
    public static Outcome read(String method, String version, Headers request, List<String> subprotocols,
            boolean compression, Predicate<String> origins) {
        if (!method.equals("GET") || !version.equals("HTTP/1.1")) {
            return refuse(HttpStatus.BAD_REQUEST, new Headers(), "a WebSocket handshake is an HTTP/1.1 GET");
        }
        if (!request.containsToken("Upgrade", "websocket")) {
            return refuse(426, Headers.of("Upgrade", "websocket", "Connection", "Upgrade",
                    "Sec-WebSocket-Version", Handshake.VERSION), "this resource speaks WebSocket only");
        }
        if (!request.containsToken("Connection", "upgrade")) {
            return refuse(HttpStatus.BAD_REQUEST, new Headers(), "Connection does not hold upgrade");
        }
        List<String> versions = request.getAll("Sec-WebSocket-Version");
        if (versions.size() != 1 || !versions.get(0).trim().equals(Handshake.VERSION)) {
            // Section 4.4: the versions this server speaks go back in Sec-WebSocket-Version.
            return refuse(426, Headers.of("Sec-WebSocket-Version", Handshake.VERSION),
                    "unsupported WebSocket version " + versions);
        }
        List<String> keys = request.getAll("Sec-WebSocket-Key");
        if (keys.size() != 1 || !Handshake.isValidKey(keys.get(0).trim())) {
            return refuse(HttpStatus.BAD_REQUEST, new Headers(), "missing or invalid Sec-WebSocket-Key");
        }
        String origin = request.get("Origin");
        if (!origins.test(origin)) {
            return refuse(HttpStatus.FORBIDDEN, new Headers(), "origin not allowed: " + origin);
        }
        Headers answer = Headers.of("Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Accept", Handshake.acceptFor(keys.get(0).trim()));
        String subprotocol = chooseSubprotocol(request.getAll("Sec-WebSocket-Protocol"), subprotocols);
        if (subprotocol != null) {
            answer.add("Sec-WebSocket-Protocol", subprotocol);
        }
        PerMessageDeflate deflate = compression ? PerMessageDeflate.accept(request.getAll("Sec-WebSocket-Extensions")) : null;
        if (deflate != null) {
            answer.add("Sec-WebSocket-Extensions", deflate.responseHeader());
        }
        return new Accept(answer, subprotocol, deflate);
    }

    /** Section 4.2.2 item 5.4: one of the client's values, or none (the client then decides). */
    private static String chooseSubprotocol(List<String> offered, List<String> supported) {
        if (offered.isEmpty()) {
            return null;
        }
        List<String> values = offered.stream()
                .flatMap(header -> List.of(header.split(",")).stream())
                .map(String::trim)
                .toList();
        for (String candidate : supported) {
            for (String value : values) {
                // Subprotocol names are tokens compared exactly (section 11.5 registers them case-sensitively).
                if (value.equals(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static Refuse refuse(int status, Headers headers, String reason) {
        return new Refuse(status, headers, reason);
    }
}
