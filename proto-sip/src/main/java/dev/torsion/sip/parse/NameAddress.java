package dev.torsion.sip.parse;

import java.util.regex.Pattern;

/**
 * A {@code name-addr} or {@code addr-spec} with header parameters (RFC 3261 section 20.10, 20.20,
 * 20.39): From, To, Contact, Route and Record-Route values. A Contact of {@code *} is the
 * wildcard of section 10.2.2. Without angle brackets the parameters belong to the header, not to
 * the URI (section 20.10).
 */
public final class NameAddress {
    /** Section 20.10: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ). */
    private static final Pattern Q_VALUE = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");
    private final String displayName;
    private final String uri;
    private final Parameters params;
    private final boolean wildcard;

    private NameAddress(String displayName, String uri, Parameters params, boolean wildcard) {
        this.displayName = displayName;
        this.uri = uri;
        this.params = params;
        this.wildcard = wildcard;
    }

    /** A name-addr of {@code uri} with no display name. */
    public static NameAddress of(String uri, Parameters params) {
        return new NameAddress(null, uri, params, false);
    }

    /** Parses one value; a malformed one is a 400 {@code Malformed <what>}. */
    public static NameAddress parse(String value, String what) throws SipParseException {
        String v = value.trim();
        if (v.equals("*")) {
            return new NameAddress(null, "*", new Parameters(), true);
        }
        try {
            int open = Syntax.indexOutsideQuotes(v, '<', 0);
            if (open >= 0) {
                String display = v.substring(0, open).trim();
                int close = v.indexOf('>', open);
                if (close < 0) {
                    throw new SipParseException(400, "Malformed " + what);
                }
                checkDisplay(display, what);
                String uri = v.substring(open + 1, close).trim();
                checkUri(uri, what);
                return new NameAddress(display.isEmpty() ? null : display, uri, Parameters.parse(v.substring(close + 1)),
                        false);
            }
            int semi = v.indexOf(';');
            String uri = semi < 0 ? v : v.substring(0, semi).trim();
            checkUri(uri, what);
            return new NameAddress(null, uri, Parameters.parse(semi < 0 ? "" : v.substring(semi)), false);
        } catch (SipParseException e) {
            throw new SipParseException(400, "Malformed " + what);
        }
    }

    private static void checkDisplay(String display, String what) throws SipParseException {
        if (display.startsWith("\"")) {
            if (display.length() < 2 || !display.endsWith("\"")) {
                throw new SipParseException(400, "Malformed " + what);
            }
            return;
        }
        // Section 25.1: *(token LWS); whitespace here is SP or HTAB (folding was joined before).
        for (int i = 0; i < display.length(); i++) {
            char c = display.charAt(i);
            if (c != ' ' && c != '\t' && !Syntax.isTokenChar(c)) {
                throw new SipParseException(400, "Malformed " + what);
            }
        }
    }

    private static void checkUri(String uri, String what) throws SipParseException {
        int colon = uri.indexOf(':');
        if (colon <= 0 || !Syntax.isScheme(uri.substring(0, colon))) {
            throw new SipParseException(400, "Malformed " + what);
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '<' || c == '>' || c == '"') {
                throw new SipParseException(400, "Malformed " + what);
            }
        }
    }

    /** The display name as written (quoted or not), or null. */
    public String displayName() {
        return displayName;
    }

    /** The URI text. */
    public String uri() {
        return uri;
    }

    /** The URI parsed as a SIP URI; throws when it is another scheme or malformed. */
    public SipUri sipUri() throws SipParseException {
        return SipUri.parse(uri);
    }

    /** The header parameters. */
    public Parameters params() {
        return params;
    }

    /** The {@code tag} parameter, or null (section 19.3). */
    public String tag() {
        return params.get("tag");
    }

    /** Whether this is the Contact wildcard {@code *}. */
    public boolean isWildcard() {
        return wildcard;
    }

    /** The {@code expires} parameter in seconds, or -1 (section 10.2.1.1). */
    public long expires() {
        String value = params.get("expires");
        return value != null && Syntax.isDigits(value, 10) ? Long.parseLong(value) : -1;
    }

    /** The {@code q} parameter, 1.0 when absent or malformed (section 20.10). */
    public double q() {
        String value = params.get("q");
        if (value == null || !Q_VALUE.matcher(value).matches()) {
            return 1.0;
        }
        return Double.parseDouble(value);
    }

    /** A copy with another parameter set. */
    public NameAddress withParam(String name, String value) {
        return new NameAddress(displayName, uri, params.copy().set(name, value), wildcard);
    }

    /** A copy without a parameter. */
    public NameAddress withoutParam(String name) {
        return new NameAddress(displayName, uri, params.copy().remove(name), wildcard);
    }

    /** Always in name-addr form, {@code "Name" <uri>;params}, so a URI's own parameters stay its own. */
    @Override
    public String toString() {
        if (wildcard) {
            return "*";
        }
        return (displayName == null ? "" : displayName + " ") + "<" + uri + ">" + params;
    }
}
