package dev.torsion.nntp.server;

import java.util.List;
import java.util.Locale;

/**
 * The overview data of one article (RFC 3977 §8.3.2, §8.4): the five header fields and the two
 * metadata items of the standard format, in that order.
 *
 * @param number the article's number in its group (0 when fetched by message-id)
 * @param subject Subject
 * @param from From
 * @param date Date
 * @param messageId Message-ID
 * @param references References
 * @param bytes the article's size in octets ({@code :bytes})
 * @param lines the body's line count ({@code :lines})
 */
public record OverviewEntry(long number, String subject, String from, String date, String messageId, String references,
        long bytes, long lines) {
    /** The field names of LIST OVERVIEW.FMT in order (§8.4.2). */
    public static final List<String> FORMAT = List.of("Subject:", "From:", "Date:", "Message-ID:", "References:", ":bytes", ":lines");

    /** The OVER line (§8.3.2): the number then each field, tab-separated, tabs and line ends in values as spaces. */
    public String line() {
        return number + "\t" + clean(subject) + "\t" + clean(from) + "\t" + clean(date) + "\t" + clean(messageId) + "\t"
                + clean(references) + "\t" + bytes + "\t" + lines;
    }

    /** Whether {@code field} (a header name or metadata item) is kept in the overview. */
    public static boolean isOverviewField(String field) {
        return new OverviewEntry(0, "", "", "", "", "", 0, 0).field(field) != null;
    }

    /** This entry with another number. */
    public OverviewEntry withNumber(long newNumber) {
        return new OverviewEntry(newNumber, subject, from, date, messageId, references, bytes, lines);
    }

    /** The value HDR reports for {@code field} (a header name or {@code :bytes}/{@code :lines}), or null when not an overview field. */
    public String field(String field) {
        return switch (field.toLowerCase(Locale.ROOT)) {
            case "subject" -> clean(subject);
            case "from" -> clean(from);
            case "date" -> clean(date);
            case "message-id" -> clean(messageId);
            case "references" -> clean(references);
            case ":bytes", "bytes" -> Long.toString(bytes);
            case ":lines", "lines" -> Long.toString(lines);
            default -> null;
        };
    }

    /** §8.3.2: TAB, CR and LF in a value become spaces, so one line holds one article. */
    static String clean(String value) {
        return value.replace('\t', ' ').replace('\r', ' ').replace('\n', ' ');
    }
}
