package dev.torsion.internet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.testing.TestClock;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link ReconnectingClientFactory} with a {@link TestClock} and a fake {@link Connector}. */
class ReconnectingClientFactoryTest {
    private static final Failure REFUSED = Failure.of(new ConnectionRefusedError("refused"));

    /** Counts what the factory asks of it; can refuse {@link #stopConnecting()} as Twisted's NotConnectingError. */
    private static final class FakeConnector implements Connector {
        int connects;
        int stopConnectingCalls;
        boolean connecting = true;

        @Override
        public void stopConnecting() {
            stopConnectingCalls++;
            if (!connecting) {
                throw new IllegalStateException("not connecting");
            }
            connecting = false;
        }

        @Override
        public void disconnect() {
        }

        @Override
        public void connect() {
            connects++;
            connecting = true;
        }

        @Override
        public Address getDestination() {
            return null;
        }
    }

    private static final class Factory extends ReconnectingClientFactory {
        Factory(TestClock clock, Random random) {
            super(clock, random);
        }

        @Override
        public Protocol buildProtocol(Address address) {
            return null;
        }
    }

    private final TestClock clock = new TestClock();
    private final FakeConnector connector = new FakeConnector();

    private Factory factoryWithoutJitter() {
        Factory factory = new Factory(clock, new Random(1));
        factory.setJitter(0);
        return factory;
    }

    private long nextRetryInNanos() {
        assertEquals(1, clock.getDelayedCalls().size(), "one retry scheduled");
        return clock.getDelayedCalls().get(0).time() - clock.nanoTime();
    }

    private static long nanos(double seconds) {
        return (long) (seconds * 1e9);
    }

    @Test
    void delaysGrowByTheFactorAndEachRetryConnects() {
        Factory factory = factoryWithoutJitter();
        double expected = 1.0;
        for (int attempt = 1; attempt <= 4; attempt++) {
            factory.clientConnectionFailed(connector, REFUSED);
            expected *= Math.E;
            assertEquals(nanos(expected), nextRetryInNanos(), 2);
            clock.advance(Duration.ofNanos(nextRetryInNanos() - 1));
            assertEquals(attempt - 1, connector.connects, "not yet");
            clock.advance(Duration.ofNanos(1));
            assertEquals(attempt, connector.connects);
        }
        assertEquals(4, factory.retries());
    }

    @Test
    void lostConnectionsAreRetriedToo() {
        Factory factory = factoryWithoutJitter();
        factory.clientConnectionLost(connector, Failure.of(new ConnectionLost("gone")));
        clock.advance(Duration.ofSeconds(3));
        assertEquals(1, connector.connects);
    }

    @Test
    void delayIsCappedByMaxDelay() {
        Factory factory = factoryWithoutJitter();
        factory.setMaxDelay(Duration.ofSeconds(10));
        factory.setFactor(3);
        for (int i = 0; i < 5; i++) {
            factory.clientConnectionFailed(connector, REFUSED);
            clock.advance(Duration.ofSeconds(10));
        }
        assertEquals(5, connector.connects);
        factory.clientConnectionFailed(connector, REFUSED);
        assertEquals(nanos(10), nextRetryInNanos());
        assertEquals(Duration.ofSeconds(10), factory.currentDelay());
    }

    @Test
    void jitterSpreadsTheDelayAsANormalDistribution() {
        Factory factory = new Factory(clock, new Random(42));
        factory.setInitialDelay(Duration.ofSeconds(10));
        factory.setFactor(1);
        factory.setJitter(0.1);
        Random same = new Random(42);
        double delay = 10;
        for (int i = 0; i < 3; i++) {
            factory.clientConnectionFailed(connector, REFUSED);
            delay = delay + same.nextGaussian() * delay * 0.1;
            assertEquals(nanos(delay), nextRetryInNanos(), 2);
            clock.advance(Duration.ofSeconds(60));
        }
    }

