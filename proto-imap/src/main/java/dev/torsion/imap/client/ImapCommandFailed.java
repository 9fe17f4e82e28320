package dev.torsion.imap.client;

/** A command answered NO or BAD (or cut short by BYE or a lost connection). */
public final class ImapCommandFailed extends Exception {
    private static final long serialVersionUID = 1L;

    private final String status;
    private final String code;

    /** A refusal with its status (NO, BAD, BYE), response code (or null) and text. */
    public ImapCommandFailed(String status, String code, String text) {
        super(status + (code == null ? "" : " [" + code + "]") + " " + text);
        this.status = status;
        this.code = code;
    }

    /** NO, BAD, or BYE. */
    public String status() {
        return status;
    }

    /** The response code, or null. */
    public String code() {
        return code;
    }
}
