package dev.torsion.imap.client;

import java.util.List;

/**
 * A command's outcome: its tagged OK with the response code and text, and the untagged responses
 * that came while it ran.
 *
 * @param code the tagged response's code ({@code APPENDUID 1 5}), or null
 * @param text its text
 * @param untagged the untagged responses in the order they came
 */
public record TaggedResult(String code, String text, List<ImapResponse> untagged) {
    /** Copies the list. */
    public TaggedResult {
        untagged = List.copyOf(untagged);
    }
}
