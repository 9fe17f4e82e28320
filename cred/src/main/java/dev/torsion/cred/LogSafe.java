package dev.torsion.cred;

/**
 * Makes peer-chosen text (a user name) safe to put in a log line: control characters are escaped
 * so that a name cannot forge log lines, and long names are cut.
 */
public final class LogSafe {
    private static final int MAX_LENGTH = 64;

    private LogSafe() {
    }

    /** {@code text} with control characters escaped as {@code \\uXXXX}, cut to 64 characters. */
    public static String text(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 8);
        for (int i = 0; i < text.length() && i < MAX_LENGTH; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > MAX_LENGTH) {
            out.append("...");
        }
        return out.toString();
    }
}
