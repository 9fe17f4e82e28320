package dev.torsion.imap.parse;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * A parsed command (RFC 3501 §6 and the extensions the server offers), one record per shape.
 * Mailbox names are decoded from modified UTF-7, with {@code INBOX} in any case made
 * {@code INBOX} (RFC 3501 §5.1).
 */
public sealed interface ImapCommand {
    /** The command's tag. */
    String tag();

    /** The command's name in upper case, with {@code UID } in front for UID commands. */
    String name();

    /** CAPABILITY, NOOP, LOGOUT, STARTTLS, CHECK, CLOSE, UNSELECT, EXPUNGE, NAMESPACE, IDLE. */
    record Simple(String tag, String name) implements ImapCommand {
    }

    /** LOGIN user password (RFC 3501 §6.2.3). */
    record Login(String tag, String user, byte[] password) implements ImapCommand {
        @Override
        public String name() {
            return "LOGIN";
        }
    }

    /** AUTHENTICATE mechanism [initial-response] (RFC 3501 §6.2.2, RFC 4959 SASL-IR). */
    record Authenticate(String tag, String mechanism, String initialResponse) implements ImapCommand {
        @Override
        public String name() {
            return "AUTHENTICATE";
        }
    }

    /** CREATE, DELETE, SUBSCRIBE, UNSUBSCRIBE with one mailbox. */
    record OnMailbox(String tag, String name, String mailbox) implements ImapCommand {
    }

    /**
     * SELECT or EXAMINE mailbox [(CONDSTORE) | (QRESYNC (...))] (RFC 3501 §6.3.1, RFC 7162 §3.1.8, §3.2.5).
     *
     * @param readOnly EXAMINE
     * @param condStore whether the CONDSTORE parameter was given
     * @param qresync the QRESYNC parameter, or null
     */
    record Select(String tag, boolean readOnly, String mailbox, boolean condStore, Qresync qresync) implements ImapCommand {
        /** A plain SELECT or EXAMINE. */
        public Select(String tag, boolean readOnly, String mailbox) {
            this(tag, readOnly, mailbox, false, null);
        }

        @Override
        public String name() {
            return readOnly ? "EXAMINE" : "SELECT";
        }
    }

    /**
     * QRESYNC's select parameter (RFC 7162 §3.2.5): what the client last knew.
     *
     * @param uidValidity the UIDVALIDITY it knew
     * @param modSeq the HIGHESTMODSEQ it knew
     * @param knownUids the UIDs it holds, or null
     * @param knownSequences message numbers of seq-match-data, or null
     * @param knownSequenceUids their UIDs, or null
     */
    record Qresync(long uidValidity, long modSeq, SequenceSet knownUids, SequenceSet knownSequences, SequenceSet knownSequenceUids) {
    }

    /** RENAME from to. */
    record Rename(String tag, String from, String to) implements ImapCommand {
        @Override
        public String name() {
            return "RENAME";
        }
    }

    /**
     * LIST or LSUB (RFC 3501 §6.3.8) with LIST-EXTENDED (RFC 5258) selection options (SUBSCRIBED,
     * REMOTE, RECURSIVEMATCH, SPECIAL-USE), several patterns, and return options (SUBSCRIBED,
     * CHILDREN, SPECIAL-USE, and STATUS with its items, RFC 5819).
     */
    record ListMailboxes(String tag, String name, List<String> selection, String reference, List<String> patterns, List<String> returns,
            List<String> statusItems) implements ImapCommand {
        /** Copies the lists. */
        public ListMailboxes {
            selection = List.copyOf(selection);
            patterns = List.copyOf(patterns);
            returns = List.copyOf(returns);
            statusItems = List.copyOf(statusItems);
        }
    }

    /** STATUS mailbox (items). */
    record Status(String tag, String mailbox, List<String> items) implements ImapCommand {
        /** Copies the list. */
        public Status {
            items = List.copyOf(items);
        }

        @Override
        public String name() {
            return "STATUS";
        }
    }

