package dev.torsion.imap.parse;

/**
 * A command the parser refuses, with the reply it earns: the tag when one could be read (else the
 * reply is untagged), the status, an optional response code (RFC 3501 §7.1, RFC 5530) and the text.
 */
public final class ImapParseException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The tag, or null when none could be read. */
    private final String tag;
    private final ReplyKind kind;
    /** The response code without brackets ({@code TOOBIG}), or null. */
    private final String code;

    /** A refusal of the command tagged {@code tag} (null: untagged). */
    public ImapParseException(String tag, ReplyKind kind, String code, String text) {
        super(text);
        this.tag = tag;
        this.kind = kind;
        this.code = code;
    }

    /** A BAD for a malformed command. */
    public static ImapParseException bad(String tag, String text) {
        return new ImapParseException(tag, ReplyKind.BAD, null, text);
    }

    /** The tag, or null. */
    public String tag() {
        return tag;
    }

    /** The status it earns. */
    public ReplyKind kind() {
        return kind;
    }

    /** The response code, or null. */
    public String code() {
        return code;
    }

    /** Whether the session must end (a BYE follows the reply). */
    public boolean fatal() {
        return kind == ReplyKind.BYE;
    }

    /** The same refusal for the command tagged {@code newTag}. */
    public ImapParseException withTag(String newTag) {
        return new ImapParseException(newTag, kind, code, getMessage());
    }

    /**
     * The reply line, CR LF included: {@code tag BAD [CODE] text}, or {@code * BAD ...} without a
     * tag; a BYE is always untagged (RFC 3501 §7.1.5).
     */
    public String reply() {
        String status = kind == ReplyKind.BYE ? "BYE" : kind.name();
        String prefix = kind == ReplyKind.BYE || tag == null ? "*" : tag;
        return prefix + " " + status + " " + (code == null ? "" : "[" + code + "] ") + getMessage() + "\r\n";
    }
}
