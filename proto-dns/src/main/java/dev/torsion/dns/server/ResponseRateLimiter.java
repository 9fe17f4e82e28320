package dev.torsion.dns.server;

import dev.torsion.dns.codec.Presentation;
import dev.torsion.internet.Address;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.IPv6Address;
import dev.torsion.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Response rate limiting for UDP, in the manner of BIND's RRL: each client network (an IPv4 /24,
 * an IPv6 /56) has a bucket of {@code responsesPerSecond} tokens refilled continuously; a response
 * without a token is dropped, except every {@code slip}-th one, which goes out truncated (TC, no
 * records) so that a real client behind a spoofed flood retries over TCP. This blunts the
 * server's use as an amplifier in reflection attacks. At most {@code maxClients} networks are
 * tracked (least recently seen forgotten). Reactor thread only.
 */
public final class ResponseRateLimiter {
    /** What to do with one response. */
    public enum Verdict {
        /** Send it. */
        SEND,
        /** Send a truncated reply instead. */
        SLIP,
        /** Send nothing. */
        DROP
    }

    /**
     * The settings.
     *
     * @param responsesPerSecond responses per second per client network (and the burst)
     * @param slip every slip-th limited response is sent truncated (0: never)
     * @param maxClients client networks tracked
     */
    public record Config(int responsesPerSecond, int slip, int maxClients) {
        /** Checks the ranges. */
        public Config {
            if (responsesPerSecond < 1 || slip < 0 || maxClients < 1) {
                throw new IllegalArgumentException("rate limit out of range");
            }
        }
    }

    private static final class Bucket {
        private double tokens;
        private long lastNanos;
        private long limited;
    }

    private final Clock clock;
    private final Config config;
    private final Map<String, Bucket> buckets;

    /** A limiter on {@code clock}. */
    public ResponseRateLimiter(Clock clock, Config config) {
        this.clock = clock;
        this.config = config;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > config.maxClients();
            }
        };
    }

    /** Takes a token for one response to {@code peer}. */
    public Verdict check(Address peer) {
        long now = clock.nanoTime();
        Bucket bucket = buckets.computeIfAbsent(network(peer), k -> {
            Bucket b = new Bucket();
            b.tokens = config.responsesPerSecond();
            b.lastNanos = now;
            return b;
        });
        double refill = (now - bucket.lastNanos) / 1e9 * config.responsesPerSecond();
        bucket.tokens = Math.min(config.responsesPerSecond(), bucket.tokens + refill);
        bucket.lastNanos = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return Verdict.SEND;
        }
        bucket.limited++;
        return config.slip() > 0 && bucket.limited % config.slip() == 0 ? Verdict.SLIP : Verdict.DROP;
    }

    /** The client's network: its address with the host bits cleared. */
    private static String network(Address peer) {
        String host;
        if (peer instanceof IPv4Address a) {
            host = a.host();
        } else if (peer instanceof IPv6Address a) {
            host = a.host();
        } else {
            return peer.toString();
        }
        String bare = host.contains("%") ? host.substring(0, host.indexOf('%')) : host;
        try {
            byte[] octets = Presentation.parseAddress(bare, bare.contains(":") ? 16 : 4);
            byte[] prefix = Arrays.copyOf(octets, octets.length == 4 ? 3 : 7);
            return Presentation.hex(prefix);
        } catch (IllegalArgumentException e) {
            return host;
        }
    }
}
