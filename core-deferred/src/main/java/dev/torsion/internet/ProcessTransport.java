package dev.torsion.internet;

/** A running child process as its protocol sees it: Twisted's {@code IProcessTransport}. */
public interface ProcessTransport {
    /** The child's process id, or -1 once it has been reaped. */
    long pid();

    /** Writes to the child's stdin. */
    void write(byte[] data);

    /** Writes to one of the child's descriptors; only 0 (stdin) is writable. */
    void writeToChild(int fd, byte[] data);

    /** Closes one of the child's descriptors (0: stdin, so the child sees end of input). */
    void closeChildFD(int fd);

    /** Closes the child's stdin after pending writes. */
    default void closeStdin() {
        closeChildFD(0);
    }

    /** Closes stdin, stdout and stderr. */
    void loseConnection();

    /**
     * Sends a signal: {@code "TERM"}, {@code "KILL"}, {@code "INT"}, {@code "HUP"} (and other
     * names the system knows). Throws {@link dev.torsion.internet.error.ProcessExitedAlready} when
     * the child is gone.
     */
    void signalProcess(String signal);
}
