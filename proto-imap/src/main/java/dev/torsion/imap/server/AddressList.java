package dev.torsion.imap.server;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 5322 §3.4 address lists, read leniently for ENVELOPE (RFC 3501 §7.4.2): mailboxes
 * ({@code Name <local@domain>} or {@code local@domain}) and groups ({@code name: a, b;}).
 */
final class AddressList {
    /** One address of the ENVELOPE form: name, mailbox and host; a group start has a null host, its end all nulls. */
    record Address(String name, String mailbox, String host) {
    }

    private AddressList() {
    }

    /** The addresses of a header value, or an empty list. */
    static List<Address> parse(String value) {
        List<Address> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String item : split(value, ',')) {
            String text = item.strip();
            int colon = indexOutside(text, ':');
            if (colon > 0 && !text.startsWith("\"") && indexOutside(text, '<') < 0 || colon > 0 && indexOutside(text, '<') > colon) {
                // A group: "name:" then members up to ";".
                out.add(new Address(null, unquote(text.substring(0, colon).strip()), null));
                String rest = text.substring(colon + 1);
                boolean closes = rest.strip().endsWith(";");
                rest = closes ? rest.substring(0, rest.lastIndexOf(';')) : rest;
                for (String member : split(rest, ',')) {
                    if (!member.isBlank()) {
                        out.add(mailbox(member.strip()));
                    }
                }
                if (closes) {
                    out.add(new Address(null, null, null));
                }
                continue;
            }
            if (text.endsWith(";")) {
                text = text.substring(0, text.length() - 1).strip();
                if (!text.isEmpty()) {
                    out.add(mailbox(text));
                }
                out.add(new Address(null, null, null));
                continue;
            }
            if (!text.isEmpty()) {
                out.add(mailbox(text));
            }
        }
        return out;
    }

    private static Address mailbox(String text) {
        int open = indexOutside(text, '<');
        String name = null;
        String spec = text;
        if (open >= 0) {
            int close = text.indexOf('>', open);
            spec = text.substring(open + 1, close < 0 ? text.length() : close).strip();
            name = unquote(text.substring(0, open).strip());
            if (name.isEmpty()) {
                name = null;
            }
        } else {
            int comment = indexOutside(text, '(');
            if (comment >= 0) {
                int end = text.lastIndexOf(')');
                name = text.substring(comment + 1, end > comment ? end : text.length()).strip();
                spec = text.substring(0, comment).strip();
            }
        }
        if (spec.contains(":")) {
            // A source route (RFC 5322 §4.4 obs-route): drop it.
            spec = spec.substring(spec.lastIndexOf(':') + 1);
        }
        int at = spec.lastIndexOf('@');
        String local = at < 0 ? spec : spec.substring(0, at);
        String host = at < 0 ? "" : spec.substring(at + 1);
        return new Address(name, unquote(local), host);
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return text;
    }

    /** Splits at {@code sep} outside quotes, angle brackets and comments; a group's members stay with it. */
    private static List<String> split(String value, char sep) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        boolean inGroup = false;
        int from = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> quoted = true;
                case '(', '<' -> depth++;
                case ')', '>' -> depth = Math.max(0, depth - 1);
                case ':' -> inGroup = depth == 0 || inGroup;
                case ';' -> {
                    if (depth == 0 && inGroup) {
                        out.add(value.substring(from, i + 1));
                        from = i + 1;
                        inGroup = false;
                    }
                }
                default -> {
                    if (c == sep && depth == 0 && !inGroup) {
                        out.add(value.substring(from, i));
                        from = i + 1;
                    }
                }
            }
        }
        out.add(value.substring(from));
        return out;
    }

    private static int indexOutside(String text, char wanted) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted) {
                i++;
            } else if (c == wanted && !quoted) {
                return i;
            }
        }
        return -1;
    }
}
