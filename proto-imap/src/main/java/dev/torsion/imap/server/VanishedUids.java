package dev.torsion.imap.server;

import dev.torsion.imap.parse.SequenceSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The UID set of a {@code VANISHED (EARLIER)} response (RFC 7162 §3.2.5 for SELECT's QRESYNC,
 * §3.2.6 for UID FETCH's VANISHED modifier), worked out in ranges so that a client's
 * {@code 1:4294967295} costs no more than {@code 1:5}. UIDs the session still shows are never
 * in it: their removal reaches the client as a plain VANISHED once it is allowed to.
 */
final class VanishedUids {
    private VanishedUids() {
    }

    /**
     * From a mailbox's complete memory of expunges: the UIDs of {@code expunged} that
     * {@code within} names ({@code *} being {@code largest}; null names every UID).
     */
    static String remembered(List<Long> expunged, SequenceSet within, long largest, List<Long> present) {
        Set<Long> shown = new HashSet<>(present);
        List<Long> out = new ArrayList<>();
        for (long uid : expunged) {
            if ((within == null || within.contains(uid, largest)) && !shown.contains(uid)) {
                out.add(uid);
            }
        }
        return SequenceSet.compact(out);
    }

    /**
     * When the memory does not reach back far enough: every UID below {@code uidNext} that
     * {@code within} names (null: every one) and the mailbox does not hold. RFC 7162 §3.2.5 lets
     * the server name UIDs the client never had; the client ignores them.
     *
     * @param present the UIDs the mailbox holds, ascending
     */
    static String missing(SequenceSet within, long largest, long uidNext, List<Long> present) {
        StringBuilder out = new StringBuilder();
        int p = 0;
        for (long[] range : ranges(within, largest, uidNext - 1)) {
            long low = range[0];
            while (p < present.size() && present.get(p) < low) {
                p++;
            }
            while (low <= range[1]) {
                long next = p < present.size() ? present.get(p) : Long.MAX_VALUE;
                if (next > range[1]) {
                    append(out, low, range[1]);
                    break;
                }
                if (next > low) {
                    append(out, low, next - 1);
                }
                low = next + 1;
                p++;
            }
        }
        return out.toString();
    }

    /** The ranges of {@code set} between 1 and {@code max}, ascending and merged. */
    private static List<long[]> ranges(SequenceSet set, long largest, long max) {
        List<long[]> ranges = new ArrayList<>();
        if (set == null) {
            ranges.add(new long[] {1, max});
        } else {
            for (SequenceSet.Range range : set.ranges()) {
                long low = Math.max(1, Math.min(value(range.first(), largest), value(range.last(), largest)));
                long high = Math.min(max, Math.max(value(range.first(), largest), value(range.last(), largest)));
                if (low <= high) {
                    ranges.add(new long[] {low, high});
                }
            }
            ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        }
        List<long[]> merged = new ArrayList<>();
        for (long[] range : ranges) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && range[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], range[1]);
            } else if (range[0] <= range[1]) {
                merged.add(range);
            }
        }
        return merged;
    }

    private static long value(long n, long largest) {
        return n == SequenceSet.STAR ? largest : n;
    }

    private static void append(StringBuilder out, long low, long high) {
        if (out.length() > 0) {
            out.append(',');
        }
        out.append(low);
        if (high > low) {
            out.append(':').append(high);
        }
    }
}
