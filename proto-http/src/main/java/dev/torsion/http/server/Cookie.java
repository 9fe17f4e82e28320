package dev.torsion.http.server;

import dev.torsion.http.HttpDate;
import dev.torsion.http.HttpSyntax;

/**
 * A cookie to set in a response (RFC 6265 {@code Set-Cookie}). Immutable; the {@code with...}
 * methods return copies. Values are refused if they hold characters a cookie may not carry.
 *
 * @param name the cookie's name (a token)
 * @param value its value (cookie-octets only)
 * @param path the Path attribute, or null
 * @param domain the Domain attribute, or null
 * @param maxAgeSeconds the Max-Age attribute, or -1 for a session cookie
 * @param expiresMillis the Expires attribute in epoch milliseconds, or -1
 * @param secure the Secure attribute
 * @param httpOnly the HttpOnly attribute
 * @param sameSite the SameSite attribute (Strict, Lax, None), or null
 */
public record Cookie(String name, String value, String path, String domain, long maxAgeSeconds, long expiresMillis,
        boolean secure, boolean httpOnly, String sameSite) {

    /** Checks the name and value. */
    public Cookie {
        if (!HttpSyntax.isToken(name)) {
            throw new IllegalArgumentException("invalid cookie name: " + name);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == ',' || c == ';' || c == '\\') {
                throw new IllegalArgumentException("invalid character in cookie value");
            }
        }
        for (String attribute : new String[] {path, domain, sameSite}) {
            if (attribute != null && (attribute.indexOf(';') >= 0 || attribute.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
                throw new IllegalArgumentException("invalid cookie attribute: " + attribute);
            }
        }
    }

    /** A session cookie with only a name and value. */
    public static Cookie of(String name, String value) {
        return new Cookie(name, value, null, null, -1, -1, false, false, null);
    }

    /** A copy with a Path. */
    public Cookie withPath(String newPath) {
        return new Cookie(name, value, newPath, domain, maxAgeSeconds, expiresMillis, secure, httpOnly, sameSite);
    }

    /** A copy with a Domain. */
    public Cookie withDomain(String newDomain) {
        return new Cookie(name, value, path, newDomain, maxAgeSeconds, expiresMillis, secure, httpOnly, sameSite);
    }

    /** A copy with a Max-Age in seconds. */
    public Cookie withMaxAge(long seconds) {
        return new Cookie(name, value, path, domain, seconds, expiresMillis, secure, httpOnly, sameSite);
    }

    /** A copy with an Expires date. */
    public Cookie withExpires(long epochMillis) {
        return new Cookie(name, value, path, domain, maxAgeSeconds, epochMillis, secure, httpOnly, sameSite);
    }

    /** A copy with Secure and HttpOnly set as given. */
    public Cookie withFlags(boolean newSecure, boolean newHttpOnly) {
        return new Cookie(name, value, path, domain, maxAgeSeconds, expiresMillis, newSecure, newHttpOnly, sameSite);
    }

    /** A copy with a SameSite attribute. */
    public Cookie withSameSite(String policy) {
        return new Cookie(name, value, path, domain, maxAgeSeconds, expiresMillis, secure, httpOnly, policy);
    }

    /** The value of a {@code Set-Cookie} field for this cookie. */
    public String toSetCookie() {
        StringBuilder text = new StringBuilder(name).append('=').append(value);
        if (path != null) {
            text.append("; Path=").append(path);
        }
        if (domain != null) {
            text.append("; Domain=").append(domain);
        }
        if (maxAgeSeconds >= 0) {
            text.append("; Max-Age=").append(maxAgeSeconds);
        }
        if (expiresMillis >= 0) {
            text.append("; Expires=").append(HttpDate.format(expiresMillis));
        }
        if (secure) {
            text.append("; Secure");
        }
        if (httpOnly) {
            text.append("; HttpOnly");
        }
        if (sameSite != null) {
            text.append("; SameSite=").append(sameSite);
        }
        return text.toString();
    }
}
