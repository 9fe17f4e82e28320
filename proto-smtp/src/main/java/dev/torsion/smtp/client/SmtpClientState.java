package dev.torsion.smtp.client;

/** Where an SMTP client session stands; each state names the reply it waits for. */
public enum SmtpClientState {
    /** Waiting for the 220 greeting. */
    GREETING,
    /** Waiting for the EHLO reply. */
    EHLO,
    /** EHLO refused: waiting for the HELO reply (RFC 5321 §3.2 fallback). */
    HELO,
    /** Waiting for STARTTLS's 220. */
    STARTTLS,
    /** In AUTH: waiting for 334 or 235. */
    AUTH,
    /** MAIL, RCPT and DATA/BDAT sent (pipelined or one by one): waiting for their replies in order. */
    ENVELOPE,
    /** Data sent: waiting for the final reply. */
    CONTENT,
    /** Done (sent or failed): QUIT sent (terminal). */
    DONE
}
