package dev.torsion.imap.client;

import java.util.List;

/**
 * The outcome of STORE with UNCHANGEDSINCE (RFC 7162 §3.1.3).
 *
 * @param fetched the FETCH responses it brought (with MODSEQ)
 * @param modified the messages left alone because they changed since, from {@code [MODIFIED ...]} (sequence numbers for
 *     STORE, UIDs for UID STORE), empty when every message passed
 */
public record ConditionalStore(List<FetchData> fetched, String modified) {
    /** Copies the list. */
    public ConditionalStore {
        fetched = List.copyOf(fetched);
    }
}
