package dev.torsion.sip.parse;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Header field names: the compact forms of RFC 3261 section 7.3.3 (and of the extensions that
 * define one), the canonical spelling of the common names, and which fields are comma lists.
 */
public final class HeaderNames {
    /** {@code Via}. */
    public static final String VIA = "Via";
    /** {@code From}. */
    public static final String FROM = "From";
    /** {@code To}. */
    public static final String TO = "To";
    /** {@code Call-ID}. */
    public static final String CALL_ID = "Call-ID";
    /** {@code CSeq}. */
    public static final String CSEQ = "CSeq";
    /** {@code Max-Forwards}. */
    public static final String MAX_FORWARDS = "Max-Forwards";
    /** {@code Contact}. */
    public static final String CONTACT = "Contact";
    /** {@code Content-Length}. */
    public static final String CONTENT_LENGTH = "Content-Length";
    /** {@code Content-Type}. */
    public static final String CONTENT_TYPE = "Content-Type";
    /** {@code Route}. */
    public static final String ROUTE = "Route";
    /** {@code Record-Route}. */
    public static final String RECORD_ROUTE = "Record-Route";
    /** {@code Expires}. */
    public static final String EXPIRES = "Expires";
    /** {@code Authorization}. */
    public static final String AUTHORIZATION = "Authorization";
    /** {@code WWW-Authenticate}. */
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    /** {@code Proxy-Authorization}. */
    public static final String PROXY_AUTHORIZATION = "Proxy-Authorization";
    /** {@code Proxy-Authenticate}. */
    public static final String PROXY_AUTHENTICATE = "Proxy-Authenticate";
    /** {@code Allow}. */
    public static final String ALLOW = "Allow";
    /** {@code Supported}. */
    public static final String SUPPORTED = "Supported";
    /** {@code Require}. */
    public static final String REQUIRE = "Require";
    /** {@code Proxy-Require}. */
    public static final String PROXY_REQUIRE = "Proxy-Require";
    /** {@code Unsupported}. */
    public static final String UNSUPPORTED = "Unsupported";
    /** {@code Date}. */
    public static final String DATE = "Date";
    /** {@code Accept}. */
    public static final String ACCEPT = "Accept";
    /** {@code Server}. */
    public static final String SERVER = "Server";
    /** {@code User-Agent}. */
    public static final String USER_AGENT = "User-Agent";
    /** {@code Min-Expires}. */
    public static final String MIN_EXPIRES = "Min-Expires";

    private static final Map<String, String> CANONICAL = new HashMap<>();
    private static final Map<Character, String> COMPACT = new HashMap<>();
    /** The canonical names themselves: the constants every lookup passes, answered without lower-casing. */
    private static final Set<String> CANONICAL_NAMES = new HashSet<>();

    /*
     * Fields whose grammar is a comma-separated list (RFC 3261 section 7.3.1: such a field may be
     * split across lines or joined with commas, and the two forms mean the same). Authorization and
     * its kin are not lists: their parameters are separated by commas.
     */
    private static final Set<String> LISTS = Set.of("via", "route", "record-route", "contact", "allow", "supported",
            "require", "proxy-require", "unsupported", "accept", "accept-encoding", "accept-language",
            "content-encoding", "content-language", "in-reply-to", "alert-info", "call-info", "error-info",
            "warning", "allow-events", "path", "service-route");

    static {
        for (String name : new String[] {VIA, FROM, TO, CALL_ID, CSEQ, MAX_FORWARDS, CONTACT, CONTENT_LENGTH,
            CONTENT_TYPE, ROUTE, RECORD_ROUTE, EXPIRES, AUTHORIZATION, WWW_AUTHENTICATE, PROXY_AUTHORIZATION,
            PROXY_AUTHENTICATE, ALLOW, SUPPORTED, REQUIRE, PROXY_REQUIRE, UNSUPPORTED, DATE, ACCEPT, SERVER,
            USER_AGENT, MIN_EXPIRES, "Content-Encoding", "Subject", "Event", "Refer-To", "Allow-Events",
            "Session-Expires", "Referred-By", "Accept-Contact", "Reject-Contact", "Request-Disposition",
            "Identity", "Identity-Info", "Timestamp", "Warning", "Organization", "Priority", "Reply-To",
            "Retry-After", "In-Reply-To", "Alert-Info", "Call-Info", "Error-Info", "Authentication-Info",
            "Accept-Encoding", "Accept-Language", "Content-Language", "Content-Disposition", "MIME-Version",
            "Path", "Service-Route"}) {
            CANONICAL.put(name.toLowerCase(Locale.ROOT), name);
            CANONICAL_NAMES.add(name);
        }
        // RFC 3261 section 7.3.3 and the extensions' own compact forms (RFC 3265, 3515, 4028, 3892,
        // 3841, 4474).
        String[][] compact = {{"i", CALL_ID}, {"m", CONTACT}, {"e", "Content-Encoding"}, {"l", CONTENT_LENGTH},
            {"c", CONTENT_TYPE}, {"f", FROM}, {"s", "Subject"}, {"k", SUPPORTED}, {"t", TO}, {"v", VIA},
            {"o", "Event"}, {"r", "Refer-To"}, {"u", "Allow-Events"}, {"x", "Session-Expires"},
            {"b", "Referred-By"}, {"a", "Accept-Contact"}, {"j", "Reject-Contact"}, {"d", "Request-Disposition"},
            {"y", "Identity"}, {"n", "Identity-Info"}};
        for (String[] pair : compact) {
            COMPACT.put(pair[0].charAt(0), pair[1]);
        }
    }

    private HeaderNames() {
    }

    /**
     * The name as this stack spells it: a compact form expanded, a known name in its canonical case,
     * any other name as received (names compare case-insensitively, section 7.3.1).
     */
    public static String canonical(String name) {
        if (CANONICAL_NAMES.contains(name)) {
            return name;
        }
        if (name.length() == 1) {
            String full = COMPACT.get(Character.toLowerCase(name.charAt(0)));
            if (full != null) {
                return full;
            }
        }
        String known = CANONICAL.get(name.toLowerCase(Locale.ROOT));
        return known != null ? known : name;
    }

    /** Whether the field's grammar is a comma-separated list, so that one line may carry several values. */
    public static boolean isList(String name) {
        return LISTS.contains(name.toLowerCase(Locale.ROOT));
    }
}
