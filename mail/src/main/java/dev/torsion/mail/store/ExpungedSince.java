package dev.torsion.mail.store;

import java.util.List;

/**
 * The UIDs a folder expunged after a MODSEQ (RFC 7162 §3.2.5: QRESYNC's VANISHED (EARLIER)).
 *
 * @param uids the UIDs remembered as expunged after it, ascending
 * @param complete whether the folder's memory reaches back that far; when not, other UIDs may be gone too
 */
public record ExpungedSince(List<Long> uids, boolean complete) {
    /** Copies the list. */
    public ExpungedSince {
        uids = List.copyOf(uids);
    }
}
