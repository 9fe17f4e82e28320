package dev.torsion.http.server;

import dev.torsion.http.parse.HttpParseException;
import java.util.Locale;

/**
 * A request target split into path and query (RFC 9112 section 3.2): origin form {@code /p?q},
 * absolute form {@code http://host/p?q} (its host then wins over the Host header), asterisk form
 * {@code *} for OPTIONS, authority form {@code host:port} for CONNECT.
 *
 * @param path the path, still percent-encoded ({@code *} or the authority for those forms)
 * @param query the query string, or null
 * @param host the authority of an absolute-form target, or null
 */
public record RequestTarget(String path, String query, String host) {
    /** Splits {@code target} as sent with {@code method}; an unusable target is a 400. */
    public static RequestTarget parse(String method, String target) throws HttpParseException {
        if (method.equals("CONNECT")) {
            if (target.startsWith("/") || target.indexOf('/') >= 0 || target.indexOf(':') <= 0) {
                throw new HttpParseException(400, "CONNECT needs an authority-form target");
            }
            return new RequestTarget(target, null, target);
        }
        if (target.equals("*")) {
            if (!method.equals("OPTIONS")) {
                throw new HttpParseException(400, "asterisk-form target outside OPTIONS");
            }
            return new RequestTarget("*", null, null);
        }
        String host = null;
        String rest = target;
        if (!target.startsWith("/")) {
            int schemeEnd = target.indexOf("://");
            String scheme = schemeEnd > 0 ? target.substring(0, schemeEnd).toLowerCase(Locale.ROOT) : "";
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new HttpParseException(400, "invalid request target");
            }
            int pathStart = target.indexOf('/', schemeEnd + 3);
            int queryStart = target.indexOf('?', schemeEnd + 3);
            int authorityEnd = pathStart < 0 ? (queryStart < 0 ? target.length() : queryStart)
                    : (queryStart >= 0 && queryStart < pathStart ? queryStart : pathStart);
            host = target.substring(schemeEnd + 3, authorityEnd);
            if (host.isEmpty() || host.indexOf('@') >= 0) {
                throw new HttpParseException(400, "invalid authority in absolute-form target");
            }
            rest = authorityEnd == target.length() ? "/" : target.substring(authorityEnd);
            if (rest.startsWith("?")) {
                rest = "/" + rest;
            }
        }
        int fragment = rest.indexOf('#');
        if (fragment >= 0) {
            throw new HttpParseException(400, "fragment in request target");
        }
        int question = rest.indexOf('?');
        if (question < 0) {
            return new RequestTarget(rest, null, host);
        }
        return new RequestTarget(rest.substring(0, question), rest.substring(question + 1), host);
    }
}
