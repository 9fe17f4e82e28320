package dev.torsion.smtp;

/**
 * A refusal with the reply the client gets: what a {@code MessageDelivery} fails its Deferreds
 * with to answer {@code 550 5.1.1 No such user} rather than the default {@code 451}.
 */
public final class SmtpRejection extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient SmtpReply reply;

    /** A rejection answered with {@code reply}, which must be a 4xx or 5xx. */
    public SmtpRejection(SmtpReply reply) {
        super(reply.toString(), null, false, false);
        if (!reply.isError()) {
            throw new IllegalArgumentException("a rejection needs a 4xx or 5xx reply");
        }
        this.reply = reply;
    }

    /** A rejection with a one-line reply. */
    public SmtpRejection(int code, String enhanced, String text) {
        this(SmtpReply.of(code, enhanced, text));
    }

    /** The reply the client gets. */
    public SmtpReply reply() {
        return reply;
    }
}
