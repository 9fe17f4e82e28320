package dev.torsion.imap.parse;

import java.time.LocalDate;
import java.util.List;

/** A search-key of RFC 3501 §6.4.4, as a tree. */
public sealed interface SearchKey {
    /** ALL. */
    record All() implements SearchKey {
    }

    /** Every key must match: a parenthesised list, or the keys of SEARCH side by side. */
    record And(List<SearchKey> keys) implements SearchKey {
        /** Copies the list. */
        public And {
            keys = List.copyOf(keys);
        }
    }

    /** OR a b. */
    record Or(SearchKey left, SearchKey right) implements SearchKey {
    }

    /** NOT key. */
    record Not(SearchKey key) implements SearchKey {
    }

    /** A sequence set, or with {@code uid} a UID set. */
    record Sequence(SequenceSet set, boolean uid) implements SearchKey {
    }

    /** A flag present ({@code ANSWERED}, {@code KEYWORD x}) or absent ({@code UNANSWERED}); {@code \Recent} for RECENT/OLD. */
    record Flag(String flag, boolean present) implements SearchKey {
    }

    /** A header field containing {@code value} (FROM, TO, CC, BCC, SUBJECT, HEADER); an empty value matches any message with the field. */
    record Header(String field, String value) implements SearchKey {
    }

    /** The body (BODY) or the whole message (TEXT) containing {@code value}. */
    record Text(boolean wholeMessage, String value) implements SearchKey {
    }

    /** BEFORE/ON/SINCE on the internal date, SENTBEFORE/SENTON/SENTSINCE on the Date: header (dates only, RFC 3501 §6.4.4). */
    record Date(DateOp op, boolean sent, LocalDate date) implements SearchKey {
    }

    /** LARGER n or SMALLER n, on RFC822.SIZE. */
    record Size(boolean larger, long octets) implements SearchKey {
    }

    /** MODSEQ n (RFC 7162 §3.1.5): messages whose MODSEQ is n or greater; the optional entry name is taken as the whole message's. */
    record ModSeq(long modSeq) implements SearchKey {
    }

    /** How a date compares. */
    enum DateOp {
        /** Strictly earlier. */
        BEFORE,
        /** The same day. */
        ON,
        /** That day or later. */
        SINCE
    }
}
