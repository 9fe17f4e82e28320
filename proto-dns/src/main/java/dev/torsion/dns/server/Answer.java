package dev.torsion.dns.server;

import dev.torsion.dns.codec.Rcode;
import dev.torsion.dns.codec.ResourceRecord;
import java.util.List;

/**
 * What an {@link Authority} answers to one question.
 *
 * @param rcode NOERROR, NXDOMAIN, ...
 * @param authoritative whether the AA bit is set (RFC 1035 section 4.1.1): not on referrals
 * @param answers the answer section
 * @param authority the authority section (the SOA of a negative answer, the NS of a referral)
 * @param additional the additional section (glue, addresses of targets)
 */
public record Answer(int rcode, boolean authoritative, List<ResourceRecord> answers, List<ResourceRecord> authority,
        List<ResourceRecord> additional) {
    /** Copies the lists. */
    public Answer {
        answers = List.copyOf(answers);
        authority = List.copyOf(authority);
        additional = List.copyOf(additional);
    }

    /** An authoritative positive answer. */
    public static Answer of(List<ResourceRecord> answers) {
        return new Answer(Rcode.NOERROR, true, answers, List.of(), List.of());
    }
}
