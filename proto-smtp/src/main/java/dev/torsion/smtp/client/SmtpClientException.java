package dev.torsion.smtp.client;

import dev.torsion.smtp.SmtpReply;

/** A send that failed: the server's reply when it refused, or a protocol or TLS problem (no reply). */
public final class SmtpClientException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient SmtpReply reply;

    /** A failure with the server's {@code reply} (may be null). */
    public SmtpClientException(String message, SmtpReply reply) {
        super(reply == null ? message : message + ": " + reply, null, false, false);
        this.reply = reply;
    }

    /** The server's reply, or null. */
    public SmtpReply reply() {
        return reply;
    }

    /** Whether trying again later may work (a 4xx reply, or no reply at all). */
    public boolean isTransient() {
        return reply == null || reply.code() < 500;
    }
}
