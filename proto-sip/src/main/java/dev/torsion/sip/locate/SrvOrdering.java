package dev.torsion.sip.locate;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntUnaryOperator;

/**
 * The order in which SRV targets are tried (RFC 2782, "Usage rules"): lowest priority first; among
 * equal priorities, a weighted random draw, repeated until every record is placed.
 */
public final class SrvOrdering {
    private final IntUnaryOperator draw;

    /**
     * An ordering whose draws come from {@code draw}: given the sum of the weights still to be
     * placed, it returns a number from 0 to that sum, inclusive.
     */
    public SrvOrdering(IntUnaryOperator draw) {
        this.draw = draw;
    }

    /** An ordering with uniform random draws. */
    public static SrvOrdering random() {
        return new SrvOrdering(sum -> ThreadLocalRandom.current().nextInt(sum + 1));
    }

    /**
     * The records in the order to try them. A target of {@code "."} means the service is decidedly
     * not offered at this domain: such records are left out.
     */
    public List<SrvRecord> order(List<SrvRecord> records) {
        TreeMap<Integer, List<SrvRecord>> byPriority = new TreeMap<>();
        for (SrvRecord record : records) {
            if (!record.target().equals(".")) {
                byPriority.computeIfAbsent(record.priority(), p -> new ArrayList<>()).add(record);
            }
        }
        List<SrvRecord> ordered = new ArrayList<>();
        for (List<SrvRecord> group : byPriority.values()) {
            ordered.addAll(weighted(group));
        }
        return ordered;
    }

    /**
     * One priority: the records of weight 0 go to the front of the pool (so that they are rarely,
     * but not never, chosen first), then each round draws a number up to the sum of the remaining
     * weights and takes the first record whose running sum reaches it.
     */
    private List<SrvRecord> weighted(List<SrvRecord> group) {
        List<SrvRecord> pool = new ArrayList<>();
        group.stream().filter(r -> r.weight() == 0).forEach(pool::add);
        group.stream().filter(r -> r.weight() != 0).forEach(pool::add);
        List<SrvRecord> out = new ArrayList<>();
        while (!pool.isEmpty()) {
            int sum = 0;
            for (SrvRecord record : pool) {
                sum += record.weight();
            }
            int pick = Math.max(0, Math.min(sum, draw.applyAsInt(sum))); // a draw out of range must not stall
            int running = 0;
            for (int i = 0; i < pool.size(); i++) {
                running += pool.get(i).weight();
                if (running >= pick) {
                    out.add(pool.remove(i));
                    break;
                }
            }
        }
        return out;
    }
}
