package dev.torsion.http.log;

import dev.torsion.http.server.Request;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends combined-format lines to a file, written off the reactor thread in batches.
 *
 * <p>The reactor formats each line (it needs the request) and hands it to a bounded queue; one
 * writer thread takes whatever has queued up, writes it with one flush, and waits for more. So a
 * busy server makes one {@code write(2)} per batch rather than per request, and a slow disk never
 * stalls the reactor: when the queue is full, the line is dropped and counted, and the count is
 * logged as a warning (at most every ten seconds, and at {@link #close()}) rather than lost
 * silently. {@link #close()} writes every queued line before it returns, so nothing is lost when the
 * server stops on SIGTERM. A line that comes after {@link #close()} (a download cut as the server
 * shuts down, whose connection ends after the log was closed) is still appended, by opening the
 * file for that line alone.
 */
public final class FileAccessLog implements AccessLog, Closeable {
    private static final Logger log = LoggerFactory.getLogger(FileAccessLog.class);

    /** Lines queued at most before new ones are dropped (and counted): about 10 MB of lines. */
    public static final int DEFAULT_QUEUE_CAPACITY = 65_536;

    private static final long DROP_REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Path file;
    private final OutputStream out;
    private final BlockingQueue<Object> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writerThread;
    private long droppedReported;
    private long lastDropReportNanos = System.nanoTime() - DROP_REPORT_INTERVAL_NANOS;
    private final Object state = new Object();
    private volatile boolean closed;

    /** A request to be told when everything queued before it is written: {@link #flush()}. */
    private record Barrier(CountDownLatch written) {
    }

    /** The end of the queue: {@link #close()}. */
    private static final Object END = new Object();

    /** Opens (creating if needed) {@code file} for appending, with the default queue capacity. */
    public FileAccessLog(Path file) throws IOException {
        this(file, DEFAULT_QUEUE_CAPACITY);
    }

    /** Opens (creating if needed) {@code file} for appending; at most {@code queueCapacity} lines wait to be written. */
    public FileAccessLog(Path file, int queueCapacity) throws IOException {
        this(file, queueCapacity, Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE));
    }

    /** Writes through {@code out} (tests give a slow one); lines after close go to {@code file}. */
    FileAccessLog(Path file, int queueCapacity, OutputStream out) {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1: " + queueCapacity);
        }
        this.file = file;
        this.out = out;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.writerThread = new Thread(this::writeLoop, "torsion-access-log");
        writerThread.setDaemon(true);
        writerThread.start();
    }

    @Override
    public void log(Request request) {
        String line = CombinedLogFormat.format(request) + "\n";
        synchronized (state) {
            if (!closed) {
                if (!queue.offer(line)) {
                    dropped.incrementAndGet();
                }
                return;
            }
        }
        appendAlone(line);
    }

    /** Lines dropped so far because the queue was full. */
    public long droppedLines() {
        return dropped.get();
    }

    /**
     * Blocks until every line logged before this call is written to the file (or the log is
     * closed). For tests and for log rotation; never call it on the reactor thread.
     */
    public void flush() throws InterruptedException {
        if (closed) {
            return;
        }
        Barrier barrier = new Barrier(new CountDownLatch(1));
        queue.put(barrier);
        while (!barrier.written().await(100, TimeUnit.MILLISECONDS)) {
            if (!writerThread.isAlive()) {
                return;
            }
        }
    }

    /** Writes every queued line, then closes the file. */
    @Override
    public void close() throws IOException {
        try {
            synchronized (state) {
                if (closed) {
                    return;
                }
                // Under the lock, so that no line is queued behind the end: later ones are appended alone.
                closed = true;
                queue.put(END);
            }
            writerThread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reportDropped(true);
        synchronized (out) {
            out.close();
        }
    }

    private void writeLoop() {
        List<Object> batch = new ArrayList<>();
        try {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch);
                if (writeBatch(batch)) {
                    return;
                }
                batch.clear();
                reportDropped(false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Writes the lines of {@code batch} in one {@code write(2)}, then releases its barriers; true at
     * the end of the queue. One write per batch also keeps lines whole when several workers (each
     * with its own log) append to the same file: O_APPEND places each write whole at the end.
     */
    private boolean writeBatch(List<Object> batch) {
        boolean end = false;
        StringBuilder lines = new StringBuilder();
        for (Object item : batch) {
            if (item instanceof String line) {
                lines.append(line);
            } else if (item == END) {
                end = true;
            }
        }
        synchronized (out) {
            try {
                out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                log.warn("cannot write the access log {}: {}", file, e.toString());
            }
        }
        for (Object item : batch) {
            if (item instanceof Barrier barrier) {
                barrier.written().countDown();
            }
        }
        return end;
    }

    private synchronized void reportDropped(boolean now) {
        long total = dropped.get();
        long nanos = System.nanoTime();
        if (total == droppedReported || (!now && nanos - lastDropReportNanos < DROP_REPORT_INTERVAL_NANOS)) {
            return;
        }
        log.warn("{} access log lines dropped ({} in all): the disk takes them slower than requests arrive ({})",
                total - droppedReported, total, file);
        droppedReported = total;
        lastDropReportNanos = nanos;
    }

    private void appendAlone(String line) {
        synchronized (out) {
            try {
                Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                log.warn("cannot write the access log {}: {}", file, e.toString());
            }
        }
    }
}
