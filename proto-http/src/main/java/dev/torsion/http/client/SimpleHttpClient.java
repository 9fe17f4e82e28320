package dev.torsion.http.client;

import dev.torsion.defer.Deferred;
import dev.torsion.http.Headers;
import dev.torsion.http.form.UrlEncoding;
import dev.torsion.internet.Reactor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A small convenience layer in the spirit of Python's treq: redirects followed, gzip decoded,
 * cookies kept, and one-line calls for the common cases.
 *
 * <pre>{@code
 * SimpleHttpClient http = new SimpleHttpClient(reactor);
 * http.get("http://example.org/").addCallbackDeferred(SimpleHttpClient::text);
 * http.postForm("http://example.org/login", Map.of("user", List.of("ann")));
 * }</pre>
 */
public final class SimpleHttpClient {
    private final HttpClient client;

    /** A client on {@code reactor} with the default agent settings. */
    public SimpleHttpClient(Reactor reactor) {
        this(new Agent(reactor));
    }

    /** A client over {@code agent} (wrapped with cookies, gzip and redirects). */
    public SimpleHttpClient(HttpClient agent) {
        this.client = new RedirectAgent(new ContentDecoderAgent(new CookieAgent(agent, new CookieJar())));
    }

    /** GET {@code url}. */
    public Deferred<Response> get(String url) {
        return client.request("GET", url, null, null);
    }

    /** GET {@code url} with extra headers. */
    public Deferred<Response> get(String url, Headers headers) {
        return client.request("GET", url, headers, null);
    }

    /** HEAD {@code url}. */
    public Deferred<Response> head(String url) {
        return client.request("HEAD", url, null, null);
    }

    /** POST {@code fields} as {@code application/x-www-form-urlencoded} to {@code url}. */
    public Deferred<Response> postForm(String url, Map<String, List<String>> fields) {
        byte[] body = UrlEncoding.buildForm(fields).getBytes(StandardCharsets.US_ASCII);
        return client.request("POST", url, Headers.of("Content-Type", "application/x-www-form-urlencoded"),
                BodyProducer.ofBytes(body));
    }

    /** POST {@code body} with {@code contentType} to {@code url}. */
    public Deferred<Response> post(String url, String contentType, byte[] body) {
        return client.request("POST", url, Headers.of("Content-Type", contentType), BodyProducer.ofBytes(body));
    }

    /** Any request. */
    public Deferred<Response> request(String method, String url, Headers headers, BodyProducer body) {
        return client.request(method, url, headers, body);
    }

    /** The whole body of {@code response}. */
    public static Deferred<byte[]> content(Response response) {
        return Agent.readBody(response);
    }

    /** The whole body of {@code response} as UTF-8 text. */
    public static Deferred<String> text(Response response) {
        return Agent.readBody(response).addCallback(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }
}
