package dev.torsion.cred;

import dev.torsion.internet.Address;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.IPv6Address;
import dev.torsion.time.Clock;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Limits failed logins per client address, as fail2ban and OpenSSH's {@code PerSourcePenalties} do,
 * but inside the server so that every protocol gets it. Each client may have {@code maxInFlight}
 * logins being checked at once; after {@code freeFailures} failures (all forgotten {@code window}
 * after the wait that followed the last one ends) it must wait {@code baseDelay} after its last failure before one more try,
 * and the wait doubles with each further failure up to {@code maxDelay}; while over the limit only
 * one try at a time is checked. A success forgets the client's failures. Tries refused here are
 * never checked: they cost no hash, and a parallel guesser gains no more guesses than a sequential
 * one.
 *
 * <p>A client is its IP address; IPv6 clients are taken by their /64 network, which one subscriber
 * usually holds whole. The table holds at most {@code maxClients} clients, the least recently seen
 * dropped first, so an attacker with many addresses cannot grow it without bound (and each new
 * address only buys {@code freeFailures} guesses). Use it on its clock's thread; it is also safe
 * from others.
 */
public final class LoginThrottle {
    /** Failures allowed before the waits start, unless told otherwise. */
    public static final int DEFAULT_FREE_FAILURES = 5;
    /** How long after its last wait ends a client's failures are forgotten, unless told otherwise. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
    /** The first wait, unless told otherwise; it doubles with each failure. */
    public static final Duration DEFAULT_BASE_DELAY = Duration.ofSeconds(1);
    /** The longest wait, unless told otherwise. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMinutes(5);
    /** Logins of one client checked at once, unless told otherwise (a browser opens six connections). */
    public static final int DEFAULT_MAX_IN_FLIGHT = 8;
    /** Clients remembered, unless told otherwise. */
    public static final int DEFAULT_MAX_CLIENTS = 10_000;

    /** What the table knows of one client. */
    private static final class Record {
        int failures;
        long lastFailureNanos;
        int inFlight;
    }

    private final Clock clock;
    private final int freeFailures;
    private final long windowNanos;
    private final long baseDelayNanos;
    private final long maxDelayNanos;
    private final int maxInFlight;
    private final Map<String, Record> clients;

    /** A throttle with the defaults, on {@code clock}. */
    public LoginThrottle(Clock clock) {
        this(clock, DEFAULT_FREE_FAILURES, DEFAULT_WINDOW, DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY,
                DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_CLIENTS);
    }

