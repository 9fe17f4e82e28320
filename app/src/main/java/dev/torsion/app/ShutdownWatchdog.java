package dev.torsion.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a stop signal end the process within its stated time even when a reactor is busy or
 * wedged (a handler that never returns, a thread stuck waiting for memory): once the signal came,
 * it waits the shutdown grace plus a margin for every reactor to stop, and otherwise logs which
 * reactors it cuts and what they were doing, and halts the JVM. A clean stop never meets it.
 */
final class ShutdownWatchdog {
    private static final Logger log = LoggerFactory.getLogger(ShutdownWatchdog.class);
    /** Stack frames logged per busy reactor thread: enough to see where it is stuck. */
    private static final int FRAMES = 12;

    private final List<Worker> workers;
    private final Duration limit;
    private final Runnable halt;

    /** Halts with {@code halt} unless every worker has ended {@code limit} after {@link #start}. */
    ShutdownWatchdog(List<Worker> workers, Duration limit, Runnable halt) {
        this.workers = List.copyOf(workers);
        this.limit = limit;
        this.halt = halt;
    }

    /** Starts watching, on a daemon thread of its own (call once, when the stop begins). */
    void start() {
        Thread thread = new Thread(this::watch, "torsion-shutdown-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        CompletableFuture<?>[] ended = workers.stream().map(Worker::ended).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(ended).get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return;
        } catch (TimeoutException stuck) {
            reportStuck();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException cannotHappen) {
            // ended() is only ever completed normally.
            return;
        }
        halt.run();
    }

    private void reportStuck() {
        long stuck = workers.stream().filter(worker -> !worker.ended().isDone()).count();
        log.error("{} of {} reactor{} still running {} after the stop signal: halting the process", stuck, workers.size(),
                workers.size() == 1 ? "" : "s", DurationConverter.format(limit));
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            Thread thread = entry.getKey();
            if (thread.getName().startsWith("torsion-reactor") && thread.isAlive()) {
                log.error("reactor thread {} ({}) was busy in:{}", thread.getName(), thread.getState(), frames(entry.getValue()));
            }
        }
    }

    private static String frames(StackTraceElement[] stack) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(FRAMES, stack.length); i++) {
            text.append("\n\tat ").append(stack[i]);
        }
        if (stack.length > FRAMES) {
            text.append("\n\t... ").append(stack.length - FRAMES).append(" more");
        }
        return text.toString();
    }
}
