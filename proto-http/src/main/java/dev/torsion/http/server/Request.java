package dev.torsion.http.server;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.http.BodyPipe;
import dev.torsion.http.Headers;
import dev.torsion.http.Html;
import dev.torsion.http.HttpDate;
import dev.torsion.http.HttpError;
import dev.torsion.http.HttpStatus;
import dev.torsion.http.form.FormData;
import dev.torsion.http.form.FormLimits;
import dev.torsion.http.form.UrlEncoding;
import dev.torsion.http.parse.MessageHead;
import dev.torsion.internet.Address;
import dev.torsion.internet.Consumer;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.IPv6Address;
import dev.torsion.internet.Producer;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Transport;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.time.Clock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP request and its response, as twisted.web's {@code Request}: what the client asked
 * (method, path, arguments, headers, cookies, body) and the means to answer (status, headers,
 * cookies, {@link #write}, {@link #finish}).
 *
 * <p>The response head goes out with the first {@link #write} (or {@link #finish}). The answer
 * goes to the connection's {@link ResponseSink}, which frames it for the version the client speaks:
 * on HTTP/1.1 a body without a Content-Length set is chunked (an HTTP/1.0 one ends when the
 * connection closes); on HTTP/2 it is DATA frames. A response to HEAD carries the head only. A
 * request is also a {@link Consumer}: register a producer to stream a large body with backpressure.
 *
 * <p>Use it on the reactor thread only.
 */
public final class Request implements Consumer {
    private static final Logger log = LoggerFactory.getLogger(Request.class);
    private static final byte[] NO_BODY = new byte[0];

    private final HttpChannel channel;
    private final ResponseSink sink;
    private final MessageHead head;
    private final String path;
    private final String queryString;
    private final String absoluteHost;
    private final long receivedMillis;
    private final List<String> prepath = new ArrayList<>();
    private final List<String> postpath;
    private byte[] content = new byte[0];
    private BodyPipe bodyPipe;
    private Headers trailers = new Headers();
    private Map<String, List<String>> queryArgs;
    private Map<String, List<String>> args;
    private FormData form;
    private Map<String, String> cookies;
    private Object handlerState;
    private String user;

    private int code = HttpStatus.OK;
    private String codeMessage;
    private final Headers responseHeaders = new Headers();
    private final List<Cookie> responseCookies = new ArrayList<>(0);
    private Headers responseTrailers;
    private boolean started;
    private boolean finished;
    private boolean bodyAllowed = true;
    private boolean persistent;
    private boolean lost;
    private long bytesSent;
    private long declaredLength = -1;
    private List<Deferred<Void>> finishNotifications;

    Request(HttpChannel channel, MessageHead head, RequestTarget target, ResponseSink sink) {
        this.channel = channel;
        this.sink = sink;
        this.head = head;
        this.path = target.path();
        this.queryString = target.query();
        this.absoluteHost = target.host();
        this.receivedMillis = System.currentTimeMillis();
        this.postpath = splitPath(path);
        this.persistent = wantsPersistence(head);
    }

    private static List<String> splitPath(String rawPath) {
        List<String> segments = new ArrayList<>();
        if (!rawPath.startsWith("/")) {
            return segments;
        }
        for (String segment : rawPath.substring(1).split("/", -1)) {
            segments.add(UrlEncoding.decode(segment, false));
        }
        return segments;
    }

    private static boolean wantsPersistence(MessageHead head) {
        Headers headers = head.headers();
        if (head.isHttp11()) {
            return !headers.containsToken("Connection", "close");
        }
        return headers.containsToken("Connection", "keep-alive");
    }

    // ---------------------------------------------------------------- what was asked

    /** The method, as sent ({@code GET}, {@code POST}, ...). */
    public String method() {
        return head.method();
    }

    /** The request target as sent: {@code /a/b?x=1} (or the absolute form, as sent). */
    public String uri() {
        return head.target();
    }

    /** The path of the target, still percent-encoded, without the query: {@code /a/b}. */
    public String path() {
        return path;
    }

    /** The query string after '?', or null when there was none. */
    public String queryString() {
        return queryString;
    }

    /** {@code HTTP/1.1} or {@code HTTP/1.0}; {@code HTTP/2.0} for a request that came as an HTTP/2 stream. */
    public String version() {
        return head.version();
    }

    /**
     * The scheme the client asked for: the {@code :scheme} of an HTTP/2 request (RFC 9113 section
     * 8.3.1); for HTTP/1.x, {@code https} over TLS and {@code http} otherwise.
     */
    public String scheme() {
        return channel.scheme();
    }

    /** The request header fields. */
    public Headers requestHeaders() {
        return head.headers();
    }

    /** The first value of request header {@code name}, or null. */
    public String getHeader(String name) {
        return head.headers().get(name);
    }

    /** The trailer fields of a chunked request body (usually empty). */
    public Headers trailers() {
        return trailers;
    }

    /**
     * The request body (empty when none). A streamed body is not kept: for such a request this
     * throws {@link IllegalStateException}; use {@link #deliverBody}.
     */
    public byte[] content() {
        if (bodyPipe != null) {
            throw new IllegalStateException("the body of " + this + " streams: use deliverBody");
        }
        return content;
    }

    /** Whether the body streams to {@link #deliverBody} rather than being buffered for {@link #content()}. */
    public boolean isBodyStreamed() {
        return bodyPipe != null;
    }

    /**
     * Delivers a streamed body to {@code receiver}, as a client's {@code Response.deliverBody}:
     * its {@code dataReceived} gets the pieces as they arrive (what came before this call first),
     * its transport's {@code pauseProducing}/{@code resumeProducing} pause and resume the reading
     * from the client, {@code loseConnection} stops the body, and {@code connectionLost} gets
     * {@link RequestBodyDone} once the body is whole, or why it is not. A client that waits for
     * {@code 100 Continue} is told to send now. Available when the handler streams the body
     * ({@link dev.torsion.http.resource.Resource#streamsRequestBody}); once per request.
     */
    public void deliverBody(Protocol receiver) {
        if (bodyPipe == null) {
            throw new IllegalStateException("the body of " + this + " was buffered: read content()");
        }
        channel.bodyWanted(this);
        bodyPipe.deliverTo(receiver);
    }

    /** The host the client addressed: from an absolute-form target, else the Host header without port; or the local address. */
    public String getRequestHostname() {
        String host = absoluteHost != null ? absoluteHost : head.headers().get("Host");
        if (host == null || host.isEmpty()) {
            Address local = channel.transport().getHost();
            return local == null ? "" : hostOf(local);
        }
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close > 0 ? host.substring(0, close + 1) : host;
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    /** The Host the client addressed, port included when it gave one. */
    public String getHostHeader() {
        return absoluteHost != null ? absoluteHost : head.headers().get("Host");
    }

    /** The path segments already consumed by the resource lookup (decoded). */
    public List<String> prepath() {
        return prepath;
    }

    /** The path segments still to be consumed by the resource lookup (decoded). */
    public List<String> postpath() {
        return postpath;
    }

    /** Query arguments: names and their values, in order. */
    public Map<String, List<String>> queryArgs() {
        if (queryArgs == null) {
            queryArgs = Collections.unmodifiableMap(UrlEncoding.parseForm(queryString, channel.config().maxQueryFields()));
        }
        return queryArgs;
    }

    /** The form body (urlencoded or multipart), parsed on first call with the default limits. */
    public FormData form() {
        return form(FormLimits.DEFAULT);
    }

    /** The form body, parsed on first call with {@code limits} (a malformed body: {@link HttpError} 400). */
    public FormData form(FormLimits limits) {
        if (form == null) {
            form = FormData.parse(getHeader("Content-Type"), content, limits);
        }
        return form;
    }

    /** Query and form text arguments together, as twisted.web's {@code request.args}. */
    public Map<String, List<String>> args() {
        if (args == null) {
            Map<String, List<String>> merged = new LinkedHashMap<>();
            queryArgs().forEach((name, values) -> merged.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
            if (!"GET".equals(method()) && !"HEAD".equals(method())) {
                form().fields().forEach((name, values) -> merged.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
            }
            args = Collections.unmodifiableMap(merged);
        }
        return args;
    }

    /** The first value of argument {@code name}, or null. */
    public String getArgument(String name) {
        List<String> values = args().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The cookies the client sent, by name (the first of repeated names wins). */
    public Map<String, String> cookies() {
        if (cookies == null) {
            Map<String, String> parsed = new LinkedHashMap<>();
            for (String field : head.headers().getAll("Cookie")) {
                for (String pair : field.split(";")) {
                    int equals = pair.indexOf('=');
                    if (equals > 0) {
                        parsed.putIfAbsent(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
                    }
                }
            }
            cookies = Collections.unmodifiableMap(parsed);
        }
        return cookies;
    }

    /** The value of cookie {@code name}, or null. */
    public String getCookie(String name) {
        return cookies().get(name);
    }

    /** The client's session (found by its cookie, or new with its cookie set on this response). */
    public Session getSession() {
        return channel.sessions().getSession(this);
    }

    /** The client's address. */
    public Address getClientAddress() {
        return channel.transport().getPeer();
    }

    /** The server's own address on this connection. */
    public Address getHost() {
        return channel.transport().getHost();
    }

    /** Whether the request came over TLS. */
    public boolean isSecure() {
        return channel.isSecure();
    }

    /** When the request's head arrived, in epoch milliseconds. */
    public long receivedMillis() {
        return receivedMillis;
    }

    /**
     * What the handler keeps with the request (the Site keeps the resource it found), as a
     * {@code type}: null when nothing was kept.
     *
     * @throws IllegalStateException when what was kept is not a {@code type}
     */
    public <T> T handlerState(Class<T> type) {
        if (handlerState != null && !type.isInstance(handlerState)) {
            throw new IllegalStateException(this + " keeps a " + handlerState.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(handlerState);
    }

    /** Sets what the handler keeps with the request. */
    public void setHandlerState(Object state) {
        this.handlerState = state;
    }

    /**
     * The user an authentication guard logged in for this request (as twisted.web's
     * {@code getUser()} after HTTP authentication), or null when none did.
     */
    public String getUser() {
        return user;
    }

    /** Records the user logged in for this request; called by the guard once the login succeeded. */
    public void setUser(String name) {
        this.user = name;
    }

    // ---------------------------------------------------------------- the answer

    /** Sets the status code (and the standard reason phrase). */
    public void setResponseCode(int newCode) {
        setResponseCode(newCode, null);
    }

    /** Sets the status code and a reason phrase of your own (null: the standard one). */
    public void setResponseCode(int newCode, String message) {
        requireNotStarted();
        if (newCode < 100 || newCode > 999) {
            throw new IllegalArgumentException("invalid status code " + newCode);
        }
        if (message != null && message.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
            throw new IllegalArgumentException("control character in reason phrase");
        }
        code = newCode;
        codeMessage = message;
    }

    /** The status code set so far. */
    public int responseCode() {
        return code;
    }

    /** Replaces response header {@code name} with {@code value}. */
    public void setHeader(String name, String value) {
        requireNotStarted();
        responseHeaders.set(name, value);
    }

    /** Adds an occurrence of response header {@code name}. */
    public void addHeader(String name, String value) {
        requireNotStarted();
        responseHeaders.add(name, value);
    }

    /** The response header fields (change them only before the first write). */
    public Headers responseHeaders() {
        return responseHeaders;
    }

    /** Adds a Set-Cookie to the response. */
    public void addCookie(Cookie cookie) {
        requireNotStarted();
        responseCookies.add(cookie);
    }

    /**
     * Adds a trailer field, sent after the body (RFC 9110 section 6.5): in trailing HEADERS on
     * HTTP/2, in the last chunk of a chunked HTTP/1.1 body; a body under a Content-Length has no
     * place for it there, and it is dropped. May be called until {@link #finish}.
     */
    public void addTrailer(String name, String value) {
        if (finished) {
            throw new IllegalStateException("the response is finished");
        }
        if (responseTrailers == null) {
            responseTrailers = new Headers();
        }
        responseTrailers.add(name, value);
    }

    /** Answers with a redirect ({@code 302 Found}) to {@code location}; then call {@link #finish}. */
    public void redirect(String location) {
        setResponseCode(HttpStatus.FOUND);
        setHeader("Location", location);
    }

    /** Whether the response head has gone out. */
    public boolean isStarted() {
        return started;
    }

    /** Whether {@link #finish} was called. */
    public boolean isFinished() {
        return finished;
    }

    /** Whether the client went away before the response was finished. */
    public boolean isLost() {
        return lost;
    }

    /** The number of body bytes written so far (for the access log). */
    public long bytesSent() {
        return bytesSent;
    }

    /** Whether the connection stays open after this response. */
    public boolean isPersistent() {
        return persistent;
    }

    /** Writes part of the body; the first write sends the head. Ignored after the client went away. */
    @Override
    public void write(byte[] data) {
        if (finished) {
            throw new IllegalStateException("write after finish");
        }
        if (lost) {
            return;
        }
        ResponseHead responseHead = started ? null : startResponse();
        boolean sendsBody = bodyAllowed && data.length > 0;
        if (sendsBody && declaredLength >= 0 && bytesSent + data.length > declaredLength) {
            throw new IllegalStateException("writing more than the Content-Length of " + declaredLength + " bytes");
        }
        if (sendsBody) {
            bytesSent += data.length;
        }
        if (responseHead != null) {
            sink.head(responseHead, sendsBody ? data : NO_BODY, false);
        } else if (sendsBody) {
            sink.body(data);
        }
    }

    /**
     * Sends {@code body} as the whole response body and finishes: sets Content-Length when no
     * header was sent yet, and sends head and body in one write.
     */
    public void respond(byte[] body) {
        if (finished) {
            throw new IllegalStateException("respond after finish");
        }
        if (lost) {
            finished = true;
            return;
        }
        if (!started) {
            // The whole body is here: its length frames it, whatever Transfer-Encoding was set (the sink's to write).
            if (!responseHeaders.contains("Content-Length")) {
                responseHeaders.set("Content-Length", Long.toString(body.length));
            }
            String declared = responseHeaders.get("Content-Length");
            if (declared != null && mayHaveBody(code) && !"HEAD".equals(method()) && !declared.trim().equals(Integer.toString(body.length))) {
                throw new IllegalStateException("a body of " + body.length + " bytes under a Content-Length of " + declared);
            }
            ResponseHead responseHead = startResponse();
            boolean sendsBody = bodyAllowed && body.length > 0;
            if (sendsBody) {
                bytesSent += body.length;
            }
            sink.head(responseHead, sendsBody ? body : NO_BODY, true);
            finishStarted();
            return;
        }
        write(body);
        finish();
    }

    /** Ends the response: sends the head if not yet sent, and the last chunk if chunked. */
    public void finish() {
        if (finished) {
            throw new IllegalStateException("finish called twice");
        }
        if (lost) {
            finished = true;
            return;
        }
        if (!started) {
            if (!responseHeaders.contains("Content-Length") && !"HEAD".equals(method()) && mayHaveBody(code)) {
                responseHeaders.set("Content-Length", "0");
            }
            sink.head(startResponse(), NO_BODY, true);
        } else if (bodyAllowed && declaredLength >= 0 && bytesSent < declaredLength) {
            // The client waits for bytes that will never come; cutting the answer is the only honest end.
            log.warn("{} finished after {} of its {} declared bytes; closing",
                    this, bytesSent, declaredLength);
            persistent = false;
            finishStarted();
            sink.abort();
            return;
        } else {
            sink.end(responseTrailers == null ? new Headers() : responseTrailers);
        }
        finishStarted();
    }

    /**
     * Answers {@code 101 Switching Protocols} with {@code headers} (RFC 9110 section 15.2.2) and
     * hands the connection to {@code protocol}, which is connected at once: a WebSocket, say.
     * The request must be whole (not streaming its body) and its answer not begun.
     */
    public void switchProtocols(Headers headers, Protocol protocol) {
        if (started || finished || lost || !channel.maySwitchProtocols(this)) {
            throw new IllegalStateException("the answer to " + this + " has begun or cannot switch protocols");
        }
        started = true;
        code = 101;
        channel.writeSwitchingProtocols(headers);
        finished = true;
        if (finishNotifications != null) {
            finishNotifications.forEach(notification -> notification.callback(null));
            finishNotifications = null;
        }
        channel.switchProtocols(this, protocol);
    }

    private void finishStarted() {
        finished = true;
        if (finishNotifications != null) {
            for (Deferred<Void> notification : finishNotifications) {
                notification.callback(null);
            }
            finishNotifications = null;
        }
        channel.responseFinished(this);
    }

    /**
     * A Deferred that fires when the response is finished, and fails (with the connection's
     * failure) when the client goes away first.
     */
    public Deferred<Void> notifyFinish() {
        if (finished) {
            return Deferred.succeed(null);
        }
        if (lost) {
            return Deferred.fail(new ConnectionLost("client went away"));
        }
        Deferred<Void> notification = new Deferred<>();
        if (finishNotifications == null) {
            finishNotifications = new ArrayList<>(1);
        }
        finishNotifications.add(notification);
        return notification;
    }

    /** Registers a producer of the response body on the connection (true {@code streaming}: a push producer). */
    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        channel.registerResponseProducer(producer, streaming);
    }

    /** Unregisters the producer. */
    @Override
    public void unregisterProducer() {
        channel.unregisterResponseProducer();
    }

    /**
     * Drops the connection at once: for a response that cannot be completed as promised (a file
     * that shrank under a Content-Length). The client sees a truncated response, never a wrong one.
     */
    public void abortConnection() {
        persistent = false;
        sink.abort();
    }

    /**
     * Answers with an error, by the one rule for every failure while answering: before the head
     * is sent, an error page with {@code status} and {@code detail} (escaped); after, the connection
     * is aborted, since a response begun cannot turn into an error and must not look complete.
     * Nothing happens once the response is finished or the client is gone.
     */
    public void fail(int status, String detail) {
        if (finished || lost) {
            return;
        }
        if (started) {
            log.info("{} failed after its head was sent ({} {}): aborting the connection", this, status, detail);
            abortConnection();
            return;
        }
        responseHeaders.remove("Content-Length");
        responseHeaders.remove("Transfer-Encoding");
        code = status;
        codeMessage = null;
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        respond(Html.errorPage(status, HttpStatus.reason(status), detail).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The connection's transport, for senders that use an optional transport feature (zero-copy
     * file sending). Body bytes may go to it directly only after {@link #sendHead()} of a response
     * with a Content-Length, and only on an HTTP/1.x connection (an HTTP/2 stream's transport takes
     * no bytes: its answer is frames); count them with {@link #countBytesSent}.
     */
    public Transport transport() {
        return channel.transport();
    }

    /** The connection's clock (for producers that pace themselves). */
    public Clock clock() {
        return channel.clock();
    }

    /** Sends the response head now, if it has not gone out yet. */
    public void sendHead() {
        if (!started && !finished && !lost) {
            write(new byte[0]);
        }
    }

    /** Counts body bytes sent straight to the transport, for the access log. */
    public void countBytesSent(long count) {
        bytesSent += count;
    }

    /** Where this request's answer goes. */
    ResponseSink sink() {
        return sink;
    }

    void setBody(byte[] body, Headers bodyTrailers) {
        this.content = body;
        this.trailers = bodyTrailers;
    }

    void streamBodyThrough(BodyPipe pipe) {
        this.bodyPipe = pipe;
    }

    void setTrailers(Headers bodyTrailers) {
        this.trailers = bodyTrailers;
    }

    void connectionLost(Failure reason) {
        if (finished || lost) {
            return;
        }
        lost = true;
        if (finishNotifications != null) {
            List<Deferred<Void>> waiting = finishNotifications;
            finishNotifications = null;
            for (Deferred<Void> notification : waiting) {
                notification.errback(reason);
            }
        }
    }

    void forceClose() {
        persistent = false;
    }

    private void requireNotStarted() {
        if (started) {
            throw new IllegalStateException("the response head was already sent");
        }
    }

    private static boolean mayHaveBody(int status) {
        return status >= 200 && status != 204 && status != 304;
    }

    /** Decides whether a body follows, its length and persistence, and builds the response head. */
    private ResponseHead startResponse() {
        started = true;
        bodyAllowed = mayHaveBody(code) && !"HEAD".equals(method());
        boolean sized = responseHeaders.contains("Content-Length");
        if (sized) {
            try {
                declaredLength = Long.parseLong(responseHeaders.get("Content-Length").trim());
            } catch (NumberFormatException e) {
                throw new IllegalStateException("invalid Content-Length " + responseHeaders.get("Content-Length"));
            }
            if (declaredLength < 0) {
                throw new IllegalStateException("negative Content-Length");
            }
        }
        if (!mayHaveBody(code)) {
            responseHeaders.remove("Content-Length");
            responseHeaders.remove("Transfer-Encoding");
        } else if (!sized && !"HEAD".equals(method()) && !head.isHttp11()) {
            // An HTTP/1.0 client knows the end of a body of no declared length by the close alone.
            persistent = false;
        }
        if (responseHeaders.containsToken("Connection", "close")) {
            persistent = false;
        }
        if (!channel.mayKeepAlive()) {
            persistent = false;
        }
        Headers fields = new Headers();
        if (!responseHeaders.contains("Date")) {
            fields.add("Date", HttpDate.now());
        }
        String serverName = channel.config().serverName();
        if (serverName != null && !responseHeaders.contains("Server")) {
            fields.add("Server", serverName);
        }
        responseHeaders.forEach((name, value) -> {
            // The sink frames the message: these two are its to write.
            if (!name.equalsIgnoreCase("Connection") && !name.equalsIgnoreCase("Transfer-Encoding")) {
                fields.add(name, value);
            }
        });
        for (Cookie cookie : responseCookies) {
            fields.add("Set-Cookie", cookie.toSetCookie());
        }
        return new ResponseHead(code, codeMessage != null ? codeMessage : HttpStatus.reason(code), fields,
                declaredLength, bodyAllowed, persistent);
    }

    private static String hostOf(Address address) {
        if (address instanceof IPv4Address v4) {
            return v4.host();
        }
        if (address instanceof IPv6Address v6) {
            return "[" + v6.host() + "]";
        }
        return address.toString();
    }

    @Override
    public String toString() {
        return "<Request " + method() + " " + uri() + " " + version() + ">";
    }
}
