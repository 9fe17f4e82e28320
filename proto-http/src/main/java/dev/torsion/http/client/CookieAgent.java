package dev.torsion.http.client;

import dev.torsion.defer.Deferred;
import dev.torsion.http.Headers;
import java.net.URI;

/** Sends and stores cookies through a {@link CookieJar}, as Twisted's {@code CookieAgent}. */
public final class CookieAgent implements HttpClient {
    private final HttpClient agent;
    private final CookieJar jar;

    /** Keeps cookies in {@code jar} for requests through {@code agent}. */
    public CookieAgent(HttpClient agent, CookieJar jar) {
        this.agent = agent;
        this.jar = jar;
    }

    /** The jar. */
    public CookieJar jar() {
        return jar;
    }

    @Override
    public Deferred<Response> request(String method, String uri, Headers headers, BodyProducer body) {
        URI parsed = URI.create(uri);
        Headers withCookies = headers == null ? new Headers() : new Headers(headers);
        String cookie = jar.cookieHeader(parsed);
        if (cookie != null && !withCookies.contains("Cookie")) {
            withCookies.set("Cookie", cookie);
        }
        return agent.request(method, uri, withCookies, body).addCallback(response -> {
            jar.store(parsed, response.headers().getAll("Set-Cookie"));
            return response;
        });
    }
}
