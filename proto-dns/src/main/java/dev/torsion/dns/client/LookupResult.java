package dev.torsion.dns.client;

import dev.torsion.dns.codec.ResourceRecord;
import java.util.List;

/**
 * The sections of an answer, as Twisted's resolvers return {@code (answers, authority, additional)}.
 *
 * @param answers the answer section
 * @param authority the authority section
 * @param additional the additional section
 */
public record LookupResult(List<ResourceRecord> answers, List<ResourceRecord> authority, List<ResourceRecord> additional) {
    /** Copies the lists. */
    public LookupResult {
        answers = List.copyOf(answers);
        authority = List.copyOf(authority);
        additional = List.copyOf(additional);
    }
}
