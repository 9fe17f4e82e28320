package dev.torsion.netty.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.IntByReference;
import dev.torsion.defer.Failure;
import dev.torsion.internet.error.ProcessExitedAlready;
import dev.torsion.internet.error.ProcessTerminated;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One child's descriptors as the {@link ProcessPoller} drives them: our non-blocking ends of its
 * stdin, stdout and stderr pipes, and its pidfd, which becomes readable when the child exits.
 *
 * <p>The poller thread alone reads, writes and closes the pipes. Other threads only queue writes and
 * ask for closes or pauses, then wake the poller; {@link #sendSignal} is the one call that touches
 * the pidfd from outside, under a lock shared with the poller's reaping.
 */
final class ChildPipes {
    static final int STDIN = 0;
    static final int STDOUT = 1;
    static final int STDERR = 2;
    static final int EXIT = 3;
    static final int CHUNK_SIZE = 64 * 1024;
    /**
     * Output read but not yet handed to the protocol, above which reading stops until the reactor
     * catches up: a child that writes faster than its protocol reads cannot fill the heap.
     */
    static final long MAX_IN_FLIGHT = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ChildPipes.class);
    private static final LibC C = LibC.INSTANCE;

    private final int pid;
    private final ChildEvents events;
    private final Runnable wakeup;

    /** Our ends of the child's stdin, stdout and stderr; -1 once closed. Poller thread only. */
    private final int[] fds;
    private byte[] writing;
    private int writingOffset;

    /** The pidfd, -1 once the child is reaped; guarded by {@code this}. */
    private int pidfd;
    private volatile boolean reaped;

    private final Queue<byte[]> stdinQueue = new ConcurrentLinkedQueue<>();
    private final boolean[] closeRequested = new boolean[3];
    private volatile boolean requestsPending;
    private volatile boolean paused;
    private volatile boolean stdinOpen = true;
    private final AtomicLong inFlight = new AtomicLong();

    ChildPipes(PosixSpawner.Spawned spawned, ChildEvents events, Runnable wakeup) {
        this.pid = spawned.pid();
        this.pidfd = spawned.pidfd();
        this.fds = new int[] {spawned.stdinFd(), spawned.stdoutFd(), spawned.stderrFd()};
        this.events = events;
        this.wakeup = wakeup;
    }

    // ------------------------------------------------------------------ requests from any thread

    /** The child's pid, or -1 once it has been reaped. */
    long pid() {
        return reaped ? -1 : pid;
    }

    /** Queues bytes for the child's stdin. */
    void write(byte[] data) {
        if (!stdinOpen) {
            return;
        }
        stdinQueue.add(data);
        wakeup.run();
    }

    /** The reactor has handed {@code bytes} of output to the protocol: reading may go on. */
    void delivered(int bytes) {
        long before = inFlight.getAndAdd(-bytes);
        if (before > MAX_IN_FLIGHT && before - bytes <= MAX_IN_FLIGHT) {
            wakeup.run();
        }
    }

    /** Asks to close our end of {@code fd}; stdin closes once the queued bytes are written. */
    void requestClose(int fd) {
        synchronized (closeRequested) {
            closeRequested[fd] = true;
        }
        requestsPending = true;
        wakeup.run();
    }

    /** Stops (true) or restarts (false) reading the child's stdout and stderr. */
    void setPaused(boolean pause) {
        paused = pause;
        wakeup.run();
    }

    /**
     * Sends signal {@code number} through the pidfd, which cannot hit another process that reused
     * the pid.
     *
     * @throws ProcessExitedAlready when the child has exited
     */
    synchronized void sendSignal(int number) {
        if (pidfd < 0) {
            throw new ProcessExitedAlready("Process " + pid + " has already exited");
        }
        try {
            C.syscall(new NativeLong(LibC.SYS_PIDFD_SEND_SIGNAL), new NativeLong(pidfd), new NativeLong(number),
                    null, new NativeLong(0));
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.ESRCH) {
                throw new ProcessExitedAlready("Process " + pid + " has already exited", e);
            }
            throw new IllegalStateException("Cannot signal process " + pid + ": " + C.strerror(e.getErrorCode()), e);
        }
    }

    // ------------------------------------------------------------------ the poller thread

    /** Adds this child's descriptors, with what to wait for on each, to the next turn's set. */
    void addTo(PollSet set) {
        applyCloseRequests();
        if (fds[STDIN] >= 0) {
            // With nothing to write, poll still reports POLLERR when the child's end is closed.
            set.add(fds[STDIN], hasPendingWrites() ? LibC.POLLOUT : 0, this, STDIN);
        }
        if (!paused && inFlight.get() <= MAX_IN_FLIGHT) {
            for (int fd = STDOUT; fd <= STDERR; fd++) {
                if (fds[fd] >= 0) {
                    set.add(fds[fd], LibC.POLLIN, this, fd);
                }
            }
        }
        int exitFd = exitFd();
        if (exitFd >= 0) {
            set.add(exitFd, LibC.POLLIN, this, EXIT);
        }
    }

    /** Acts on what poll reported for one of this child's descriptors. */
    void ready(int role, short revents, Memory buffer) {
        if (role == EXIT) {
            reap();
        } else if (role == STDIN) {
            if ((revents & (LibC.POLLERR | LibC.POLLHUP | LibC.POLLNVAL)) != 0) {
                closeFd(STDIN);
            } else if ((revents & LibC.POLLOUT) != 0) {
                flushWrites(buffer);
            }
        } else if (fds[role] >= 0) {
            readOnce(role, buffer);
        }
    }

    /** Whether everything is over: the child reaped and all three pipes closed. */
    boolean finished() {
        return reaped && fds[STDIN] < 0 && fds[STDOUT] < 0 && fds[STDERR] < 0;
    }

    private synchronized int exitFd() {
        return pidfd;
    }

    private boolean hasPendingWrites() {
        return writing != null || !stdinQueue.isEmpty();
    }

    private void applyCloseRequests() {
        if (!requestsPending) {
            return;
        }
        boolean[] requested = new boolean[3];
        synchronized (closeRequested) {
            System.arraycopy(closeRequested, 0, requested, 0, 3);
        }
        if (requested[STDOUT]) {
            closeFd(STDOUT);
        }
        if (requested[STDERR]) {
            closeFd(STDERR);
        }
        if (requested[STDIN] && !hasPendingWrites()) {
            closeFd(STDIN);
        }
    }

    private void readOnce(int fd, Memory buffer) {
        try {
            int count = C.read(fds[fd], buffer, new NativeLong(CHUNK_SIZE)).intValue();
            if (count > 0) {
                inFlight.addAndGet(count);
                events.dataReceived(fd, buffer.getByteArray(0, count));
            } else {
                closeFd(fd);
            }
        } catch (LastErrorException e) {
            if (e.getErrorCode() != LibC.EAGAIN && e.getErrorCode() != LibC.EINTR) {
                log.warn("Reading fd {} of process {} failed: {}", fd, pid, C.strerror(e.getErrorCode()));
                closeFd(fd);
            }
        }
    }

    private void flushWrites(Memory buffer) {
        while (true) {
            if (writing == null) {
                writing = stdinQueue.poll();
                writingOffset = 0;
                if (writing == null) {
                    return;
                }
            }
            int length = Math.min(CHUNK_SIZE, writing.length - writingOffset);
            buffer.write(0, writing, writingOffset, length);
            int written;
            try {
                written = C.write(fds[STDIN], buffer, new NativeLong(length)).intValue();
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LibC.EAGAIN || e.getErrorCode() == LibC.EINTR) {
                    return;
                }
                if (e.getErrorCode() != LibC.EPIPE) {
                    log.warn("Writing to process {} failed: {}", pid, C.strerror(e.getErrorCode()));
                }
                closeFd(STDIN);
                return;
            }
            writingOffset += written;
            if (writingOffset == writing.length) {
                writing = null;
            }
            if (written < length) {
                return;
            }
        }
    }

    private void closeFd(int fd) {
        if (fds[fd] < 0) {
            return;
        }
        PosixSpawner.closeQuietly(fds[fd]);
        fds[fd] = -1;
        if (fd == STDIN) {
            stdinOpen = false;
            writing = null;
            stdinQueue.clear();
        }
        events.fdClosed(fd);
    }

    private void reap() {
        IntByReference status = new IntByReference();
        Failure reason;
        synchronized (this) {
            try {
                if (C.waitpid(pid, status, LibC.WNOHANG) == 0) {
                    return;
                }
                reason = WaitStatus.toFailure(status.getValue());
                log.debug("Process {} ended with {}", pid, WaitStatus.describe(status.getValue()));
            } catch (LastErrorException e) {
                // Someone else in this JVM reaped our child (waitpid(-1) elsewhere): the status is lost.
                log.warn("Process {} was reaped by someone else: its exit status is unknown", pid);
                reason = Failure.of(new ProcessTerminated(null, null));
            }
            PosixSpawner.closeQuietly(pidfd);
            pidfd = -1;
            reaped = true;
        }
        events.exited(reason);
    }
}
