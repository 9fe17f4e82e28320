package dev.torsion.sip.parse;

import java.util.Locale;

/**
 * One Via value (RFC 3261 section 20.42): {@code SIP/2.0/UDP host:port;branch=...}, with the
 * {@code received} parameter of section 18.2.1 and the {@code rport} of RFC 3581.
 */
public final class Via {
    /** The magic cookie that starts every RFC 3261 branch (section 8.1.1.7). */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    private final String transport;
    private final HostPort sentBy;
    private final Parameters params;

    /** A Via from its transport ({@code UDP}, {@code TCP}, {@code TLS}, ...), sent-by and parameters. */
    public Via(String transport, HostPort sentBy, Parameters params) {
        this.transport = transport.toUpperCase(Locale.ROOT);
        this.sentBy = sentBy;
        this.params = params;
    }

    /** Parses one Via value; a malformed one is a 400 {@code Malformed Via}. */
    public static Via parse(String value) throws SipParseException {
        try {
            String v = value.trim();
            int slash1 = v.indexOf('/');
            int slash2 = slash1 < 0 ? -1 : v.indexOf('/', slash1 + 1);
            if (slash2 < 0) {
                throw new SipParseException(400, "Malformed Via");
            }
            String name = v.substring(0, slash1).trim();
            String version = v.substring(slash1 + 1, slash2).trim();
            if (!name.equalsIgnoreCase("SIP") || !version.equals("2.0")) {
                throw new SipParseException(400, "Malformed Via");
            }
            String rest = v.substring(slash2 + 1).trim();
            int space = 0;
            while (space < rest.length() && Syntax.isTokenChar(rest.charAt(space))) {
                space++;
            }
            String transport = rest.substring(0, space);
            String afterTransport = rest.substring(space).trim();
            int semi = afterTransport.indexOf(';');
            String hostPort = (semi < 0 ? afterTransport : afterTransport.substring(0, semi)).trim();
            if (transport.isEmpty() || hostPort.isEmpty() || hostPort.indexOf(' ') >= 0) {
                throw new SipParseException(400, "Malformed Via");
            }
            Parameters params = Parameters.parse(semi < 0 ? "" : afterTransport.substring(semi));
            return new Via(transport, HostPort.parse(hostPort), params);
        } catch (SipParseException e) {
            throw new SipParseException(400, "Malformed Via");
        }
    }

    /** A copy whose parameters can change without touching this one's. */
    public Via copy() {
        return new Via(transport, sentBy, params.copy());
    }

    /** {@code UDP}, {@code TCP}, {@code TLS}, ... */
    public String transport() {
        return transport;
    }

    /** Whether the transport is reliable (every transport but UDP, section 17). */
    public boolean isReliable() {
        return !transport.equals("UDP");
    }

    /** The sent-by host and port. */
    public HostPort sentBy() {
        return sentBy;
    }

    /** The parameters. */
    public Parameters params() {
        return params;
    }

    /** The branch, or null. */
    public String branch() {
        return params.get("branch");
    }

    /** Whether the branch carries the RFC 3261 magic cookie (section 17.2.3). */
    public boolean hasMagicCookie() {
        String branch = branch();
        return branch != null && branch.startsWith(MAGIC_COOKIE);
    }

    /** The {@code received} address, or null (section 18.2.1). */
    public String received() {
        return params.get("received");
    }

    /** Whether the sender asked for {@code rport} (RFC 3581 section 3). */
    public boolean hasRport() {
        return params.has("rport");
    }

    /** The {@code rport} value filled by a server, or -1 (RFC 3581 section 4). */
    public int rport() {
        String value = params.get("rport");
        return value != null && Syntax.isDigits(value, 5) ? Integer.parseInt(value) : -1;
    }

    /** {@code SIP/2.0/UDP host:port;params}. */
    @Override
    public String toString() {
        return "SIP/2.0/" + transport + " " + sentBy + params;
    }
}
