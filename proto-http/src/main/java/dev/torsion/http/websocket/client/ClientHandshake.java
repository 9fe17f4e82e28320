package dev.torsion.http.websocket.client;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.http.Headers;
import dev.torsion.http.MessageWriter;
import dev.torsion.http.parse.HttpMessageParser;
import dev.torsion.http.parse.HttpParseException;
import dev.torsion.http.parse.MessageHead;
import dev.torsion.http.parse.ParserLimits;
import dev.torsion.http.websocket.Handshake;
import dev.torsion.http.websocket.WebSocket;
import dev.torsion.http.websocket.WebSocketConnection;
import dev.torsion.http.websocket.WebSocketLimits;
import dev.torsion.http.websocket.WebSocketProtocol;
import dev.torsion.http.websocket.codec.PerMessageDeflate;
import dev.torsion.http.websocket.codec.Side;
import dev.torsion.http.websocket.codec.WebSocketException;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.Protocol;
import dev.torsion.time.Clock;
import dev.torsion.time.DelayedCall;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The client's side of the opening handshake (RFC 6455 section 4.1) on a fresh connection: sends
 * the upgrade request, checks the 101, and hands the connection to a {@link WebSocketConnection},
 * passing it whatever the server sent after the 101 (a message sent at once arrives with it).
 */
final class ClientHandshake extends Protocol implements HalfCloseableProtocol {
    /** The handshake's life: one transition method each. */
    enum State { CONNECTING, SENT, OPEN, FAILED }

    private final String target;
    private final Headers headers;
    private final List<String> subprotocols;
    private final boolean compression;
    private final WebSocketProtocol handler;
    private final WebSocketLimits limits;
    private final Clock clock;
    private final Deferred<WebSocket> result;
    private final HttpMessageParser parser;
    private final String key = Handshake.newKey();

    private State state = State.CONNECTING;
    private DelayedCall timer;
    private WebSocketConnection connection;

    ClientHandshake(String target, Headers headers, List<String> subprotocols, boolean compression,
            WebSocketProtocol handler, WebSocketLimits limits, ParserLimits parserLimits, Clock clock,
            Deferred<WebSocket> result) {
        this.target = target;
        this.headers = headers;
        this.subprotocols = subprotocols;
        this.compression = compression;
        this.handler = handler;
        this.limits = limits;
        this.clock = clock;
        this.result = result;
        this.parser = HttpMessageParser.forResponses(parserLimits);
    }

    /** CONNECTING → SENT: the upgrade request goes out (section 4.1), the answer has its deadline. */
    @Override
    public void connectionMade() {
        Headers fields = new Headers(headers);
        fields.set("Upgrade", "websocket");
        fields.set("Connection", "Upgrade");
        fields.set("Sec-WebSocket-Key", key);
        fields.set("Sec-WebSocket-Version", Handshake.VERSION);
        if (!subprotocols.isEmpty()) {
            fields.set("Sec-WebSocket-Protocol", String.join(", ", subprotocols));
        }
        if (compression) {
            fields.set("Sec-WebSocket-Extensions", PerMessageDeflate.clientOffer());
        }
        transport().write(MessageWriter.requestHead("GET", target, fields));
        state = State.SENT;
        timer = clock.callLater(limits.handshakeTimeout(), () -> fail(new WebSocketHandshakeFailed(0,
                "no handshake answer within " + limits.handshakeTimeout())));
    }

    @Override
    public void dataReceived(byte[] data) {
        if (state == State.OPEN) {
            connection.dataReceived(data);
            return;
        }
        if (state != State.SENT) {
            return;
        }
        parser.feed(data);
        try {
            if (parser.next() == HttpMessageParser.Event.HEAD) {
                headReceived(parser.head());
            }
        } catch (HttpParseException e) {
            fail(new WebSocketHandshakeFailed(0, "invalid handshake answer: " + e.getMessage()));
        } catch (WebSocketHandshakeFailed e) {
            fail(e);
        }
    }

    /** Section 4.1, the client's checks of the server's handshake, in its order. */
    private void headReceived(MessageHead head) throws WebSocketHandshakeFailed {
        Headers answer = head.headers();
        if (head.status() != 101) {
            throw new WebSocketHandshakeFailed(head.status(), "the server answered " + head.status() + " " + head.reason());
        }
        if (!answer.containsToken("Upgrade", "websocket") || !answer.containsToken("Connection", "upgrade")) {
            throw new WebSocketHandshakeFailed(101, "a 101 without Upgrade: websocket and Connection: upgrade");
        }
        String accept = answer.get("Sec-WebSocket-Accept");
        byte[] expected = Handshake.acceptFor(key).getBytes(StandardCharsets.US_ASCII);
        if (accept == null || !MessageDigest.isEqual(expected, accept.trim().getBytes(StandardCharsets.US_ASCII))) {
            throw new WebSocketHandshakeFailed(101, "wrong Sec-WebSocket-Accept");
        }
        String subprotocol = answer.get("Sec-WebSocket-Protocol");
        if (subprotocol != null && !subprotocols.contains(subprotocol.trim())) {
            throw new WebSocketHandshakeFailed(101, "the server chose a subprotocol not offered: " + subprotocol);
        }
        PerMessageDeflate deflate;
        try {
            deflate = PerMessageDeflate.fromResponse(answer.getAll("Sec-WebSocket-Extensions"));
        } catch (WebSocketException e) {
            throw new WebSocketHandshakeFailed(101, e.getMessage());
        }
        if (deflate != null && !compression) {
            throw new WebSocketHandshakeFailed(101, "the server accepted permessage-deflate, which was not offered");
        }
        open(new WebSocketConnection(Side.CLIENT, handler, limits, clock, deflate,
                subprotocol == null ? null : subprotocol.trim()));
    }

    /** SENT → OPEN: the connection belongs to the WebSocket now. */
    private void open(WebSocketConnection opened) {
        cancelTimer();
        state = State.OPEN;
        connection = opened;
        byte[] early = parser.takeBuffered();
        connection.makeConnection(transport());
        result.callback(connection);
        if (early.length > 0) {
            connection.dataReceived(early);
        }
    }

    /** CONNECTING or SENT → FAILED: the attempt fails and the connection closes. */
    private void fail(WebSocketHandshakeFailed error) {
        if (state == State.OPEN || state == State.FAILED) {
            return;
        }
        state = State.FAILED;
        cancelTimer();
        transport().abortConnection();
        if (!result.isCalled()) {
            result.errback(Failure.of(error));
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        cancelTimer();
        if (state == State.OPEN) {
            connection.notifyConnectionLost(reason);
            return;
        }
        state = State.FAILED;
        if (!result.isCalled()) {
            result.errback(Failure.of(new WebSocketHandshakeFailed(0,
                    "the connection closed before the handshake was answered: " + reason.getErrorMessage())));
        }
    }

    @Override
    public void readConnectionLost() {
        if (state == State.OPEN) {
            connection.readConnectionLost();
        } else {
            transport().loseConnection();
        }
    }

    @Override
    public void writeConnectionLost() {
        if (state == State.OPEN) {
            connection.writeConnectionLost();
        }
    }

    private void cancelTimer() {
        if (timer != null && timer.active()) {
            timer.cancel();
        }
        timer = null;
    }
}
