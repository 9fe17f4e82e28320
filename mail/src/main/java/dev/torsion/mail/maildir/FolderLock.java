package dev.torsion.mail.maildir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive access to one folder's UID list, across threads (a lock per folder in this JVM) and
 * across processes (an OS lock on {@code torsion-uidlist.lock}: the JVM's file locks are per
 * process, so both are needed).
 */
final class FolderLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private FolderLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Whether a thread of this process holds (or is taking) the lock of {@code folder} now. */
    static boolean busy(Path folder) {
        ReentrantLock lock = LOCKS.get(folder.toAbsolutePath().normalize());
        return lock != null && lock.isLocked();
    }

    /** Waits for and takes the lock of {@code folder}. */
    static FolderLock acquire(Path folder) throws IOException {
        ReentrantLock threadLock = LOCKS.computeIfAbsent(folder.toAbsolutePath().normalize(), p -> new ReentrantLock());
        threadLock.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(folder.resolve(UidList.FILE_NAME + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new FolderLock(threadLock, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            threadLock.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            fileLock.release();
            channel.close();
        } finally {
            threadLock.unlock();
        }
    }
}
