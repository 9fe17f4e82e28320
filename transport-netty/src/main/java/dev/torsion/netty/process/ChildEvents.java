package dev.torsion.netty.process;

import dev.torsion.defer.Failure;

/** What the {@link ProcessPoller} reports about one child, on the poller's thread, in order. */
interface ChildEvents {
    /**
     * The child wrote {@code data} to descriptor {@code fd} (1 or 2). The receiver must call
     * {@link ChildPipes#delivered(int)} once the protocol has it, so that reading goes on.
     */
    void dataReceived(int fd, byte[] data);

    /** Our end of the child's descriptor {@code fd} (0, 1 or 2) is closed: no more data or writes. */
    void fdClosed(int fd);

    /** The child has exited and has been reaped. */
    void exited(Failure reason);
}
