package dev.torsion.smtp.codec;

import dev.torsion.smtp.SmtpReply;

/** A command the codec refused, with the reply it earns (500, 501, 555...). */
public final class SmtpSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient SmtpReply reply;

    /** A refusal answered with {@code code enhanced text}. */
    public SmtpSyntaxException(int code, String enhanced, String text) {
        super(code + " " + enhanced + " " + text, null, false, false);
        this.reply = SmtpReply.of(code, enhanced, text);
    }

    /** The reply the client gets. */
    public SmtpReply reply() {
        return reply;
    }
}
