package dev.torsion.ssh.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Reactor;
import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.server.ExecChannel;
import dev.torsion.testing.MemoryReactor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SFTP server's pool reads ahead: it answers the requests one after another without waiting
 * for the reactor to take the replies (up to {@link SftpServer#READ_AHEAD} bytes not taken), and
 * replies held for a paused channel go out the moment it resumes, with no trip to the pool. The
 * pool and the reactor thread are two queues the test runs by hand, so each step is seen apart.
 */
class SftpServerReadAheadTest {
    private static final int FILE_SIZE = 3 << 20;

    @TempDir
    Path dir;
    private byte[] content;
    private final ArrayDeque<Runnable> pool = new ArrayDeque<>();
    private final ArrayDeque<Runnable> reactorThread = new ArrayDeque<>();
    private final SftpPacketReader replies = new SftpPacketReader(1 << 20);
    private final List<byte[]> received = new ArrayList<>();
    private SftpServer server;
    private SftpHandle handle;
    private long nextId = 1;

    /** A reactor whose pool and thread calls wait in the test's queues; the rest is a memory reactor's. */
    private final class ManualThreads implements InvocationHandler {
        private final MemoryReactor memory = new MemoryReactor();

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "deferToThread" -> {
                    Callable<?> work = (Callable<?>) args[0];
                    Deferred<Object> result = new Deferred<>();
                    pool.add(() -> {
                        try {
                            Object value = work.call();
                            reactorThread.add(() -> result.callback(value));
                        } catch (Exception e) {
                            reactorThread.add(() -> result.errback(e));
                        }
                    });
                    return result;
                }
                case "callFromThread" -> {
                    reactorThread.add((Runnable) args[0]);
                    return null;
                }
                default -> {
                    try {
                        return method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }
            }
        }
    }

    /** The channel: what the server writes is parsed into replies; arrays are handed back at once. */
    private final class Channel implements ExecChannel {
        @Override
        public void write(byte[] data) {
            replies.feed(data);
            drain();
        }

        @Override
        public void writeSequence(List<byte[]> data, Consumer<byte[]> copied) {
            for (byte[] piece : data) {
                replies.feed(piece.clone());
                copied.accept(piece);
            }
            drain();
        }

        private void drain() {
            try {
                for (byte[] reply = replies.next(); reply != null; reply = replies.next()) {
                    received.add(reply);
                }
            } catch (SshProtocolException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void writeStderr(byte[] data) {
        }

        @Override
        public void exit(int status) {
        }

        @Override
        public void exitSignal(String signal) {
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        content = new byte[FILE_SIZE];
        new Random(7).nextBytes(content);
        Files.write(dir.resolve("data.bin"), content);
        Reactor reactor = (Reactor) Proxy.newProxyInstance(Reactor.class.getClassLoader(),
                new Class<?>[] {Reactor.class}, new ManualThreads());
        server = new SftpServer(reactor, dir, new Channel());
        server.input(SftpRequests.init());
        assertEquals(SftpNumbers.VERSION, received.remove(0)[0]);
        server.input(SftpRequests.open(nextId++, "/data.bin", SftpNumbers.OPEN_READ, SftpAttributes.NONE));
        runAll();
        byte[] opened = received.remove(0);
        assertEquals(SftpNumbers.HANDLE, opened[0]);
        handle = new SftpHandle(Arrays.copyOfRange(opened, 9, opened.length));
    }

    private void runPool() {
        for (int tasks = pool.size(); tasks > 0; tasks--) {
            pool.poll().run();
        }
    }

    private void runReactorThread() {
        while (!reactorThread.isEmpty()) {
            reactorThread.poll().run();
        }
    }

    private void runAll() {
        while (!pool.isEmpty() || !reactorThread.isEmpty()) {
            runPool();
            runReactorThread();
        }
    }

    /** Sends READs of {@code length} bytes for the file from {@code offset} on, one after another. */
    private void sendReads(int count, int length, long offset) {
        for (int i = 0; i < count; i++) {
            server.input(SftpRequests.read(nextId++, handle, offset + (long) i * length, length));
        }
    }

    /** The next {@code count} replies are DATA with the file's bytes from {@code offset} on, {@code length} each. */
    private void assertData(int count, int length, long offset) {
        assertEquals(count, received.size(), "replies");
        for (int i = 0; i < count; i++) {
            byte[] reply = received.get(i);
            assertEquals(SftpNumbers.DATA, reply[0]);
            assertEquals(length, ByteBuffer.wrap(reply).getInt(5));
            int from = (int) (offset + (long) i * length);
            assertArrayEquals(Arrays.copyOfRange(content, from, from + length),
                    Arrays.copyOfRange(reply, 9, reply.length));
        }
        received.clear();
    }

    /**
     * 20 reads (more than the 16 the server once took to the pool at a time) are all answered by
     * one task on the pool; the reactor then writes them in one turn, with no trip back to the pool.
     */
    @Test
    void thePoolReadsOnWithoutWaitingForTheReactor() {
        sendReads(20, 32 * 1024, 0);
        assertEquals(1, pool.size());
        runPool();
        assertEquals(List.of(), received, "the reactor has not run");
        runReactorThread();
        assertData(20, 32 * 1024, 0);
        assertEquals(0, pool.size(), "nothing left for the pool");
    }

    /**
     * While the channel is paused (it holds more than it can send) the pool reads the next
     * requests' data all the same; when it resumes, the replies go out at once, before the pool
     * has run again.
     */
    @Test
    void repliesReadWhileTheChannelIsPausedGoOutWhenItResumes() {
        server.pauseOutput();
        sendReads(4, 64 * 1024, 4096);
        runAll();
        assertEquals(List.of(), received, "held while paused");
        server.resumeOutput();
        assertData(4, 64 * 1024, 4096);
    }

    /**
     * The read-ahead is bounded: replies the reactor has not taken stop the pool at about
     * {@link SftpServer#READ_AHEAD} bytes, and it goes on once they are taken.
     */
    @Test
    void theReadAheadStopsAtItsLimitAndGoesOnWhenTaken() {
        int length = 255 * 1024;
        int fit = SftpServer.READ_AHEAD / (length + 13);
        server.pauseOutput();
        sendReads(2 * fit, length, 0);
        runAll();
        assertEquals(List.of(), received);
        server.resumeOutput();
        assertData(fit, length, 0);
        assertEquals(1, pool.size(), "the pool starts again on the rest");
        runAll();
        assertData(fit, length, (long) fit * length);
    }

    /** Other requests between READs are answered in request order by the same task. */
    @Test
    void repliesStayInRequestOrder() {
        sendReads(2, 1000, 0);
        server.input(SftpRequests.stat(nextId++, "/data.bin"));
        sendReads(1, 1000, 2000);
        runPool();
        runReactorThread();
        assertEquals(4, received.size());
        assertEquals(List.of(SftpNumbers.DATA, SftpNumbers.DATA, SftpNumbers.ATTRS, SftpNumbers.DATA),
                received.stream().map(reply -> reply[0] & 0xff).toList());
        for (int i = 0; i < 4; i++) {
            assertEquals(i + 2, ByteBuffer.wrap(received.get(i)).getInt(1), "request id");
        }
    }
}
