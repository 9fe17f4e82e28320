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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends combined-format lines to a file, written off the reactor thread in batches.
 *
 * <p>The reactor formats each line (it needs the request) and hands it to a bounded lock-free
 * queue without waking anyone; one writer thread looks every few milliseconds, takes whatever
 * has queued up and writes it with one {@code write(2)}. So a busy server makes one system call
 * per batch rather than per request (nginx without {@code buffer=} makes one per request), and a
 * slow disk never stalls the reactor: when the queue is full, the line is dropped and counted, and the count is
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
    /** How long the idle writer sleeps before it looks at the queue again. */
    private static final long IDLE_LOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** The most lines written in one go (about 1 MB). */
    private static final int MAX_BATCH_LINES = 8192;

    private final Path file;
    private final Object fileLock = new Object();
    private OutputStream out;
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final int capacity;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writerThread;
    private long droppedReported;
    private long lastDropReportNanos = System.nanoTime() - DROP_REPORT_INTERVAL_NANOS;
    private volatile boolean closed;

    /** A request to be told when everything queued before it is written: {@link #flush()}. */
    private record Barrier(CountDownLatch written) {
    }

    /** The end of the queue: {@link #close()}. */
    private static final Object END = new Object();

    /** Open the file afresh once what came before is written: {@link #reopen()}. */
    private static final Object REOPEN = new Object();

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
        this.capacity = queueCapacity;
        this.writerThread = new Thread(this::writeLoop, "torsion-access-log");
        writerThread.setDaemon(true);
        writerThread.start();
    }

    @Override
    public void log(Request request) {
        String line = CombinedLogFormat.format(request) + "\n";
        if (closed) {
            appendAlone(line);
            return;
        }
        if (pending.incrementAndGet() > capacity) {
            pending.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        // No signal to the writer: it looks every few milliseconds, so a busy server wakes it once per batch.
        queue.add(line);
        if (closed) {
            // close() began while this line was being queued: the writer may have ended already.
            drainAfterClose();
        }
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
        queue.add(barrier);
        LockSupport.unpark(writerThread);
        while (!barrier.written().await(100, TimeUnit.MILLISECONDS)) {
            if (!writerThread.isAlive()) {
                return;
            }
        }
    }

    /**
     * Log rotation: writes what is queued to the file as it is now, then opens the path afresh
     * (creating it), so that a rotator that moved the file away loses no line: those logged before
     * go to the moved file, those after to the new one. Safe from any thread; the runner calls it
     * on SIGUSR1, as nginx reopens its logs.
     */
    public void reopen() {
        if (!closed) {
            queue.add(REOPEN);
            LockSupport.unpark(writerThread);
        }
    }

    /** Writes every queued line, then closes the file. */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        queue.add(END);
        LockSupport.unpark(writerThread);
        try {
            writerThread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drainAfterClose();
        reportDropped(true);
        synchronized (fileLock) {
            out.close();
        }
    }

    private void writeLoop() {
        List<Object> batch = new ArrayList<>();
        while (true) {
            Object item = queue.poll();
            if (item == null) {
                if (batch.isEmpty()) {
                    LockSupport.parkNanos(this, IDLE_LOOK_NANOS);
                    continue;
                }
                writeBatch(batch);
                batch.clear();
                reportDropped(false);
                continue;
            }
            if (item instanceof String) {
                pending.decrementAndGet();
            }
            batch.add(item);
            if (item == END) {
                writeBatch(batch);
                return;
            }
            if (item == REOPEN) {
                writeBatch(batch);
                batch.clear();
                reopenFile();
                continue;
            }
            if (batch.size() >= MAX_BATCH_LINES) {
                writeBatch(batch);
                batch.clear();
            }
        }
    }

    private void reopenFile() {
        synchronized (fileLock) {
            try {
                OutputStream fresh = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                        StandardOpenOption.WRITE);
                out.close();
                out = fresh;
                log.info("reopened the access log {}", file);
            } catch (IOException e) {
                log.warn("cannot reopen the access log {}: {}; still writing to the file open before", file, e.toString());
            }
        }
    }

    /** Appends, without the writer, whatever is still queued once the log is closed. */
    private synchronized void drainAfterClose() {
        StringBuilder lines = new StringBuilder();
        Object item;
        while ((item = queue.poll()) != null) {
            if (item instanceof String line) {
                pending.decrementAndGet();
                lines.append(line);
            } else if (item instanceof Barrier barrier) {
                barrier.written().countDown();
            }
        }
        if (lines.length() > 0) {
            appendAlone(lines.toString());
        }
    }

    /**
     * Writes the lines of {@code batch} in one {@code write(2)}, then releases its barriers. One write per batch also keeps lines whole when several workers (each
     * with its own log) append to the same file: O_APPEND places each write whole at the end.
     */
    private void writeBatch(List<Object> batch) {
        StringBuilder lines = new StringBuilder();
        for (Object item : batch) {
            if (item instanceof String line) {
                lines.append(line);
            }
        }
        synchronized (fileLock) {
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
        synchronized (fileLock) {
            try {
                Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                log.warn("cannot write the access log {}: {}", file, e.toString());
            }
        }
    }
}
