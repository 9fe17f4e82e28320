package dev.torsion.imap.server;

/**
 * How a command ends (RFC 3501 §7.1): its tagged status with an optional response code and text,
 * and, when the session must end after it, the text of the BYE that follows.
 *
 * @param status OK, NO or BAD
 * @param code the response code without brackets, or null
 * @param text the human-readable text
 * @param bye the text of a {@code * BYE} that follows and closes the session ({@code ""}: close without one), or null
 */
record Completion(String status, String code, String text, String bye) {
    static Completion ok(String text) {
        return new Completion("OK", null, text, null);
    }

    static Completion ok(String code, String text) {
        return new Completion("OK", code, text, null);
    }

    static Completion no(String code, String text) {
        return new Completion("NO", code, text, null);
    }

    static Completion bad(String text) {
        return new Completion("BAD", null, text, null);
    }

    /** This completion, then BYE and a close. */
    Completion thenBye(String byeText) {
        return new Completion(status, code, text, byeText);
    }

    /** The tagged line, CR LF included. */
    String line(String tag) {
        return tag + " " + status + " " + (code == null ? "" : "[" + code + "] ") + text + "\r\n";
    }
}
