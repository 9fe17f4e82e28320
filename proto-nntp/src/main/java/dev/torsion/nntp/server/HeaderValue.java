package dev.torsion.nntp.server;

/**
 * One line of an HDR answer (RFC 3977 §8.5.2).
 *
 * @param number the article's number (0 when asked by message-id)
 * @param value the field's value, unfolded, tabs and line ends as spaces; empty when absent
 */
public record HeaderValue(long number, String value) {
    /** The HDR line: {@code number SP value}. */
    public String line() {
        return number + " " + OverviewEntry.clean(value);
    }
}