    @Test
    void jitterVariesTheDelaysButKeepsThemNearTheMean() {
        double sum = 0;
        double min = Double.MAX_VALUE;
        double max = 0;
        int samples = 400;
        // Seeds drawn from one generator: the first draws of Randoms seeded 0, 1, 2... are correlated.
        Random seeds = new Random(7);
        for (int i = 0; i < samples; i++) {
            TestClock own = new TestClock();
            ReconnectingClientFactory factory = new ReconnectingClientFactory(own, new Random(seeds.nextLong())) {
                @Override
                public Protocol buildProtocol(Address address) {
                    return null;
                }
            };
            factory.clientConnectionFailed(connector, REFUSED);
            double delay = own.getDelayedCalls().get(0).time() / 1e9;
            sum += delay;
            min = Math.min(min, delay);
            max = Math.max(max, delay);
        }
        double mean = sum / samples;
        assertTrue(Math.abs(mean - Math.E) < 0.1, "mean delay " + mean);
        assertTrue(max - min > 0.5, "delays vary: " + min + " to " + max);
    }

    @Test
    void givesUpAfterMaxRetries() {
        Factory factory = factoryWithoutJitter();
        factory.setMaxRetries(2);
        for (int i = 0; i < 2; i++) {
            factory.clientConnectionFailed(connector, REFUSED);
            clock.advance(Duration.ofHours(1));
        }
        assertEquals(2, connector.connects);
        factory.clientConnectionFailed(connector, REFUSED);
        assertTrue(clock.getDelayedCalls().isEmpty());
        clock.advance(Duration.ofHours(2));
        assertEquals(2, connector.connects);
    }

    @Test
    void stopTryingCancelsThePendingRetryAndStopsTheAttempt() {
        Factory factory = factoryWithoutJitter();
        factory.clientConnectionFailed(connector, REFUSED);
        factory.stopTrying();
        assertFalse(factory.isTrying());
        assertTrue(clock.getDelayedCalls().isEmpty());
        assertEquals(1, connector.stopConnectingCalls);
        clock.advance(Duration.ofHours(1));
        assertEquals(0, connector.connects);
        factory.clientConnectionFailed(connector, REFUSED);
        factory.clientConnectionLost(connector, REFUSED);
        assertTrue(clock.getDelayedCalls().isEmpty(), "no retry after stopTrying");
    }

    @Test
    void stopTryingWhenNotConnectingIsQuiet() {
        Factory factory = factoryWithoutJitter();
        factory.clientConnectionFailed(connector, REFUSED);
        connector.connecting = false;
        factory.stopTrying();
        assertEquals(1, connector.stopConnectingCalls);
    }

    @Test
    void resetDelayStartsOverAndTriesAgainAfterStopTrying() {
        Factory factory = factoryWithoutJitter();
        factory.clientConnectionFailed(connector, REFUSED);
        clock.advance(Duration.ofSeconds(3));
        factory.clientConnectionFailed(connector, REFUSED);
        clock.advance(Duration.ofSeconds(8));
        assertEquals(2, factory.retries());
        factory.resetDelay(); // as a protocol does in connectionMade
        assertEquals(0, factory.retries());
        assertEquals(Duration.ofSeconds(1), factory.currentDelay());
        factory.clientConnectionLost(connector, REFUSED);
        assertEquals(nanos(Math.E), nextRetryInNanos(), 2);
        factory.stopTrying();
        factory.resetDelay();
        assertTrue(factory.isTrying());
        factory.clientConnectionFailed(connector, REFUSED);
        assertEquals(1, clock.getDelayedCalls().size());
    }

    @Test
    void retryNeedsAConnector() {
        assertThrows(IllegalStateException.class, () -> factoryWithoutJitter().retry());
    }

    @Test
    void settingsAreValidated() {
        Factory factory = factoryWithoutJitter();
        assertThrows(IllegalArgumentException.class, () -> factory.setFactor(0.5));
        assertThrows(IllegalArgumentException.class, () -> factory.setJitter(-1));
        assertThrows(IllegalArgumentException.class, () -> factory.setMaxDelay(Duration.ofSeconds(-1)));
    }
}
