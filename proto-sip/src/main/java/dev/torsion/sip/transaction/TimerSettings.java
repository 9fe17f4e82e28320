package dev.torsion.sip.transaction;

import java.time.Duration;

/**
 * The base timers of RFC 3261 section 17.1.1.1 and table 4, from which timers A to K derive.
 *
 * @param t1 the round-trip estimate: 500 ms
 * @param t2 the longest interval between non-INVITE retransmissions: 4 s
 * @param t4 the longest time a message stays in the network: 5 s
 */
public record TimerSettings(Duration t1, Duration t2, Duration t4) {
    /** The RFC's values. */
    public static final TimerSettings DEFAULTS = new TimerSettings(Duration.ofMillis(500), Duration.ofSeconds(4),
            Duration.ofSeconds(5));

    /** Checks that the timers are positive and T2 is not below T1. */
    public TimerSettings {
        if (t1.isZero() || t1.isNegative() || t2.compareTo(t1) < 0 || t4.isNegative()) {
            throw new IllegalArgumentException("bad SIP timers: " + t1 + ", " + t2 + ", " + t4);
        }
    }

    /** 64*T1: timers B, F, H and J. */
    public Duration timeout() {
        return t1.multipliedBy(64);
    }

    /** Timer D for an unreliable transport: at least 32 s (table 4). */
    public Duration timerD() {
        Duration d = Duration.ofSeconds(32);
        return timeout().compareTo(d) > 0 ? timeout() : d;
    }

    /** The next retransmission interval after {@code current}, capped at T2 (timers E and G). */
    public Duration doubledCapped(Duration current) {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(t2) > 0 ? t2 : doubled;
    }
}
