package dev.torsion.imap.client;

import dev.torsion.imap.parse.SequenceSet;
import java.util.List;

/**
 * What changed in a mailbox since a MODSEQ, as a CONDSTORE FETCH CHANGEDSINCE or a QRESYNC SELECT
 * tells it (RFC 7162 §3.1.4.1, §3.2.5, §3.2.6).
 *
 * @param vanished the UIDs of {@code * VANISHED (EARLIER)} in IMAP syntax ({@code 41,43:116}), empty when none came
 * @param changed the FETCH responses of the messages changed since
 */
public record Changes(String vanished, List<FetchData> changed) {
    /** Copies the list. */
    public Changes {
        changed = List.copyOf(changed);
    }

    /** The vanished UIDs as a set, or null when none came. */
    public SequenceSet vanishedSet() {
        return vanished.isEmpty() ? null : SequenceSet.parse(vanished);
    }

    static Changes of(List<ImapResponse> responses) {
        StringBuilder vanished = new StringBuilder();
        for (ImapResponse r : responses) {
            if (r.items().size() == 3 && "VANISHED".equalsIgnoreCase(r.text(0)) && r.items().get(1) instanceof List<?> earlier
                    && earlier.size() == 1 && "EARLIER".equalsIgnoreCase(ImapResponse.asText(earlier.get(0)))) {
                vanished.append(vanished.length() == 0 ? "" : ",").append(r.text(2));
            }
        }
        return new Changes(vanished.toString(), FetchData.of(responses));
    }
}
