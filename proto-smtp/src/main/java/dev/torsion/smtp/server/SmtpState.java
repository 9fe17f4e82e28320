package dev.torsion.smtp.server;

/**
 * Where an SMTP server session stands: RFC 5321 §4.1.4's command sequencing, with CHUNKING
 * (RFC 3030), AUTH (RFC 4954) and STARTTLS (RFC 3207). One method per transition; each refuses a
 * transition its state does not allow.
 */
public enum SmtpState {
    /** Connected, greeting not sent yet (a greeting delay catches clients that talk first). */
    GREETING,
    /** Greeted; HELO or EHLO expected (after STARTTLS too, RFC 3207 §4.2). */
    CONNECTED,
    /** HELO/EHLO done and no mail transaction. */
    READY,
    /** MAIL FROM accepted; RCPT expected. */
    MAIL,
    /** At least one RCPT TO accepted; more RCPT, DATA or BDAT expected. */
    RCPT,
    /** Reading the message text after DATA's 354. */
    DATA,
    /** Reading the octets of a BDAT chunk. */
    BDAT,
    /** Between BDAT chunks: only BDAT, RSET, NOOP and QUIT (RFC 3030 §2). */
    CHUNKING,
    /** In an AUTH exchange: the next line is a SASL response (RFC 4954 §4). */
    AUTH,
    /** QUIT answered, too many errors, timed out, or the connection is gone (terminal). */
    CLOSED;

    /** The greeting was sent. */
    SmtpState greeted() {
        return require(this == GREETING, CONNECTED);
    }

    /** HELO/EHLO: allowed anywhere commands are, and it ends any transaction (§4.1.4). */
    SmtpState helo() {
        return require(this == CONNECTED || isCommandState(), READY);
    }

    /** MAIL FROM accepted. */
    SmtpState mail() {
        return require(this == READY, MAIL);
    }

    /** RCPT TO accepted. */
    SmtpState rcpt() {
        return require(this == MAIL || this == RCPT, RCPT);
    }

    /** DATA answered with 354. */
    SmtpState data() {
        return require(this == RCPT, DATA);
    }

    /** A BDAT chunk starts. */
    SmtpState bdat() {
        return require(this == RCPT || this == CHUNKING, BDAT);
    }

    /** A BDAT chunk that was not LAST was read. */
    SmtpState chunkDone() {
        return require(this == BDAT, CHUNKING);
    }

    /** The message ended (DATA's end marker or BDAT LAST), or it was refused. */
    SmtpState messageDone() {
        return require(this == DATA || this == BDAT, READY);
    }

    /** RSET: the transaction is dropped; before HELO it stays before HELO (§4.1.1.5). */
    SmtpState reset() {
        if (this == CONNECTED) {
            return CONNECTED;
        }
        return require(isCommandState(), READY);
    }

    /** AUTH started an exchange. */
    SmtpState auth() {
        return require(this == READY, AUTH);
    }

    /** The AUTH exchange ended, well or badly. */
    SmtpState authDone() {
        return require(this == AUTH, READY);
    }

    /** STARTTLS answered with 220: the client starts over with EHLO (RFC 3207 §4.2). */
    SmtpState startTls() {
        return require(this == READY, CONNECTED);
    }

    /** The session ends. */
    SmtpState close() {
        return CLOSED;
    }

    /** Whether the next input is a command line (not message data, a chunk or a SASL response). */
    boolean readsCommands() {
        return this == CONNECTED || isCommandState();
    }

    private boolean isCommandState() {
        return this == READY || this == MAIL || this == RCPT || this == CHUNKING;
    }

    private SmtpState require(boolean allowed, SmtpState next) {
        if (!allowed) {
            throw new IllegalStateException("no transition from " + this + " to " + next);
        }
        return next;
    }
}