    /** APPEND mailbox [(flags)] [date-time] literal. */
    record Append(String tag, String mailbox, List<String> flags, ZonedDateTime date, byte[] message) implements ImapCommand {
        /** Copies the list. */
        public Append {
            flags = List.copyOf(flags);
        }

        @Override
        public String name() {
            return "APPEND";
        }
    }

    /**
     * [UID] SEARCH [RETURN (options)] [CHARSET x] keys (RFC 3501 §6.4.4, RFC 4731 ESEARCH).
     *
     * @param returns the RETURN options (MIN, MAX, ALL, COUNT; empty means ALL), or null for a plain SEARCH
     */
    record Search(String tag, boolean uid, String charset, SearchKey key, List<String> returns) implements ImapCommand {
        /** Copies the list. */
        public Search {
            returns = returns == null ? null : List.copyOf(returns);
        }

        /** A SEARCH without RETURN. */
        public Search(String tag, boolean uid, String charset, SearchKey key) {
            this(tag, uid, charset, key, null);
        }

        @Override
        public String name() {
            return uid ? "UID SEARCH" : "SEARCH";
        }
    }

    /**
     * [UID] FETCH set items [(CHANGEDSINCE n [VANISHED])] (RFC 3501 §6.4.5, RFC 7162 §3.1.4.1, §3.2.6).
     *
     * @param changedSince only messages with a greater MODSEQ, or -1
     * @param vanished whether UIDs expunged since are told as VANISHED (EARLIER)
     */
    record Fetch(String tag, boolean uid, SequenceSet set, List<FetchItem> items, long changedSince, boolean vanished) implements ImapCommand {
        /** Copies the list. */
        public Fetch {
            items = List.copyOf(items);
        }

        /** A FETCH without modifiers. */
        public Fetch(String tag, boolean uid, SequenceSet set, List<FetchItem> items) {
            this(tag, uid, set, items, -1, false);
        }

        @Override
        public String name() {
            return uid ? "UID FETCH" : "FETCH";
        }
    }

    /**
     * [UID] STORE set [(UNCHANGEDSINCE n)] [+-]FLAGS[.SILENT] flags (RFC 3501 §6.4.6, RFC 7162 §3.1.3).
     *
     * @param unchangedSince the UNCHANGEDSINCE modifier, or -1
     */
    record Store(String tag, boolean uid, SequenceSet set, StoreMode mode, boolean silent, List<String> flags, long unchangedSince)
            implements ImapCommand {
        /** Copies the list. */
        public Store {
            flags = List.copyOf(flags);
        }

        /** A STORE without UNCHANGEDSINCE. */
        public Store(String tag, boolean uid, SequenceSet set, StoreMode mode, boolean silent, List<String> flags) {
            this(tag, uid, set, mode, silent, flags, -1);
        }

        @Override
        public String name() {
            return uid ? "UID STORE" : "STORE";
        }
    }

    /** [UID] COPY or [UID] MOVE (RFC 6851) set mailbox. */
    record Copy(String tag, boolean uid, boolean move, SequenceSet set, String mailbox) implements ImapCommand {
        @Override
        public String name() {
            return (uid ? "UID " : "") + (move ? "MOVE" : "COPY");
        }
    }

    /** UID EXPUNGE set (RFC 4315 §2.1). */
    record UidExpunge(String tag, SequenceSet set) implements ImapCommand {
        @Override
        public String name() {
            return "UID EXPUNGE";
        }
    }

    /** ID (params) or ID NIL (RFC 2971). */
    record Id(String tag, Map<String, String> parameters) implements ImapCommand {
        @Override
        public String name() {
            return "ID";
        }
    }

    /** ENABLE capabilities (RFC 5161). */
    record Enable(String tag, List<String> capabilities) implements ImapCommand {
        /** Copies the list. */
        public Enable {
            capabilities = List.copyOf(capabilities);
        }

        @Override
        public String name() {
            return "ENABLE";
        }
    }
}
