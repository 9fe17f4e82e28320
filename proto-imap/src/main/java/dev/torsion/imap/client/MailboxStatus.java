package dev.torsion.imap.client;

import java.util.List;
import java.util.Locale;

/**
 * What SELECT or EXAMINE told (RFC 3501 §6.3.1).
 *
 * @param exists EXISTS
 * @param recent RECENT
 * @param uidValidity UIDVALIDITY, or -1
 * @param uidNext UIDNEXT, or -1
 * @param readOnly whether the tagged OK said READ-ONLY
 * @param flags the FLAGS list
 * @param highestModSeq HIGHESTMODSEQ (RFC 7162 §3.1.2.1), 0 when the server said NOMODSEQ, -1 when it said neither
 */
public record MailboxStatus(long exists, long recent, long uidValidity, long uidNext, boolean readOnly, List<String> flags,
        long highestModSeq) {
    /** Copies the list. */
    public MailboxStatus {
        flags = List.copyOf(flags);
    }

    static MailboxStatus of(TaggedResult result) {
        long exists = 0;
        long recent = 0;
        long validity = -1;
        long next = -1;
        long highestModSeq = -1;
        List<String> flags = List.of();
        for (ImapResponse r : result.untagged()) {
            if (r.code() != null) {
                String[] code = r.code().split(" ");
                if (code[0].equalsIgnoreCase("UIDVALIDITY")) {
                    validity = Long.parseLong(code[1]);
                } else if (code[0].equalsIgnoreCase("UIDNEXT")) {
                    next = Long.parseLong(code[1]);
                } else if (code[0].equalsIgnoreCase("HIGHESTMODSEQ")) {
                    highestModSeq = Long.parseLong(code[1]);
                } else if (code[0].equalsIgnoreCase("NOMODSEQ")) {
                    highestModSeq = 0;
                }
            } else if (r.items().size() == 2 && "EXISTS".equalsIgnoreCase(r.text(1))) {
                exists = Long.parseLong(r.text(0));
            } else if (r.items().size() == 2 && "RECENT".equalsIgnoreCase(r.text(1))) {
                recent = Long.parseLong(r.text(0));
            } else if ("FLAGS".equalsIgnoreCase(r.text(0)) && r.items().size() == 2) {
                flags = ((List<?>) r.items().get(1)).stream().map(ImapResponse::asText).toList();
            }
        }
        boolean readOnly = result.code() != null && result.code().toUpperCase(Locale.ROOT).equals("READ-ONLY");
        return new MailboxStatus(exists, recent, validity, next, readOnly, flags, highestModSeq);
    }
}
