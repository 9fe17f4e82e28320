package dev.torsion.ssh.sftp;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * The arrays READ replies are built in, used again once the channel has copied them into
 * packets: a download of 255 KiB reads otherwise allocates (and zeroes) every byte it sends once
 * more, on the thread pool, and leaves it to the garbage collector. One session's; the pool thread
 * takes arrays and the reactor thread gives them back, hence the thread-safe queue.
 *
 * <p>Only arrays of the size of the last one taken are kept (a client asks for the same length
 * again and again), at most {@link #MAX_KEPT} of them, and only large ones: a small reply is
 * cheap to allocate. A kept array is always overwritten whole before it is sent again (the header
 * and {@code length - 13} bytes of data, or copied to a shorter array when the read came up
 * short), so nothing of an earlier reply can leak into a later one.
 */
final class ReadBuffers {
    /**
     * Arrays kept at most: about 3 MiB of 255 KiB reads, what the channel holds before it pauses
     * the server (1 MiB, and the replies handed to it at once) and the pool's read-ahead.
     */
    static final int MAX_KEPT = 12;
    /** Arrays under this size are not kept. */
    static final int MIN_KEPT_SIZE = 64 * 1024;

    private final ArrayBlockingQueue<byte[]> free = new ArrayBlockingQueue<>(MAX_KEPT);
    private volatile int size;

    /** An array of exactly {@code length} bytes, a kept one when there is one of that size; its contents are stale. */
    byte[] take(int length) {
        size = length;
        byte[] array = free.poll();
        while (array != null && array.length != length) {
            array = free.poll();
        }
        return array != null ? array : new byte[length];
    }

    /** Takes back an array the channel no longer needs, if it is of the size in use and room is left. */
    void give(byte[] array) {
        if (array.length >= MIN_KEPT_SIZE && array.length == size) {
            free.offer(array);
        }
    }

    /** The arrays kept now (for tests). */
    int kept() {
        return free.size();
    }
}