    /** A throttle with the given limits (see the class comment), on {@code clock}. */
    public LoginThrottle(Clock clock, int freeFailures, Duration window, Duration baseDelay, Duration maxDelay,
            int maxInFlight, int maxClients) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (freeFailures < 0 || maxInFlight < 1 || maxClients < 1 || window.isNegative() || baseDelay.isNegative()
                || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("bad throttle limits");
        }
        this.freeFailures = freeFailures;
        this.windowNanos = window.toNanos();
        this.baseDelayNanos = baseDelay.toNanos();
        this.maxDelayNanos = maxDelay.toNanos();
        this.maxInFlight = maxInFlight;
        this.clients = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
                return size() > maxClients;
            }
        };
    }

    /**
     * Whether a login of {@code client} may be checked now: {@link Duration#ZERO} when it may (it is
     * then in flight until {@link #succeeded}, {@link #failed} or {@link #ended}), else how long it
     * should wait.
     */
    public synchronized Duration tryStart(String client) {
        long now = clock.nanoTime();
        Record record = clients.computeIfAbsent(client, c -> new Record());
        forgetOldFailures(record, now);
        if (record.inFlight >= maxInFlight) {
            return Duration.ofNanos(Math.max(baseDelayNanos, 1));
        }
        if (record.failures >= freeFailures) {
            long wait = record.lastFailureNanos + delayNanos(record.failures) - now;
            if (wait > 0) {
                return Duration.ofNanos(wait);
            }
            if (record.inFlight > 0) {
                return Duration.ofNanos(Math.max(baseDelayNanos, 1)); // over the limit: one try at a time
            }
        }
        record.inFlight++;
        return Duration.ZERO;
    }

    /** A login of {@code client} succeeded: its failures are forgotten. */
    public synchronized void succeeded(String client) {
        Record record = clients.get(client);
        if (record != null) {
            record.inFlight = Math.max(0, record.inFlight - 1);
            record.failures = 0;
            dropIfIdle(client, record);
        }
    }

    /**
     * A login of {@code client} was refused: one more failure. Answers how long the client must
     * now wait before its next try ({@link Duration#ZERO} while it has free failures left).
     */
    public synchronized Duration failed(String client) {
        long now = clock.nanoTime();
        Record record = clients.computeIfAbsent(client, c -> new Record());
        record.inFlight = Math.max(0, record.inFlight - 1);
        forgetOldFailures(record, now);
        record.failures++;
        record.lastFailureNanos = now;
        return record.failures >= freeFailures ? Duration.ofNanos(delayNanos(record.failures)) : Duration.ZERO;
    }

    /** A login of {@code client} ended neither way (an error, a cancellation, an SSH key query). */
    public synchronized void ended(String client) {
        Record record = clients.get(client);
        if (record != null) {
            record.inFlight = Math.max(0, record.inFlight - 1);
            dropIfIdle(client, record);
        }
    }

    /** The failures of {@code client} that still count. */
    public synchronized int failures(String client) {
        Record record = clients.get(client);
        if (record == null) {
            return 0;
        }
        forgetOldFailures(record, clock.nanoTime());
        return record.failures;
    }

    /** How many clients the table holds now. */
    public synchronized int size() {
        return clients.size();
    }

    private void forgetOldFailures(Record record, long now) {
        if (record.failures > 0 && now - record.lastFailureNanos > windowNanos + delayNanos(record.failures)) {
            record.failures = 0;
        }
    }

    private void dropIfIdle(String client, Record record) {
        if (record.failures == 0 && record.inFlight == 0) {
            clients.remove(client);
        }
    }

    /** The wait after {@code failures} failures: the base delay, doubled per failure over the free ones. */
    private long delayNanos(int failures) {
        if (failures < freeFailures) {
            return 0;
        }
        int doublings = Math.min(failures - freeFailures, 62);
        long delay = baseDelayNanos;
        for (int i = 0; i < doublings && delay < maxDelayNanos; i++) {
            delay *= 2;
        }
        return Math.min(delay, maxDelayNanos);
    }

    /**
     * The throttle's key for a client: the IP address, an IPv6 one cut to its /64 network (an
     * IPv4-mapped one taken as IPv4), and for other kinds of address (UNIX sockets, pipes) their text.
     */
    public static String clientKey(Address address) {
        Objects.requireNonNull(address, "address");
        if (address instanceof IPv4Address ip) {
            return ip.host();
        }
        if (address instanceof IPv6Address ip) {
            return ipv6Network(ip.host());
        }
        return address.toString();
    }

    /** The client's host for a log line: the IP address, or the address's text for other kinds. */
    public static String clientHost(Address address) {
        if (address instanceof IPv4Address ip) {
            return ip.host();
        }
        if (address instanceof IPv6Address ip) {
            return ip.host();
        }
        return address == null ? "unknown" : LogSafe.text(address.toString());
    }

    private static String ipv6Network(String host) {
        int scope = host.indexOf('%');
        String literal = scope < 0 ? host : host.substring(0, scope);
        if (literal.indexOf(':') < 0) {
            return literal; // not an IPv6 literal: never resolve a name here
        }
        try {
            InetAddress parsed = InetAddress.getByName(literal); // a literal with ':' is parsed, not looked up
            if (parsed instanceof Inet4Address) {
                return parsed.getHostAddress();
            }
            byte[] bytes = parsed.getAddress();
            StringBuilder network = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return network.append(":/64").toString();
        } catch (UnknownHostException malformed) {
            return literal;
        }
    }
}
