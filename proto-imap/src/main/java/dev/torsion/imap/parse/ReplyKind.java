package dev.torsion.imap.parse;

/** The status a refusal earns (RFC 3501 §7.1): a tagged NO or BAD, or an untagged BYE and a close. */
public enum ReplyKind {
    /** The command was understood but refused; the session goes on. */
    NO,
    /** The command was malformed; the session goes on. */
    BAD,
    /** The session cannot go on: the server says BYE and closes. */
    BYE
}
