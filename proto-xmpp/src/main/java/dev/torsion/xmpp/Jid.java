package dev.torsion.xmpp;

import java.util.Locale;
import java.util.Objects;

/**
 * An XMPP address (RFC 7622): {@code [local@]domain[/resource]}. Parsing checks the structure and
 * the length of each part (1 to 1023 octets, §3.1); local parts and domains are compared in lower
 * case. Full PRECIS preparation (RFC 7613 UsernameCaseMapped) is not applied: only case folding
 * and the characters RFC 7622 §3.3.1 forbids in local parts.
 */
public record Jid(String local, String domain, String resource) {
    private static final int MAX_PART = 1023;
    private static final String LOCAL_FORBIDDEN = "\"&'/:<>@ ";

    /** A JID; {@code local} and {@code resource} may be null. */
    public Jid {
        Objects.requireNonNull(domain, "domain");
    }

    /** Parses {@code text}, or returns null when it is not a valid JID. */
    public static Jid parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        int slash = text.indexOf('/');
        String bare = slash < 0 ? text : text.substring(0, slash);
        String resource = slash < 0 ? null : text.substring(slash + 1);
        int at = bare.indexOf('@');
        String local = at < 0 ? null : bare.substring(0, at);
        String domain = at < 0 ? bare : bare.substring(at + 1);
        if (!validPart(domain) || domain.indexOf('@') >= 0 || domain.endsWith(".")) {
            return null;
        }
        if (local != null && (!validPart(local) || containsAny(local, LOCAL_FORBIDDEN))) {
            return null;
        }
        if (resource != null && !validPart(resource)) {
            return null;
        }
        return new Jid(local == null ? null : local.toLowerCase(Locale.ROOT), domain.toLowerCase(Locale.ROOT), resource);
    }

    private static boolean validPart(String part) {
        if (part.isEmpty() || part.length() > MAX_PART) {
            return false;
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c < 0x20 || c == 0x7F || Character.isWhitespace(c) && c != ' ') {
                return false;
            }
        }
        return true;
    }

    private static boolean containsAny(String text, String characters) {
        for (int i = 0; i < characters.length(); i++) {
            if (text.indexOf(characters.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** This JID without its resource. */
    public Jid bare() {
        return resource == null ? this : new Jid(local, domain, null);
    }

    /** This bare JID with {@code newResource}. */
    public Jid withResource(String newResource) {
        return new Jid(local, domain, newResource);
    }

    /** Whether this JID has no resource. */
    public boolean isBare() {
        return resource == null;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (local != null) {
            text.append(local).append('@');
        }
        text.append(domain);
        if (resource != null) {
            text.append('/').append(resource);
        }
        return text.toString();
    }
}
