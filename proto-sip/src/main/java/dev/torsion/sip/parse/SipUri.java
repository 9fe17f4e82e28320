package dev.torsion.sip.parse;

import java.util.Locale;

/**
 * A {@code sip:} or {@code sips:} URI (RFC 3261 section 19.1): user (with its password, if any),
 * host, port (-1 when absent), URI parameters and the raw header part.
 */
public final class SipUri {
    private final String scheme;
    private final String user;
    private final String host;
    private final int port;
    private final Parameters params;
    private final String headers;

    /** A URI from its parts; {@code user} and {@code headers} may be null, {@code port} -1. */
    public SipUri(String scheme, String user, String host, int port, Parameters params, String headers) {
        this.scheme = scheme.toLowerCase(Locale.ROOT);
        this.user = user;
        this.host = host;
        this.port = port;
        this.params = params;
        this.headers = headers;
    }

    /** Parses a SIP or SIPS URI; anything else (or a malformed one) throws a 400 (section 19.1.1). */
    public static SipUri parse(String text) throws SipParseException {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new SipParseException(400, "Malformed SIP URI");
        }
        String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("sip") && !scheme.equals("sips")) {
            throw new SipParseException(416, "Unsupported URI Scheme");
        }
        String rest = text.substring(colon + 1);
        String headers = null;
        int question = rest.indexOf('?');
        if (question >= 0) {
            headers = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        String user = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            user = rest.substring(0, at);
            rest = rest.substring(at + 1);
            if (user.isEmpty()) {
                throw new SipParseException(400, "Malformed SIP URI");
            }
        }
        int semi = rest.indexOf(';');
        Parameters params = Parameters.parse(semi < 0 ? "" : rest.substring(semi));
        String hostPort = semi < 0 ? rest : rest.substring(0, semi);
        HostPort hp = HostPort.parse(hostPort);
        checkNoSpace(text);
        return new SipUri(scheme, user, hp.host(), hp.port(), params, headers);
    }

    private static void checkNoSpace(String text) throws SipParseException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '<' || c == '>' || c == '"') {
                throw new SipParseException(400, "Malformed SIP URI");
            }
        }
    }

    /** {@code sip} or {@code sips}. */
    public String scheme() {
        return scheme;
    }

    /** The user part (with {@code :password} if one was given), or null. */
    public String user() {
        return user;
    }

    /** The user part without a password, or null. */
    public String userName() {
        if (user == null) {
            return null;
        }
        int colon = user.indexOf(':');
        return colon < 0 ? user : user.substring(0, colon);
    }

    /** The host: a name, an IPv4 address or a bracketed IPv6 reference. */
    public String host() {
        return host;
    }

    /** The port, or -1. */
    public int port() {
        return port;
    }

    /** The port, or the default of the scheme (5060, or 5061 for sips; section 19.1.2). */
    public int portOrDefault() {
        return port >= 0 ? port : scheme.equals("sips") ? 5061 : 5060;
    }

    /** The URI parameters. */
    public Parameters params() {
        return params;
    }

    /** The header part after {@code ?}, or null. */
    public String headers() {
        return headers;
    }

    /** The same URI with another host and port (as a registrar's contact or a proxy's target). */
    public SipUri withHostPort(String newHost, int newPort) {
        return new SipUri(scheme, user, newHost, newPort, params.copy(), headers);
    }

    /**
     * The address-of-record form (section 10.3 step 5): scheme, user and host, lower-cased host,
     * no port, parameters or headers.
     */
    public String addressOfRecord() {
        return scheme + ":" + (user == null ? "" : userName() + "@") + host.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(scheme).append(':');
        if (user != null) {
            out.append(user).append('@');
        }
        out.append(host);
        if (port >= 0) {
            out.append(':').append(port);
        }
        out.append(params);
        if (headers != null) {
            out.append('?').append(headers);
        }
        return out.toString();
    }
}
