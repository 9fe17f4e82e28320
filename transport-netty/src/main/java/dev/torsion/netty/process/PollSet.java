package dev.torsion.netty.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import java.util.ArrayList;
import java.util.List;

/**
 * The descriptors one turn of the {@link ProcessPoller} waits on, as an array of C
 * {@code struct pollfd} (int fd, short events, short revents), each with the child and role it is for.
 */
final class PollSet {
    private static final int POLLFD_SIZE = 8;

    /** Whom a polled descriptor belongs to and what it is for them. */
    record Entry(ChildPipes child, int role) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<int[]> requests = new ArrayList<>();
    private Memory array = new Memory(POLLFD_SIZE * 64L);

    /** Forgets the previous turn's descriptors. */
    void clear() {
        entries.clear();
        requests.clear();
    }

    /** Adds {@code fd} to wait for {@code events}; {@code child} may be null for the poller's own. */
    void add(int fd, short events, ChildPipes child, int role) {
        entries.add(new Entry(child, role));
        requests.add(new int[] {fd, events});
    }

    /** Waits (no timeout) until at least one descriptor is ready; false when a signal interrupted. */
    boolean await() {
        int count = entries.size();
        if (array.size() < (long) count * POLLFD_SIZE) {
            array = new Memory((long) count * POLLFD_SIZE * 2);
        }
        for (int i = 0; i < count; i++) {
            int[] request = requests.get(i);
            array.setInt((long) i * POLLFD_SIZE, request[0]);
            array.setShort((long) i * POLLFD_SIZE + 4, (short) request[1]);
            array.setShort((long) i * POLLFD_SIZE + 6, (short) 0);
        }
        try {
            LibC.INSTANCE.poll(array, new NativeLong(count), -1);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.EINTR) {
                return false;
            }
            throw e;
        }
    }

    /** How many descriptors this turn waited on. */
    int size() {
        return entries.size();
    }

    /** The entry at {@code index}. */
    Entry entry(int index) {
        return entries.get(index);
    }

    /** What happened on the descriptor at {@code index} (the {@code revents} bits). */
    short readyEvents(int index) {
        return array.getShort((long) index * POLLFD_SIZE + 6);
    }
}
