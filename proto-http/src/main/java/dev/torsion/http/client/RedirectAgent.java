package dev.torsion.http.client;

import dev.torsion.defer.Deferred;
import dev.torsion.http.Headers;
import java.net.URI;
import java.util.Set;

/**
 * Follows redirects, as Twisted's {@code RedirectAgent}: 301, 302 and 303 turn any method but GET
 * and HEAD into a GET without a body (as browsers do); 307 and 308 repeat the method and body
 * (which must then be replayable, else the redirect is returned as the response). More than
 * {@code limit} redirects fail with {@link RedirectLimitExceeded}. Each response knows the one
 * before it ({@link Response#previousResponse()}). Credentials and cookies are not carried to
 * another host.
 */
public final class RedirectAgent implements HttpClient {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private final HttpClient agent;
    private final int limit;

    /** Follows up to 20 redirects. */
    public RedirectAgent(HttpClient agent) {
        this(agent, 20);
    }

    /** Follows up to {@code limit} redirects. */
    public RedirectAgent(HttpClient agent, int limit) {
        this.agent = agent;
        this.limit = limit;
    }

    @Override
    public Deferred<Response> request(String method, String uri, Headers headers, BodyProducer body) {
        return follow(method, URI.create(uri), headers, body, 0, null);
    }

    private Deferred<Response> follow(String method, URI uri, Headers headers, BodyProducer body, int count,
            Response previous) {
        return agent.request(method, uri.toString(), headers, body).addCallbackDeferred(response -> {
            response.setPreviousResponse(previous);
            String location = response.headers().get("Location");
            if (!REDIRECTS.contains(response.code()) || location == null) {
                return Deferred.succeed(response);
            }
            boolean keepMethod = response.code() == 307 || response.code() == 308;
            if (keepMethod && body != null && !body.isReplayable()) {
                return Deferred.succeed(response);
            }
            if (count >= limit) {
                discard(response);
                return Deferred.<Response>fail(new RedirectLimitExceeded("more than " + limit + " redirects, last to " + location));
            }
            URI next = uri.resolve(location.trim());
            String nextMethod = method;
            BodyProducer nextBody = body;
            Headers nextHeaders = headers == null ? null : new Headers(headers);
            if (!keepMethod && !method.equals("GET") && !method.equals("HEAD")) {
                nextMethod = "GET";
                nextBody = null;
                if (nextHeaders != null) {
                    nextHeaders.remove("Content-Type");
                }
            }
            if (nextHeaders != null && !sameOrigin(uri, next)) {
                nextHeaders.remove("Authorization");
                nextHeaders.remove("Cookie");
                nextHeaders.remove("Proxy-Authorization");
            }
            discard(response);
            return follow(nextMethod, next, nextHeaders, nextBody, count + 1, response);
        });
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
    }

    /** Reads and drops a redirect's body, so that its connection can be reused. */
    private static void discard(Response response) {
        Agent.readBody(response, 1 << 20).addErrback(failure -> null);
    }
}
