package dev.torsion.pop3.server;

/**
 * One message of a maildrop as a POP3 session lists it.
 *
 * @param id the mailbox's own key for it (a Maildir UID, a database row)
 * @param size its size in octets with CR LF line ends (LIST, STAT)
 * @param uidl its unique id (RFC 1939 §7: 1 to 70 characters from 0x21 to 0x7E, stable across sessions)
 */
public record Pop3Message(long id, long size, String uidl) {
    /** Checks the unique id's form. */
    public Pop3Message {
        if (uidl.isEmpty() || uidl.length() > 70 || !uidl.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new IllegalArgumentException("UIDL must be 1 to 70 printable ASCII characters: " + uidl);
        }
    }
}
