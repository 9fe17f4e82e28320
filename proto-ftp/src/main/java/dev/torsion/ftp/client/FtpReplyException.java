package dev.torsion.ftp.client;

import dev.torsion.ftp.parse.FtpReply;

/** A command answered with a 4yz or 5yz reply (RFC 959 §4.2), which this exception carries. */
public final class FtpReplyException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The reply; transient: replies are not serializable and this exception is not sent anywhere. */
    private final transient FtpReply reply;

    /** The failure {@code reply} makes. */
    public FtpReplyException(FtpReply reply) {
        super(reply.toString());
        this.reply = reply;
    }

    /** The reply. */
    public FtpReply reply() {
        return reply;
    }

    /** Its code. */
    public int code() {
        return reply.code();
    }
}
