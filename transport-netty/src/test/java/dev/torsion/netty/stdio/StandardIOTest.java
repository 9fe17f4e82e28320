package dev.torsion.netty.stdio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.ProcessProtocol;
import dev.torsion.internet.PushProducer;
import dev.torsion.internet.error.ConnectionAborted;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ProcessDone;
import dev.torsion.netty.process.ChildProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StandardIO over piped streams, and in a real child JVM driven through its stdin and stdout. */
class StandardIOTest {
    private ExecutorService reactor;
    private Thread reactorThread;
    private PipedOutputStream feed;
    private PipedInputStream stdin;

    @BeforeEach
    void setUp() throws Exception {
        reactor = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-reactor"));
        reactorThread = reactor.submit(Thread::currentThread).get();
        stdin = new PipedInputStream(1 << 20);
        feed = new PipedOutputStream(stdin);
    }

    @AfterEach
    void tearDown() throws Exception {
        feed.close();
        reactor.shutdown();
        assertTrue(reactor.awaitTermination(10, TimeUnit.SECONDS));
    }

    private void onReactor(Runnable action) throws Exception {
        reactor.submit(action).get(30, TimeUnit.SECONDS);
    }

    /** Echoes every chunk back. */
    private static class Echo extends RecordingProtocol {
        Echo(Thread reactorThread) {
            super(reactorThread);
        }

        @Override
        public void dataReceived(byte[] data) {
            super.dataReceived(data);
            transport().write(data);
        }
    }

    @Test
    void echoesAndEndsCleanlyWhenInputEndsAfterWritingEverything() throws Exception {
        Echo echo = new Echo(reactorThread);
        RecordingOutputStream stdout = new RecordingOutputStream(false);
        StandardIO transport = new StandardIO(reactor, echo, stdin, stdout);
        echo.made.get(30, TimeUnit.SECONDS);
        assertSame(transport, echo.transport());
        assertEquals(new PipeAddress("stdio"), transport.getHost());
        feed.write("hello ".getBytes(UTF_8));
        feed.write("world".getBytes(UTF_8));
        echo.receivedAtLeast(11).get(30, TimeUnit.SECONDS);
        feed.close();
        Failure reason = echo.lost.get(30, TimeUnit.SECONDS);
        assertInstanceOf(ConnectionDone.class, reason.value());
        assertEquals("hello world", new String(stdout.closed.get(30, TimeUnit.SECONDS), UTF_8));
        assertFalse(echo.isConnected());
        assertEquals(List.of(), echo.wrongThread);
    }

