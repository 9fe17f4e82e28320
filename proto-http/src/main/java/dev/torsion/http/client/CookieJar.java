package dev.torsion.http.client;

import dev.torsion.http.HttpDate;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Cookies a client keeps (RFC 6265, simplified): stored from {@code Set-Cookie}, sent back to
 * matching hosts and paths, Secure ones over https only, expired ones dropped. A Domain attribute
 * that does not cover the setting host is ignored; without Domain a cookie goes to its host only.
 */
public final class CookieJar {
    private static final int MAX_COOKIES = 3000;

    private record StoredCookie(String name, String value, String domain, boolean hostOnly, String path,
            boolean secure, long expiresMillis) {
    }

    private final List<StoredCookie> cookies = new ArrayList<>();

    /** Stores the cookies of a response to {@code uri}. */
    public void store(URI uri, List<String> setCookieFields) {
        for (String field : setCookieFields) {
            StoredCookie cookie = parse(uri, field);
            if (cookie == null) {
                continue;
            }
            cookies.removeIf(c -> c.name.equals(cookie.name) && c.domain.equals(cookie.domain) && c.path.equals(cookie.path));
            if (cookie.expiresMillis < 0 || cookie.expiresMillis > System.currentTimeMillis()) {
                if (cookies.size() < MAX_COOKIES) {
                    cookies.add(cookie);
                }
            }
        }
    }

    /** The Cookie header value for a request to {@code uri}, or null when none matches. */
    public String cookieHeader(URI uri) {
        long now = System.currentTimeMillis();
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        boolean secure = "https".equalsIgnoreCase(uri.getScheme());
        StringBuilder header = new StringBuilder();
        for (Iterator<StoredCookie> it = cookies.iterator(); it.hasNext();) {
            StoredCookie cookie = it.next();
            if (cookie.expiresMillis >= 0 && cookie.expiresMillis <= now) {
                it.remove();
                continue;
            }
            boolean hostMatches = cookie.hostOnly ? host.equals(cookie.domain) : domainMatches(host, cookie.domain);
            if (hostMatches && pathMatches(path, cookie.path) && (!cookie.secure || secure)) {
                if (header.length() > 0) {
                    header.append("; ");
                }
                header.append(cookie.name).append('=').append(cookie.value);
            }
        }
        return header.length() == 0 ? null : header.toString();
    }

    /** The number of cookies kept. */
    public int size() {
        return cookies.size();
    }

    private static StoredCookie parse(URI uri, String field) {
        String[] parts = field.split(";");
        int equals = parts[0].indexOf('=');
        if (equals <= 0) {
            return null;
        }
        String name = parts[0].substring(0, equals).trim();
        String value = parts[0].substring(equals + 1).trim();
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String domain = host;
        boolean hostOnly = true;
        String path = defaultPath(uri);
        boolean secure = false;
        long expires = -1;
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim();
            int eq = attribute.indexOf('=');
            String key = (eq < 0 ? attribute : attribute.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String attributeValue = eq < 0 ? "" : attribute.substring(eq + 1).trim();
            switch (key) {
                case "domain" -> {
                    String candidate = attributeValue.startsWith(".") ? attributeValue.substring(1) : attributeValue;
                    candidate = candidate.toLowerCase(Locale.ROOT);
                    if (candidate.isEmpty()) {
                        break;
                    }
                    if (!domainMatches(host, candidate) || candidate.indexOf('.') < 0) {
                        return null;
                    }
                    domain = candidate;
                    hostOnly = false;
                }
                case "path" -> path = attributeValue.startsWith("/") ? attributeValue : defaultPath(uri);
                case "secure" -> secure = true;
                case "max-age" -> {
                    try {
                        long seconds = Long.parseLong(attributeValue);
                        expires = seconds <= 0 ? 0 : System.currentTimeMillis() + seconds * 1000;
                    } catch (NumberFormatException e) {
                        // ignored, as RFC 6265 says
                    }
                }
                case "expires" -> {
                    long parsed = HttpDate.parse(attributeValue);
                    if (parsed >= 0 && expires < 0) {
                        expires = parsed;
                    }
                }
                default -> {
                }
            }
        }
        return new StoredCookie(name, value, domain, hostOnly, path, secure, expires);
    }

    private static String defaultPath(URI uri) {
        String path = uri.getRawPath();
        if (path == null || !path.startsWith("/") || path.lastIndexOf('/') == 0) {
            return "/";
        }
        return path.substring(0, path.lastIndexOf('/'));
    }

    private static boolean domainMatches(String host, String domain) {
        return host.equals(domain) || host.endsWith("." + domain) && !isIpLiteral(host);
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    private static boolean pathMatches(String requestPath, String cookiePath) {
        return requestPath.equals(cookiePath) || requestPath.startsWith(cookiePath)
                && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
    }

}
