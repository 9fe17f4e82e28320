package dev.torsion.protocols.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.Protocol;
import dev.torsion.testing.StringTransport;
import dev.torsion.testing.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdleTimeoutTest {
    private final TestClock clock = new TestClock();
    private int timeouts;
    private final IdleTimeout idle = new IdleTimeout(clock, () -> timeouts++);

    @Test
    void firesAfterThePeriodOfSilence() {
        assertNull(idle.setTimeout(Duration.ofSeconds(10)));
        clock.advance(Duration.ofSeconds(9));
        assertEquals(0, timeouts);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, timeouts);
        assertFalse(idle.isActive());
        assertNull(idle.timeout());
        clock.advance(Duration.ofSeconds(100));
        assertEquals(1, timeouts, "once only");
    }

    @Test
    void resetStartsThePeriodAgain() {
        idle.setTimeout(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(8));
        idle.resetTimeout();
        clock.advance(Duration.ofSeconds(8));
        assertEquals(0, timeouts);
        clock.advance(Duration.ofSeconds(2));
        assertEquals(1, timeouts);
    }

    @Test
    void changingAndCancelling() {
        idle.setTimeout(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(10), idle.setTimeout(Duration.ofSeconds(3)));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(0, timeouts);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, timeouts);

        idle.setTimeout(Duration.ofSeconds(1));
        idle.cancel();
        assertFalse(idle.isActive());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(1, timeouts);
        idle.resetTimeout();
        assertTrue(clock.getDelayedCalls().isEmpty(), "reset does not start a cancelled timer");
    }

    @Test
    void abortingConnectionAborts() {
        Protocol protocol = new Protocol() {
        };
        StringTransport transport = new StringTransport();
        protocol.makeConnection(transport);
        IdleTimeout timer = IdleTimeout.abortingConnection(clock, protocol);
        timer.setTimeout(Duration.ofMillis(500));
        clock.advance(Duration.ofMillis(500));
        assertTrue(transport.isAborted());
    }
}
