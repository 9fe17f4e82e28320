package dev.torsion.http.staticfiles;

import java.util.ArrayList;
import java.util.List;

/** Parses a {@code Range: bytes=...} header against a representation's length (RFC 9110 section 14). */
public final class ByteRanges {
    /** At most this many ranges are honoured; more is answered with the whole body. */
    public static final int MAX_RANGES = 16;

    /**
     * One satisfiable range.
     *
     * @param first the first byte's offset
     * @param last the last byte's offset (inclusive)
     */
    public record Range(long first, long last) {
        /** The number of bytes in the range. */
        public long length() {
            return last - first + 1;
        }
    }

    private ByteRanges() {
    }

    /**
     * The satisfiable ranges of {@code header} for a body of {@code size} bytes: null when the
     * header should be ignored (not bytes, malformed, too many ranges), an empty list when no
     * range is satisfiable (416).
     */
    public static List<Range> parse(String header, long size) {
        if (header == null) {
            return null;
        }
        String trimmed = header.trim();
        if (!trimmed.regionMatches(true, 0, "bytes=", 0, 6)) {
            return null;
        }
        String[] specs = trimmed.substring(6).split(",");
        if (specs.length > MAX_RANGES) {
            return null;
        }
        List<Range> ranges = new ArrayList<>();
        for (String rawSpec : specs) {
            String spec = rawSpec.trim();
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return null;
            }
            String from = spec.substring(0, dash).trim();
            String to = spec.substring(dash + 1).trim();
            if (!digits(from) && !from.isEmpty() || !digits(to) && !to.isEmpty() || from.isEmpty() && to.isEmpty()) {
                return null;
            }
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                if (suffix > 0 && size > 0) {
                    ranges.add(new Range(Math.max(0, size - suffix), size - 1));
                }
                continue;
            }
            long first = Long.parseLong(from);
            long last = to.isEmpty() ? size - 1 : Math.min(Long.parseLong(to), size - 1);
            if (!to.isEmpty() && Long.parseLong(to) < first) {
                return null;
            }
            if (first < size) {
                ranges.add(new Range(first, last));
            }
        }
        return ranges;
    }

    private static boolean digits(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
