package dev.torsion.netty.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that moves bytes for every child process of this JVM: it waits in {@code poll(2)}
 * on all children's pipes and pidfds at once (no busy polling, no thread per stream), reads output
 * as it arrives, writes queued stdin when the pipe has room, and reaps children when they exit.
 * Other threads wake it through an eventfd after queueing work.
 */
final class ProcessPoller {
    private static final Logger log = LoggerFactory.getLogger(ProcessPoller.class);
    private static final LibC C = LibC.INSTANCE;
    private static final int WAKEUP = -1;
    /** The eventfd increment; only ever read by write(2), so one instance serves every thread. */
    private static final Memory ONE = new Memory(8);

    static {
        ONE.setLong(0, 1);
    }

    private static final class Holder {
        static final ProcessPoller INSTANCE = new ProcessPoller();
    }

    private final int wakeupFd;
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final Queue<ChildPipes> arriving = new ConcurrentLinkedQueue<>();
    private final List<ChildPipes> children = new ArrayList<>();
    private final PollSet pollSet = new PollSet();
    private final Memory buffer = new Memory(ChildPipes.CHUNK_SIZE);
    private final Memory counter = new Memory(8);

    private ProcessPoller() {
        wakeupFd = C.eventfd(0, LibC.O_CLOEXEC | LibC.O_NONBLOCK);
        Thread thread = new Thread(this::run, "torsion-process-poller");
        thread.setDaemon(true);
        thread.start();
    }

    /** The poller, started on first use. */
    static ProcessPoller instance() {
        return Holder.INSTANCE;
    }

    /** Starts driving a newly spawned child's pipes. */
    void register(ChildPipes child) {
        arriving.add(child);
        wakeup();
    }

    /** Makes the poller look at its children's requests again. Safe from any thread. */
    void wakeup() {
        if (wakeupPending.compareAndSet(false, true)) {
            try {
                C.write(wakeupFd, ONE, new NativeLong(8));
            } catch (LastErrorException e) {
                // EAGAIN: the counter is already non-zero, so the poller will wake anyway.
            }
        }
    }

    private void run() {
        while (true) {
            try {
                turn();
            } catch (RuntimeException | Error e) {
                log.error("Process poller failed a turn; going on", e);
            }
        }
    }

    private void turn() {
        ChildPipes child;
        while ((child = arriving.poll()) != null) {
            children.add(child);
        }
        pollSet.clear();
        pollSet.add(wakeupFd, LibC.POLLIN, null, WAKEUP);
        for (ChildPipes each : children) {
            each.addTo(pollSet);
        }
        children.removeIf(ChildPipes::finished);
        if (!pollSet.await()) {
            return;
        }
        for (int i = 0; i < pollSet.size(); i++) {
            short revents = pollSet.readyEvents(i);
            if (revents == 0) {
                continue;
            }
            PollSet.Entry entry = pollSet.entry(i);
            if (entry.child() == null) {
                drainWakeup();
                continue;
            }
            try {
                entry.child().ready(entry.role(), revents, buffer);
            } catch (RuntimeException e) {
                log.error("Handling process {} failed", entry.child().pid(), e);
            }
        }
    }

    /**
     * Reads the eventfd, then clears the pending flag, in that order: clearing first would let a
     * wakeup written in between be read here while the flag stays set, and every later wakeup
     * would then be skipped for good. Work queued before a skipped wakeup is seen on the next
     * turn, which starts right after this one.
     */
    private void drainWakeup() {
        try {
            C.read(wakeupFd, counter, new NativeLong(8));
        } catch (LastErrorException e) {
            // EAGAIN: already drained.
        }
        wakeupPending.set(false);
    }
}
