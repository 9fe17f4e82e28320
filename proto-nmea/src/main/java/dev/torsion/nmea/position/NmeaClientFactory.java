package dev.torsion.nmea.position;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ReconnectingClientFactory;
import dev.torsion.nmea.NmeaLimits;
import dev.torsion.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Connects to an NMEA source over TCP and reconnects when the connection fails or is lost (with
 * the core's growing, jittered delay): either a plain NMEA stream (a multiplexer, a receiver's
 * TCP port; {@link #plain}) or gpsd's port, watched for raw NMEA ({@link #gpsd}). One
 * {@link SentenceProcessor} serves every connection, so the date and pending AIS fragments carry
 * over a reconnection; each lost connection ends the cycle in progress as a fix.
 *
 * <pre>{@code
 * NmeaClientFactory gpsd = NmeaClientFactory.gpsd(reactor, receiver, NmeaLimits.DEFAULTS);
 * reactor.connectTCP("127.0.0.1", 2947, gpsd);
 * }</pre>
 */
public final class NmeaClientFactory extends ReconnectingClientFactory {

    private final SentenceProcessor processor;
    private final NmeaLimits limits;
    private final boolean gpsd;
    private final List<Deferred<Void>> watchWaiters = new ArrayList<>();

    private NmeaClientFactory(Clock clock, PositioningReceiver receiver, NmeaLimits limits,
            boolean gpsd) {
        super(clock);
        this.processor = new SentenceProcessor(receiver, limits, clock::nanoTime);
        this.limits = limits;
        this.gpsd = gpsd;
    }

    /** A factory for a plain NMEA stream over TCP. */
    public static NmeaClientFactory plain(Clock clock, PositioningReceiver receiver, NmeaLimits limits) {
        return new NmeaClientFactory(clock, receiver, limits, false);
    }

    /** A factory for gpsd's port, watching for the raw NMEA of its devices. */
    public static NmeaClientFactory gpsd(Clock clock, PositioningReceiver receiver, NmeaLimits limits) {
        return new NmeaClientFactory(clock, receiver, limits, true);
    }

    /** The processor every connection feeds (for its AIS drop counts). */
    public SentenceProcessor processor() {
        return processor;
    }

    /**
     * Fires the next time gpsd confirms a watch (gpsd mode only): from then on gpsd forwards what
     * its devices send.
     */
    public Deferred<Void> whenWatching() {
        if (!gpsd) {
            throw new IllegalStateException("not a gpsd client");
        }
        Deferred<Void> waiter = new Deferred<>();
        watchWaiters.add(waiter);
        return waiter;
    }

    @Override
    public Protocol buildProtocol(Address address) {
        // connected: the next loss starts again from the initial delay, as in Twisted's howto
        resetDelay();
        if (!gpsd) {
            return new NmeaProtocol(processor, limits);
        }
        return new GpsdNmeaProtocol(processor, limits, this::watching);
    }

    private void watching() {
        List<Deferred<Void>> waiting = new ArrayList<>(watchWaiters);
        watchWaiters.clear();
        waiting.forEach(waiter -> waiter.callback(null));
    }
}
