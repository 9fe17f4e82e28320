package dev.torsion.irc.codec;

/**
 * The escaping of IRCv3 message-tag values ("Escaping values" of the message-tags
 * specification): {@code ;} as {@code \:}, space as {@code \s}, backslash as {@code \\}, CR as
 * {@code \r}, LF as {@code \n}.
 */
public final class MessageTags {
    private MessageTags() {
    }

    /** {@code value} escaped for the wire. */
    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case ';' -> out.append("\\:");
                case ' ' -> out.append("\\s");
                case '\\' -> out.append("\\\\");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * {@code raw} unescaped. As the specification says, a backslash before any other character
     * stands for that character, and a lone backslash at the end is dropped.
     */
    public static String unescape(String raw) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            i++;
            if (i == raw.length()) {
                break;
            }
            char next = raw.charAt(i);
            switch (next) {
                case ':' -> out.append(';');
                case 's' -> out.append(' ');
                case 'r' -> out.append('\r');
                case 'n' -> out.append('\n');
                default -> out.append(next);
            }
        }
        return out.toString();
    }

    /**
     * Whether {@code key} follows the grammar {@code ['+'] [vendor '/'] key_name}, where
     * key_name is letters, digits and hyphens and vendor a host name.
     */
    public static boolean isValidKey(String key) {
        int start = key.startsWith("+") ? 1 : 0;
        int slash = key.lastIndexOf('/');
        if (slash >= 0) {
            String vendor = key.substring(start, slash);
            if (vendor.isEmpty() || !vendor.chars().allMatch(c -> isAlnum(c) || c == '-' || c == '.')) {
                return false;
            }
            start = slash + 1;
        }
        String name = key.substring(start);
        return !name.isEmpty() && name.chars().allMatch(c -> isAlnum(c) || c == '-');
    }

    private static boolean isAlnum(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
