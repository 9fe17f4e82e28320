package dev.torsion.dns.server;

import dev.torsion.defer.Deferred;
import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.client.DnsClient;
import dev.torsion.dns.client.NameServer;
import dev.torsion.dns.client.ZoneTransfer;
import dev.torsion.dns.codec.Message;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.codec.Presentation;
import dev.torsion.dns.codec.Question;
import dev.torsion.dns.codec.RRType;
import dev.torsion.dns.codec.ResourceRecord;
import dev.torsion.dns.zone.Zone;
import dev.torsion.internet.Address;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.IPv6Address;
import dev.torsion.internet.Reactor;
import dev.torsion.time.Clock;
import dev.torsion.time.DelayedCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A zone copied from a primary (RFC 1034 section 4.3.5): transferred by AXFR, then every REFRESH
 * seconds its SOA is asked and the zone transferred again when the primary's serial is newer
 * (RFC 1982 serial arithmetic); a failed refresh is retried after RETRY, and after EXPIRE without
 * success the copy is dropped; a NOTIFY from the primary refreshes at once (RFC 1996, through
 * {@link DnsServer#addSecondary}). Serve {@link #authority()} from a {@link DnsServer}.
 */
public final class SecondaryZone {
    private static final Logger LOG = LoggerFactory.getLogger(SecondaryZone.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);

    private final Reactor reactor;
    private final Clock clock;
    private final NameServer primary;
    private final DnsLimits limits;
    private final ZoneAuthority authority;
    private final DnsClient client;
    private SecondaryState state = SecondaryState.LOADING;
    private DelayedCall timer;
    private long lastSuccessNanos;
    private boolean stopped;
    private final List<Deferred<Boolean>> waiting = new ArrayList<>();

    /** A secondary for {@code origin} from {@code primary}; network on {@code reactor}, timers on {@code clock}. */
    public SecondaryZone(Reactor reactor, Clock clock, Name origin, NameServer primary, DnsLimits limits) {
        this.reactor = reactor;
        this.clock = clock;
        this.primary = primary;
        this.limits = limits;
        this.authority = new ZoneAuthority(origin, limits);
        this.client = new DnsClient(reactor, List.of(primary), limits);
    }

    /** What a server serves. */
    public ZoneAuthority authority() {
        return authority;
    }

    /** Whether {@code peer} is this zone's primary (by address octets), so its NOTIFY counts (RFC 1996 section 3.10). */
    public boolean isPrimary(Address peer) {
        String host = peer instanceof IPv4Address a ? a.host() : peer instanceof IPv6Address a6 ? a6.host() : null;
        if (host == null) {
            return false;
        }
        try {
            String bare = host.contains("%") ? host.substring(0, host.indexOf('%')) : host;
            String primaryHost = primary.host();
            return Arrays.equals(Presentation.parseAddress(bare, bare.contains(":") ? 16 : 4),
                    Presentation.parseAddress(primaryHost, primaryHost.contains(":") ? 16 : 4));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The state. */
    public SecondaryState state() {
        return state;
    }

    /** Starts: the first transfer now; fires with whether it succeeded. */
    public Deferred<Boolean> start() {
        return refresh();
    }

    /** Stops the timers. */
    public void stop() {
        stopped = true;
        if (timer != null && timer.active()) {
            timer.cancel();
        }
    }

    /** Checks the primary's SOA now and transfers when it is newer (or when there is no copy); fires with whether it transferred. */
    public Deferred<Boolean> refresh() {
        Zone current = authority.zone();
        Deferred<Boolean> outcome;
        if (current == null) {
            outcome = transfer();
        } else {
            outcome = client.query(Question.of(authority.origin(), RRType.SOA)).addCallbackDeferred(reply -> {
                long theirs = serialOf(reply);
                long ours = current.soa().data().number(2);
                if (serialNewer(theirs, ours)) {
                    LOG.info("zone {}: primary serial {} is newer than {}", authority.origin(), theirs, ours);
                    return transfer();
                }
                succeeded();
                return Deferred.succeed(false);
            });
        }
        return outcome.addErrback(failure -> {
            LOG.warn("zone {}: refresh from {} failed: {}", authority.origin(), primary, failure.getErrorMessage());
            failed();
            return false;
        }).addCallback(transferred -> {
            List<Deferred<Boolean>> done = new ArrayList<>(waiting);
            waiting.clear();
            done.forEach(d -> d.callback(transferred));
            return transferred;
        });
    }

    /** Fires with the outcome of the next refresh to finish (one a NOTIFY started, say). */
    public Deferred<Boolean> whenRefreshed() {
        Deferred<Boolean> d = new Deferred<>();
        waiting.add(d);
        return d;
    }

    private long serialOf(Message reply) {
        for (ResourceRecord r : reply.answers()) {
            if (r.type() == RRType.SOA) {
                return r.data().number(2);
            }
        }
        throw new IllegalStateException("the primary answered no SOA");
    }

    private Deferred<Boolean> transfer() {
        return ZoneTransfer.transfer(reactor, primary, authority.origin(), limits).addCallback(zone -> {
            authority.replace(zone);
            LOG.info("zone {}: transferred {} records, serial {}", zone.origin(), zone.size(), zone.soa().data().number(2));
            succeeded();
            return true;
        });
    }

    private void succeeded() {
        state = SecondaryState.SERVING;
        lastSuccessNanos = clock.nanoTime();
        schedule(Duration.ofSeconds(authority.zone().soa().data().number(3)));
    }

    private void failed() {
        Zone current = authority.zone();
        if (current == null) {
            schedule(FIRST_RETRY);
            return;
        }
        long expire = current.soa().data().number(5);
        if (clock.nanoTime() - lastSuccessNanos >= Duration.ofSeconds(expire).toNanos()) {
            LOG.warn("zone {}: expired after {} s without a refresh", authority.origin(), expire);
            state = SecondaryState.EXPIRED;
            authority.replace(null);
            schedule(FIRST_RETRY);
            return;
        }
        schedule(Duration.ofSeconds(current.soa().data().number(4)));
    }

    private void schedule(Duration delay) {
        if (stopped) {
            return;
        }
        if (timer != null && timer.active()) {
            timer.cancel();
        }
        timer = clock.callLater(delay, this::refresh);
    }

    /** RFC 1982 section 3.2: {@code a} is newer than {@code b} in 32-bit serial arithmetic. */
    static boolean serialNewer(long a, long b) {
        long diff = (a - b) & 0xffffffffL;
        return diff != 0 && diff < 0x80000000L;
    }
}