    @Test
    void largeInputArrivesCompleteAndInOrder() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024];
        new Random(3).nextBytes(data);
        Echo echo = new Echo(reactorThread);
        RecordingOutputStream stdout = new RecordingOutputStream(false);
        new StandardIO(reactor, echo, stdin, stdout);
        for (int offset = 0; offset < data.length; offset += 10_000) {
            feed.write(data, offset, Math.min(10_000, data.length - offset));
        }
        feed.close();
        echo.lost.get(30, TimeUnit.SECONDS);
        assertArrayEquals(data, echo.receivedBytes());
        assertArrayEquals(data, stdout.closed.get(30, TimeUnit.SECONDS));
    }

    @Test
    void loseConnectionWritesPendingDataThenClosesStdout() throws Exception {
        RecordingProtocol protocol = new RecordingProtocol(reactorThread);
        RecordingOutputStream stdout = new RecordingOutputStream(false);
        StandardIO transport = new StandardIO(reactor, protocol, stdin, stdout);
        protocol.made.get(30, TimeUnit.SECONDS);
        onReactor(() -> {
            transport.write("one ".getBytes(UTF_8));
            transport.writeSequence(List.of("two ".getBytes(UTF_8), "three".getBytes(UTF_8)));
            transport.loseConnection();
            transport.write("dropped".getBytes(UTF_8));
        });
        assertInstanceOf(ConnectionDone.class, protocol.lost.get(30, TimeUnit.SECONDS).value());
        assertEquals("one two three", new String(stdout.closed.get(30, TimeUnit.SECONDS), UTF_8));
    }

    @Test
    void abortConnectionDropsPendingWrites() throws Exception {
        RecordingProtocol protocol = new RecordingProtocol(reactorThread);
        RecordingOutputStream stdout = new RecordingOutputStream(true);
        StandardIO transport = new StandardIO(reactor, protocol, stdin, stdout);
        protocol.made.get(30, TimeUnit.SECONDS);
        onReactor(() -> transport.write("first".getBytes(UTF_8)));
        assertTrue(stdout.firstWriteStarted.await(30, TimeUnit.SECONDS));
        onReactor(() -> {
            transport.write("never".getBytes(UTF_8));
            transport.abortConnection();
        });
        stdout.gate.countDown();
        assertInstanceOf(ConnectionAborted.class, protocol.lost.get(30, TimeUnit.SECONDS).value());
        assertEquals("first", new String(stdout.closed.get(30, TimeUnit.SECONDS), UTF_8));
    }

    @Test
    void halfCloseableProtocolKeepsWritingAfterEndOfInput() throws Exception {
        class HalfClose extends RecordingProtocol implements HalfCloseableProtocol {
            final CompletableFuture<Void> readLost = new CompletableFuture<>();

            HalfClose(Thread reactorThread) {
                super(reactorThread);
            }

            @Override
            public void readConnectionLost() {
                checkThread("readConnectionLost");
                readLost.complete(null);
                transport().write("goodbye".getBytes(UTF_8));
                transport().loseConnection();
            }

            @Override
            public void writeConnectionLost() {
            }
        }
        HalfClose protocol = new HalfClose(reactorThread);
        RecordingOutputStream stdout = new RecordingOutputStream(false);
        new StandardIO(reactor, protocol, stdin, stdout);
        feed.write("in".getBytes(UTF_8));
        feed.close();
        protocol.readLost.get(30, TimeUnit.SECONDS);
        assertInstanceOf(ConnectionDone.class, protocol.lost.get(30, TimeUnit.SECONDS).value());
        assertEquals("goodbye", new String(stdout.closed.get(30, TimeUnit.SECONDS), UTF_8));
        assertEquals("in", new String(protocol.receivedBytes(), UTF_8));
        assertEquals(List.of(), protocol.wrongThread);
    }

    @Test
    void pausedTransportHoldsInputUntilResumed() throws Exception {
        RecordingProtocol protocol = new RecordingProtocol(reactorThread);
        StandardIO transport = new StandardIO(reactor, protocol, stdin, new RecordingOutputStream(false));
        protocol.made.get(30, TimeUnit.SECONDS);
        onReactor(transport::pauseProducing);
        feed.write("held".getBytes(UTF_8));
        feed.close();
        // Nothing may be delivered while paused, not even the end of input.
        CompletableFuture<byte[]> arrived = protocol.receivedAtLeast(4);
        assertFalse(completesWithin(arrived, 300));
        assertFalse(protocol.lost.isDone());
        onReactor(transport::resumeProducing);
        assertEquals("held", new String(arrived.get(30, TimeUnit.SECONDS), UTF_8));
        assertInstanceOf(ConnectionDone.class, protocol.lost.get(30, TimeUnit.SECONDS).value());
    }

    /** Records whether the end of its input came inside {@code resumeProducing}, then closes. */
    private static final class EndRecorder extends RecordingProtocol implements HalfCloseableProtocol {
        final List<String> endSeen = Collections.synchronizedList(new ArrayList<>());
        boolean resuming;

        EndRecorder(Thread reactorThread) {
            super(reactorThread);
        }

        @Override
        public void readConnectionLost() {
            endSeen.add(resuming ? "inside resumeProducing" : "after resumeProducing");
            transport().loseConnection();
        }

        @Override
        public void writeConnectionLost() {
            // never half-closes its writing
        }
    }

    /**
     * A protocol pauses, with nothing held, while the reader is already blocked in {@code read()};
     * the input then ends: the end waits for the resume, and comes after {@code resumeProducing} has
     * returned (a TLS layer decrypts what it kept while paused only then).
     */
    @Test
    void endOfInputWhilePausedWithNothingHeldWaitsUntilAfterTheResume() throws Exception {
        EndRecorder protocol = new EndRecorder(reactorThread);
        StandardIO transport = new StandardIO(reactor, protocol, stdin, new RecordingOutputStream(false));
        protocol.made.get(30, TimeUnit.SECONDS);
        feed.write("last".getBytes(UTF_8));
        protocol.receivedAtLeast(4).get(30, TimeUnit.SECONDS);
        Thread reader = awaitReaderBlockedInRead();
        onReactor(transport::pauseProducing); // the reader, past its pause check, is not stopped by it
        feed.close();
        reader.join(10_000); // it read the end, handed it to the reactor and finished
        assertFalse(reader.isAlive(), "the stdio reader did not see the end");
        onReactor(() -> { }); // what the reader handed over has run
        assertFalse(protocol.lost.isDone(), "the end was told while paused");
        assertEquals(List.of(), protocol.endSeen, "the end was told while paused");
        assertFalse(completesWithin(protocol.lost, 300), "the end was told while paused");
        onReactor(() -> {
            protocol.resuming = true;
            transport.resumeProducing();
            protocol.resuming = false;
        });
        assertInstanceOf(ConnectionDone.class, protocol.lost.get(30, TimeUnit.SECONDS).value());
        assertEquals(List.of("after resumeProducing"), protocol.endSeen);
        assertEquals("last", new String(protocol.receivedBytes(), UTF_8));
    }

    /** Waits until the stdio reader thread is blocked reading the pipe, and returns it. */
    private static Thread awaitReaderBlockedInRead() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
                if (thread.getKey().getName().equals("torsion-stdio-reader") && Arrays.stream(thread.getValue())
                        .anyMatch(frame -> frame.getClassName().equals(PipedInputStream.class.getName()))) {
                    return thread.getKey();
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the stdio reader never blocked in read()");
    }

    private static boolean completesWithin(CompletableFuture<?> future, long millis) throws Exception {
        try {
            future.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException expected) {
            return false;
        }
    }

    @Test
    void pushProducerIsPausedWhileOutputIsBackedUpAndResumedWhenDrained() throws Exception {
        RecordingProtocol protocol = new RecordingProtocol(reactorThread);
        RecordingOutputStream stdout = new RecordingOutputStream(true);
        StandardIO transport = new StandardIO(reactor, protocol, stdin, stdout);
        protocol.made.get(30, TimeUnit.SECONDS);
        List<String> producerEvents = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch resumed = new CountDownLatch(1);
        PushProducer producer = new PushProducer() {
            @Override
            public void pauseProducing() {
                producerEvents.add("pause");
            }

            @Override
            public void resumeProducing() {
                producerEvents.add("resume");
                resumed.countDown();
            }

            @Override
            public void stopProducing() {
                producerEvents.add("stop");
            }
        };
        onReactor(() -> {
            transport.registerProducer(producer, true);
            transport.write(new byte[StreamTransport.HIGH_WATER_MARK]);
            transport.write(new byte[1]);
        });
        assertEquals(List.of("pause"), producerEvents);
        stdout.gate.countDown();
        assertTrue(resumed.await(30, TimeUnit.SECONDS));
        assertEquals(List.of("pause", "resume"), producerEvents);
        onReactor(transport::loseConnection);
        assertEquals(StreamTransport.HIGH_WATER_MARK + 1, stdout.closed.get(30, TimeUnit.SECONDS).length);
        protocol.lost.get(30, TimeUnit.SECONDS);
        assertEquals(List.of("pause", "resume", "stop"), producerEvents);
    }

    @Test
    void aThrowingProtocolLosesItsConnectionWithTheError() throws Exception {
        RecordingProtocol protocol = new RecordingProtocol(reactorThread) {
            @Override
            public void dataReceived(byte[] data) {
                throw new IllegalStateException("protocol bug (expected by the test)");
            }
        };
        RecordingOutputStream stdout = new RecordingOutputStream(false);
        new StandardIO(reactor, protocol, stdin, stdout);
        feed.write("x".getBytes(UTF_8));
        Failure reason = protocol.lost.get(30, TimeUnit.SECONDS);
        assertInstanceOf(IllegalStateException.class, reason.value());
        stdout.closed.get(30, TimeUnit.SECONDS);
    }

    @Test
    void realChildJvmEchoesThroughItsStandardIO(@TempDir Path dir) throws Exception {
        // The child's logging must not mix with its stdout: send it to stderr.
        Path logback = Files.writeString(dir.resolve("logback.xml"),
                "<configuration><appender name='E' class='ch.qos.logback.core.ConsoleAppender'>"
                        + "<target>System.err</target><encoder><pattern>%msg%n</pattern></encoder></appender>"
                        + "<root level='WARN'><appender-ref ref='E'/></root></configuration>");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<byte[]> gotEcho = new CompletableFuture<>();
        CompletableFuture<Failure> ended = new CompletableFuture<>();
        ProcessProtocol child = new ProcessProtocol() {
            @Override
            public void outReceived(byte[] data) {
                out.write(data, 0, data.length);
                if (out.size() >= 12) {
                    gotEcho.complete(out.toByteArray());
                }
            }

            @Override
            public void errReceived(byte[] data) {
                err.write(data, 0, data.length);
            }

            @Override
            public void processEnded(Failure reason) {
                ended.complete(reason);
            }
        };
        ChildProcess process = reactor.submit(() -> ChildProcess.spawn(reactor, child, java,
                List.of("-Dlogback.configurationFile=" + logback, "-cp", System.getProperty("java.class.path"),
                        StdioEchoMain.class.getName()), null, null)).get(30, TimeUnit.SECONDS);
        onReactor(() -> process.write("hello stdio\n".getBytes(UTF_8)));
        assertEquals("HELLO STDIO\n", new String(gotEcho.get(60, TimeUnit.SECONDS), UTF_8));
        onReactor(process::closeStdin);
        Failure reason = ended.get(60, TimeUnit.SECONDS);
        assertInstanceOf(ProcessDone.class, reason.value(), () -> "stderr: " + err);
        assertEquals("HELLO STDIO\n", out.toString(UTF_8));
    }

    @Test
    void aBusyReactorStopsTheReaderSoInputIsNotBufferedWithoutBound() throws Exception {
        RecordingProtocol protocol = new RecordingProtocol(reactorThread);
        new StandardIO(reactor, protocol, stdin, new RecordingOutputStream(false));
        protocol.made.get(30, TimeUnit.SECONDS);
        CountDownLatch release = new CountDownLatch(1);
        reactor.execute(() -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        int size = 8 * 1024 * 1024;
        AtomicLong fed = new AtomicLong();
        Thread feeder = new Thread(() -> {
            try {
                byte[] piece = new byte[16 * 1024];
                while (fed.get() < size) {
                    feed.write(piece);
                    fed.addAndGet(piece.length);
                }
                feed.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "test-feeder");
        feeder.start();
        // With the reactor stuck, the reader takes at most about 1 MiB for it, the pipe holds 1 MiB,
        // so the feeder must be stuck well short of 8 MiB.
        feeder.join(1000);
        assertTrue(feeder.isAlive());
        assertTrue(fed.get() < 3 * 1024 * 1024, "fed " + fed.get());
        release.countDown();
        assertEquals(size, protocol.receivedAtLeast(size).get(60, TimeUnit.SECONDS).length);
        feeder.join(30_000);
        assertInstanceOf(ConnectionDone.class, protocol.lost.get(30, TimeUnit.SECONDS).value());
    }
}
