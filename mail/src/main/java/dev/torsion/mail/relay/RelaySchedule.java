package dev.torsion.mail.relay;

import java.time.Duration;
import java.util.List;

/**
 * When the relay manager looks at its queue and retries.
 *
 * @param scanInterval how often the queue is scanned for due entries
 * @param backoff the wait after the 1st, 2nd, ... failed attempt (the last repeats)
 * @param maxAge how long a message may wait before its recipients are bounced (RFC 5321 §4.5.4.1 suggests 4-5 days)
 */
public record RelaySchedule(Duration scanInterval, List<Duration> backoff, Duration maxAge) {
    /** A scan a minute; retries after 1, 5, 15, 30 minutes, then hourly, then every 4 hours; 5 days. */
    public static final RelaySchedule DEFAULT = new RelaySchedule(Duration.ofMinutes(1),
            List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30),
                    Duration.ofHours(1), Duration.ofHours(4)), Duration.ofDays(5));

    /** Copies the backoff, which must not be empty. */
    public RelaySchedule {
        backoff = List.copyOf(backoff);
        if (backoff.isEmpty()) {
            throw new IllegalArgumentException("at least one backoff step is required");
        }
    }

    /** The wait after {@code attempts} failed attempts (1 or more). */
    public Duration delayAfter(int attempts) {
        return backoff.get(Math.min(attempts, backoff.size()) - 1);
    }
}
