package dev.torsion.imap.server;

/**
 * An account or mailbox refusing an operation; the command earns {@code tag NO [code] text}
 * (response codes of RFC 5530: NONEXISTENT, ALREADYEXISTS, TRYCREATE, CANNOT, ...).
 */
public final class MailboxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The response code without brackets, or null. */
    private final String code;

    /** A refusal with a response code (null for none) and a text for the user. */
    public MailboxException(String code, String text) {
        super(text);
        this.code = code;
    }

    /** The response code, or null. */
    public String code() {
        return code;
    }
}
