package dev.torsion.internet;

import dev.torsion.defer.Failure;
import dev.torsion.time.Clock;
import dev.torsion.time.DelayedCall;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client factory that connects again whenever the connection fails or is lost, waiting longer
 * after each failure, as Twisted's {@code ReconnectingClientFactory}.
 *
 * <p>The delay starts at {@link #setInitialDelay initialDelay} (1 s), is multiplied by
 * {@link #setFactor factor} (e) at each retry up to {@link #setMaxDelay maxDelay} (1 h), and is
 * then spread by a normally distributed jitter whose standard deviation is
 * {@link #setJitter jitter} (about 0.12) times the delay, so that many clients that lost the same
 * server do not all come back at the same instant. After {@link #setMaxRetries maxRetries}
 * retries (no limit by default) it gives up. A protocol that got connected calls
 * {@link #resetDelay()} (typically in {@code connectionMade}) so that the next loss starts from
 * the initial delay again; {@link #stopTrying()} stops for good.
 */
public abstract class ReconnectingClientFactory extends ClientFactory {
    private static final Logger log = LoggerFactory.getLogger(ReconnectingClientFactory.class);

    private final Clock clock;
    private final Random random;
    private double initialDelay = 1.0;
    private double maxDelay = 3600;
    private double factor = Math.E;
    private double jitter = 0.11962656472;
    private int maxRetries = -1;
    private double delay = initialDelay;
    private int retries;
    private boolean continueTrying = true;
    private Connector connector;
    private DelayedCall pendingRetry;

    /** A factory that schedules its retries on {@code clock}. */
    protected ReconnectingClientFactory(Clock clock) {
        this(clock, new Random());
    }

    /** A factory that schedules its retries on {@code clock} and draws its jitter from {@code random}. */
    protected ReconnectingClientFactory(Clock clock, Random random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public void clientConnectionFailed(Connector connector, Failure reason) {
        if (continueTrying) {
            this.connector = connector;
            retry();
        }
    }

    @Override
    public void clientConnectionLost(Connector connector, Failure reason) {
        if (continueTrying) {
            this.connector = connector;
            retry();
        }
    }

    /** Schedules the next attempt on the last connector this factory was told about. */
    public void retry() {
        if (connector == null) {
            throw new IllegalStateException("no connector to retry");
        }
        retry(connector);
    }

    /** Schedules the next attempt on {@code connector}, after the next delay. */
    public void retry(Connector connector) {
        if (!continueTrying) {
            log.debug("Abandoning {} on explicit request", connector);
            return;
        }
        retries++;
        if (maxRetries >= 0 && retries > maxRetries) {
            log.info("Abandoning {} after {} retries", connector, retries);
            return;
        }
        delay = Math.min(delay * factor, maxDelay);
        if (jitter > 0) {
            delay = Math.max(0, delay + random.nextGaussian() * delay * jitter);
        }
        log.debug("{} will retry in {} seconds", connector, delay);
        pendingRetry = clock.callLater(Duration.ofNanos((long) (delay * 1e9)), () -> {
            pendingRetry = null;
            connector.connect();
        });
    }

    /**
     * Stops reconnecting: cancels a scheduled attempt and stops one in progress. The factory tries
     * again only after {@link #resetDelay()}.
     */
    public void stopTrying() {
        if (pendingRetry != null) {
            if (pendingRetry.active()) {
                pendingRetry.cancel();
            }
            pendingRetry = null;
        }
        continueTrying = false;
        if (connector != null) {
            try {
                connector.stopConnecting();
            } catch (IllegalStateException notConnecting) {
                // Twisted's NotConnectingError: connected already, or between attempts. Nothing to stop.
                log.trace("stopTrying: {} was not connecting", connector, notConnecting);
            }
        }
    }

    /** Goes back to the initial delay and no retries, and to trying again after {@link #stopTrying()}. */
    public void resetDelay() {
        delay = initialDelay;
        retries = 0;
        pendingRetry = null;
        continueTrying = true;
    }

    /** Sets the delay the backoff starts from (default 1 s); also resets the current delay. */
    public void setInitialDelay(Duration initialDelay) {
        this.initialDelay = seconds(initialDelay);
        this.delay = this.initialDelay;
    }

    /** Sets the longest delay between attempts before jitter (default one hour). */
    public void setMaxDelay(Duration maxDelay) {
        this.maxDelay = seconds(maxDelay);
    }

    /** Sets what the delay is multiplied by at each retry (default e); 1 or more. */
    public void setFactor(double factor) {
        if (!(factor >= 1)) {
            throw new IllegalArgumentException("factor must be >= 1: " + factor);
        }
        this.factor = factor;
    }

    /** Sets the jitter: the standard deviation of the delay as a fraction of it (default ~0.12; 0 for none). */
    public void setJitter(double jitter) {
        if (!(jitter >= 0)) {
            throw new IllegalArgumentException("jitter must be >= 0: " + jitter);
        }
        this.jitter = jitter;
    }

    /** Sets how many retries to make before giving up; negative for no limit (the default). */
    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    /** The delay of the last retry scheduled, or the initial delay when none was. */
    public Duration currentDelay() {
        return Duration.ofNanos((long) (delay * 1e9));
    }

    /** How many retries were made since the last reset. */
    public int retries() {
        return retries;
    }

    /** Whether the factory will retry after the next failure or loss. */
    public boolean isTrying() {
        return continueTrying;
    }

    private static double seconds(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration: " + duration);
        }
        return duration.toNanos() / 1e9;
    }
}
