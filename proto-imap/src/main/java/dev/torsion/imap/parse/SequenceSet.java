package dev.torsion.imap.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * A sequence-set (RFC 3501 §9): comma-separated numbers and ranges, where {@code *} stands for
 * the largest number in use. Message sequence numbers and UIDs share the syntax; what {@code *}
 * means is decided when the set is resolved against a mailbox.
 *
 * @param ranges the ranges as written, each with {@code STAR} for {@code *}
 */
public record SequenceSet(List<Range> ranges) {
    /** Stands for {@code *}. */
    public static final long STAR = -1;
    /** The one range of {@link #SAVED}: it contains no number, so a command that does not resolve {@code $} names nothing. */
    private static final long SAVED_MARK = -2;
    /**
     * {@code $} (RFC 5182 §2.1, RFC 9051 §6.4.4.1): the messages the last {@code SEARCH RETURN (SAVE)}
     * found, resolved by the selected mailbox, never by {@link #contains}.
     */
    public static final SequenceSet SAVED = new SequenceSet(List.of(new Range(SAVED_MARK, SAVED_MARK)));

    /** One number ({@code first == last}) or a range, in either order (RFC 3501 §9: {@code 4:2} is {@code 2:4}). */
    public record Range(long first, long last) {
        /** The lower and upper bounds with {@code *} taken as {@code max}. */
        long low(long max) {
            return Math.min(value(first, max), value(last, max));
        }

        long high(long max) {
            return Math.max(value(first, max), value(last, max));
        }

        private static long value(long n, long max) {
            return n == STAR ? max : n;
        }
    }

    /** Copies the list. */
    public SequenceSet {
        ranges = List.copyOf(ranges);
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("empty sequence set");
        }
    }

    /** Whether this is {@code $}, the saved search result. */
    public boolean saved() {
        return ranges.size() == 1 && ranges.get(0).first() == SAVED_MARK;
    }

    /** Whether {@code n} is in the set, {@code *} being {@code max}. */
    public boolean contains(long n, long max) {
        for (Range range : ranges) {
            if (n >= range.low(max) && n <= range.high(max)) {
                return true;
            }
        }
        return false;
    }

    /** The largest number written (not {@code *}), 0 when only {@code *} is. */
    public long largestWritten() {
        long largest = 0;
        for (Range range : ranges) {
            largest = Math.max(largest, Math.max(range.first(), range.last()));
        }
        return largest;
    }

    /** Parses {@code text}, e.g. {@code 1,3:5,7:*}; null when it is not a sequence-set. */
    public static SequenceSet parse(String text) {
        if (text.isEmpty()) {
            return null;
        }
        List<Range> ranges = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            int colon = part.indexOf(':');
            long first = number(colon < 0 ? part : part.substring(0, colon));
            long last = colon < 0 ? first : number(part.substring(colon + 1));
            if (first == 0 || last == 0) {
                return null;
            }
            ranges.add(new Range(first, last));
        }
        return new SequenceSet(ranges);
    }

    /** A seq-number: {@code *} or an nz-number fitting 32 bits; 0 when invalid. */
    private static long number(String text) {
        if (text.equals("*")) {
            return STAR;
        }
        if (text.isEmpty() || text.length() > 10 || text.charAt(0) == '0') {
            return 0;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return 0;
            }
        }
        long n = Long.parseLong(text);
        return n > 0xFFFF_FFFFL ? 0 : n;
    }

    /** The set in IMAP syntax. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Range range : ranges) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(show(range.first()));
            if (range.first() != range.last()) {
                out.append(':').append(show(range.last()));
            }
        }
        return out.toString();
    }

    private static String show(long n) {
        if (n == SAVED_MARK) {
            return "$";
        }
        return n == STAR ? "*" : Long.toString(n);
    }

    /** A compact set of ascending numbers ({@code 1:3,7}), as UIDPLUS response codes carry them. */
    public static String compact(List<Long> numbers) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < numbers.size()) {
            int j = i;
            while (j + 1 < numbers.size() && numbers.get(j + 1) == numbers.get(j) + 1) {
                j++;
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(numbers.get(i));
            if (j > i) {
                out.append(':').append(numbers.get(j));
            }
            i = j + 1;
        }
        return out.toString();
    }
}
