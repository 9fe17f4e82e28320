package dev.torsion.nmea.codec;

import java.util.List;

/**
 * One framed, checksum-verified NMEA sentence, before its fields are interpreted.
 *
 * @param start {@code $} for parametric sentences, {@code !} for encapsulated ones (AIS)
 * @param talker the two-character talker ID ({@code GP}, {@code GN}, {@code BD}...), or {@code P}
 *     for a proprietary sentence
 * @param type the sentence formatter ({@code GGA}...), or for a proprietary sentence the
 *     manufacturer code and its own type ({@code GRME})
 * @param fields the data fields after the address field, empty strings for null fields
 * @param checksum whether a checksum was present (a wrong one is rejected before this)
 */
public record Sentence(char start, String talker, String type, List<String> fields,
        ChecksumStatus checksum) implements DecodeResult {

    /** A copy-safe sentence. */
    public Sentence {
        fields = List.copyOf(fields);
    }

    /** Whether this is a proprietary {@code $P...} sentence (NMEA 0183 section 5.3.3.3). */
    public boolean proprietary() {
        return "P".equals(talker);
    }

    /** Field {@code index}, or the empty string when the sentence was truncated before it. */
    public String field(int index) {
        return index < fields.size() ? fields.get(index) : "";
    }
}
