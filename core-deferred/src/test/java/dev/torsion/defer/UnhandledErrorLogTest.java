package dev.torsion.defer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The report of a failure nobody handled, logged when its Deferred is collected. The log is
 * captured with a logback appender; the test forces collection with {@link System#gc()} in a loop
 * bounded by a deadline, waiting on the captured log rather than sleeping.
 */
class UnhandledErrorLogTest {
    private static final long DEADLINE_SECONDS = 30;

    /** A list appender that lets a test wait for a line matching a condition. */
    private static final class WaitableAppender extends ListAppender<ILoggingEvent> {
        private volatile Predicate<String> awaited = line -> false;
        private volatile CountDownLatch seen = new CountDownLatch(1);

        void await(Predicate<String> condition) {
            seen = new CountDownLatch(1);
            awaited = condition;
            if (messages().stream().anyMatch(condition)) {
                seen.countDown();
            }
        }

        @Override
        protected void append(ILoggingEvent event) {
            super.append(event);
            if (awaited.test(event.getFormattedMessage())) {
                seen.countDown();
            }
        }

        List<String> messages() {
            synchronized (list) {
                return list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
            }
        }
    }

    private final Logger deferredLog = (Logger) LoggerFactory.getLogger(Deferred.class);
    private final WaitableAppender appender = new WaitableAppender();

    @BeforeEach
    void capture() {
        // ListAppender.list is a plain ArrayList and the Cleaner logs on its own thread.
        appender.list = Collections.synchronizedList(new ArrayList<>());
        appender.start();
        deferredLog.addAppender(appender);
        deferredLog.setLevel(Level.DEBUG);
        deferredLog.setAdditive(false); // keep the expected reports out of the build's console
    }

    @AfterEach
    void release() {
        deferredLog.detachAppender(appender);
        deferredLog.setAdditive(true);
        deferredLog.setLevel(null);
        appender.stop();
        Deferred.setDebugging(false);
    }

    /** Collects garbage until a logged line matches, or the deadline passes. */
    private String collectUntilLogged(Predicate<String> condition) throws InterruptedException {
        appender.await(condition);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (System.nanoTime() < deadline) {
            System.gc();
            if (appender.seen.await(50, TimeUnit.MILLISECONDS)) {
                return appender.messages().stream().filter(condition).findFirst().orElseThrow();
            }
        }
        throw new AssertionError("nothing logged matching the condition; log was " + appender.messages());
    }

    private static void dropAFailedDeferred(String marker) {
        Deferred<String> d = new Deferred<>();
        d.addCallback(v -> v + "never runs");
        d.errback(new IllegalStateException(marker));
    }

    private static WeakReference<Deferred<String>> dropAHandledDeferred(String marker) {
        Deferred<String> d = new Deferred<>();
        d.errback(new IllegalStateException(marker));
        d.addErrback(f -> "handled");
        return new WeakReference<>(d);
    }

    private static WeakReference<Deferred<String>> dropADeferredHandledByALaterErrback(String marker) {
        Deferred<String> d = Deferred.fail(new IllegalStateException(marker));
        Deferred<String> inner = new Deferred<>();
        d.addErrbackDeferred(f -> inner);
        inner.callback("recovered later");
        return new WeakReference<>(d);
    }

    @Test
    void collectedDeferredWithUnhandledFailureLogsIt() throws InterruptedException {
        dropAFailedDeferred("marker-unhandled-1");
        String line = collectUntilLogged(m -> m.contains("marker-unhandled-1"));
        assertTrue(line.startsWith("Unhandled error in Deferred"), line);
        assertTrue(line.contains(IllegalStateException.class.getName()), line);
        assertTrue(line.contains("dropAFailedDeferred"), "the traceback of the failure: " + line);
        assertFalse(line.contains("(debug:"), "no debug sites without debugging: " + line);
    }

    @Test
    void handledFailuresAreNotLogged() throws InterruptedException {
        WeakReference<Deferred<String>> handled = dropAHandledDeferred("marker-handled");
        WeakReference<Deferred<String>> recovered = dropADeferredHandledByALaterErrback("marker-recovered");
        dropAFailedDeferred("marker-unhandled-2");
        collectUntilLogged(m -> m.contains("marker-unhandled-2"));
        // The handled ones were collected too (cleared before their cleaning actions run), and
        // several more collections give their cleaning actions every chance to log.
        assertEquals(null, handled.get());
        assertEquals(null, recovered.get());
        dropAFailedDeferred("marker-unhandled-3");
        collectUntilLogged(m -> m.contains("marker-unhandled-3"));
        List<String> lines = appender.messages();
        assertFalse(lines.stream().anyMatch(m -> m.contains("marker-handled")), lines.toString());
        assertFalse(lines.stream().anyMatch(m -> m.contains("marker-recovered")), lines.toString());
    }

    private static Deferred<String> createdHere() {
        return new Deferred<>();
    }

    private static void firedHere(Deferred<String> d) {
        d.errback(new IllegalArgumentException("marker-debug"));
    }

    private static void createFireAndDrop() {
        firedHere(createdHere());
    }

    @Test
    void debugModeLogsWhereTheDeferredWasCreatedAndFirstFired() throws InterruptedException {
        Deferred.setDebugging(true);
        createFireAndDrop();
        String line = collectUntilLogged(m -> m.contains("marker-debug"));
        int created = line.indexOf("C: Deferred was created:");
        int invoked = line.indexOf("I: First Invoker was:");
        assertTrue(created >= 0 && invoked > created, line);
        String creationPart = line.substring(created, invoked);
        String invocationPart = line.substring(invoked);
        assertTrue(creationPart.contains("createdHere"), line);
        assertFalse(creationPart.contains("firedHere"), line);
        assertTrue(invocationPart.contains("firedHere"), line);
    }
}
