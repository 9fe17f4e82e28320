package dev.torsion.testing;

import dev.torsion.internet.ProcessTransport;
import dev.torsion.internet.error.ProcessExitedAlready;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The process a {@link MemoryReactor} "spawns": it records what is written, closed and signalled. */
public final class MemoryProcessTransport implements ProcessTransport {
    private final long pid;
    private final ByteArrayOutputStream stdin = new ByteArrayOutputStream();
    private final Set<Integer> closedDescriptors = new TreeSet<>();
    private final List<String> signals = new ArrayList<>();
    private boolean exited;

    MemoryProcessTransport(long pid) {
        this.pid = pid;
    }

    @Override
    public long pid() {
        return exited ? -1 : pid;
    }

    @Override
    public void write(byte[] data) {
        writeToChild(0, data);
    }

    @Override
    public void writeToChild(int fd, byte[] data) {
        if (fd != 0) {
            throw new IllegalArgumentException("only the child's stdin (0) is writable, not " + fd);
        }
        if (closedDescriptors.contains(0)) {
            throw new IllegalStateException("the child's stdin is closed");
        }
        stdin.writeBytes(data);
    }

    @Override
    public void closeChildFD(int fd) {
        closedDescriptors.add(fd);
    }

    @Override
    public void loseConnection() {
        closedDescriptors.addAll(List.of(0, 1, 2));
    }

    @Override
    public void signalProcess(String signal) {
        if (exited) {
            throw new ProcessExitedAlready("process " + pid + " has exited");
        }
        signals.add(signal);
    }

    /** Marks the process as exited: {@link #pid()} is -1 and signals fail from now on. */
    public void markExited() {
        exited = true;
    }

    /** Everything written to the child's stdin. */
    public byte[] stdinWritten() {
        return stdin.toByteArray();
    }

    /** The descriptors closed so far. */
    public Set<Integer> closedDescriptors() {
        return Set.copyOf(closedDescriptors);
    }

    /** The signals sent, in order. */
    public List<String> signals() {
        return List.copyOf(signals);
    }
}
