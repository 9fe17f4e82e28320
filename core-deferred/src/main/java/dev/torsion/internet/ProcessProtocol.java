package dev.torsion.internet;

import dev.torsion.defer.Failure;

/**
 * Talks to a child process through its standard streams: Twisted's {@code ProcessProtocol}.
 *
 * <p>File descriptor 0 is the child's stdin, 1 its stdout and 2 its stderr.
 * {@link #processExited} comes when the child has exited; {@link #processEnded} when it has exited
 * and all its output streams are closed. The reason wraps {@link dev.torsion.internet.error.ProcessDone}
 * for exit code 0 and {@link dev.torsion.internet.error.ProcessTerminated} otherwise.
 */
public abstract class ProcessProtocol {
    private ProcessTransport transport;

    /** Binds the protocol to the process and calls {@link #connectionMade()}. */
    public void makeConnection(ProcessTransport transport) {
        this.transport = transport;
        connectionMade();
    }

    /** Called once the process has started. */
    public void connectionMade() {
    }

    /** Called with output from descriptor {@code fd}; by default stdout goes to {@link #outReceived}, stderr to {@link #errReceived}. */
    public void childDataReceived(int fd, byte[] data) {
        if (fd == 1) {
            outReceived(data);
        } else if (fd == 2) {
            errReceived(data);
        }
    }

    /** Called with bytes the child wrote to its stdout. */
    public void outReceived(byte[] data) {
    }

    /** Called with bytes the child wrote to its stderr. */
    public void errReceived(byte[] data) {
    }

    /** Called when one of the child's descriptors closed. */
    public void childConnectionLost(int fd) {
    }

    /** Called when the child has exited (its output may still be arriving). */
    public void processExited(Failure reason) {
    }

    /** Called when the child has exited and all its descriptors are closed. */
    public void processEnded(Failure reason) {
    }

    /** The process this protocol talks to, or {@code null} before it started. */
    public ProcessTransport transport() {
        return transport;
    }
}
