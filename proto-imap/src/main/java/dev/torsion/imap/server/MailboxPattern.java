package dev.torsion.imap.server;

import java.util.regex.Pattern;

/**
 * LIST's pattern matching (RFC 3501 §6.3.8): {@code *} matches anything, {@code %} anything but
 * the hierarchy delimiter; the reference is prefixed to the pattern; INBOX matches in any case.
 */
final class MailboxPattern {
    private final Pattern regex;

    MailboxPattern(String reference, String pattern, char delimiter) {
        String whole = reference + pattern;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            char c = whole.charAt(i);
            if (c == '*') {
                out.append(".*");
            } else if (c == '%') {
                out.append("[^").append(Pattern.quote(String.valueOf(delimiter))).append("]*");
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        regex = Pattern.compile(out.toString(), Pattern.DOTALL);
    }

    boolean matches(String name) {
        if (regex.matcher(name).matches()) {
            return true;
        }
        // RFC 3501 §5.1: INBOX is case-insensitive, so "inbox" and "Inbox" patterns match it.
        return name.equals("INBOX") && Pattern.compile(regex.pattern(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(name).matches();
    }
}
