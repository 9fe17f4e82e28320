package dev.torsion.telnet.codec;

/**
 * A token bucket on received option commands. RFC 1143 keeps the two ends from looping, but a
 * hostile peer may still drive a storm (DO/DONT ping-pong forever, each earning an answer): the
 * budget bounds it. Pure: the caller passes the time.
 */
public final class NegotiationBudget {
    private final int burst;
    private final long refillNanos;
    private long tokens;
    private long lastNanos;

    /** A full bucket of {@code burst} commands, one more earned every {@code refillNanos}. */
    public NegotiationBudget(int burst, long refillNanos, long nowNanos) {
        this.burst = burst;
        this.refillNanos = refillNanos;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Takes one command's token at {@code nowNanos}; false when the bucket is empty. */
    public boolean take(long nowNanos) {
        long earned = (nowNanos - lastNanos) / refillNanos;
        if (earned > 0) {
            tokens = Math.min(burst, tokens + earned);
            lastNanos += earned * refillNanos;
        }
        if (tokens == 0) {
            return false;
        }
        tokens--;
        return true;
    }
}
