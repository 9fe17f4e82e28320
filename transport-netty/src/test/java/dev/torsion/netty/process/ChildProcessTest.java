package dev.torsion.netty.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.error.ProcessDone;
import dev.torsion.internet.error.ProcessExitedAlready;
import dev.torsion.internet.error.ProcessTerminated;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real children (cat, sh, sleep, head, yes) driven through a single-threaded "reactor". */
class ChildProcessTest {
    private ExecutorService reactor;
    private Thread reactorThread;

    @BeforeEach
    void startReactor() throws Exception {
        reactor = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-reactor"));
        reactorThread = reactor.submit(Thread::currentThread).get();
    }

    @AfterEach
    void stopReactor() throws Exception {
        reactor.shutdown();
        assertTrue(reactor.awaitTermination(10, TimeUnit.SECONDS));
    }

    private <T> T onReactor(Callable<T> action) throws Exception {
        return reactor.submit(action).get(30, TimeUnit.SECONDS);
    }

    private void onReactor(Runnable action) throws Exception {
        reactor.submit(action).get(30, TimeUnit.SECONDS);
    }

    private RecordingProcessProtocol protocol() {
        return new RecordingProcessProtocol(reactorThread);
    }

    private ChildProcess spawn(RecordingProcessProtocol protocol, String executable, List<String> args,
            Map<String, String> env, Path path) throws Exception {
        return onReactor(() -> ChildProcess.spawn(reactor, protocol, executable, args, env, path));
    }

    private ChildProcess spawn(RecordingProcessProtocol protocol, String executable, String... args) throws Exception {
        return spawn(protocol, executable, List.of(args), null, null);
    }

    /** The common promises: reactor thread only, connectionMade first, processEnded last, fds all lost. */
    private static void assertWellOrdered(RecordingProcessProtocol protocol) {
        assertEquals(List.of(), protocol.wrongThread);
        List<String> events = List.copyOf(protocol.events);
        assertEquals("connectionMade", events.get(0), events.toString());
        assertEquals("ended", events.get(events.size() - 1), events.toString());
        assertEquals(1, events.stream().filter("ended"::equals).count(), events.toString());
        assertTrue(events.indexOf("exited") < events.indexOf("ended"), events.toString());
        for (int fd = 0; fd <= 2; fd++) {
            assertTrue(events.contains("lost" + fd), events.toString());
        }
        assertTrue(events.lastIndexOf("data1") < events.indexOf("lost1"), events.toString());
        assertTrue(events.lastIndexOf("data2") < events.indexOf("lost2"), events.toString());
    }

    @Test
    void catEchoesWhatIsWrittenAndEndsWithProcessDoneAfterCloseStdin() throws Exception {
        RecordingProcessProtocol protocol = protocol();
        ChildProcess child = spawn(protocol, "cat");
        assertTrue(child.pid() > 0);
        onReactor(() -> {
            child.write("hello ".getBytes(UTF_8));
            child.writeToChild(0, "world\n".getBytes(UTF_8));
        });
        assertEquals("hello world\n", new String(protocol.stdoutAtLeast(12).get(30, TimeUnit.SECONDS), UTF_8));
        onReactor(child::closeStdin);
        Failure reason = protocol.awaitEnded();
        assertInstanceOf(ProcessDone.class, reason.value());
        assertInstanceOf(ProcessDone.class, protocol.exited.get().value());
        assertEquals("hello world\n", new String(protocol.stdout(), UTF_8));
        assertWellOrdered(protocol);
        assertEquals(-1, child.pid());
    }

    @Test
    void nonZeroExitEndsWithProcessTerminatedAndTheExitCode() throws Exception {
        RecordingProcessProtocol protocol = protocol();
        spawn(protocol, "sh", "-c", "exit 3");
        ProcessTerminated terminated = assertInstanceOf(ProcessTerminated.class, protocol.awaitEnded().value());
        assertEquals(3, terminated.exitCode());
        assertNull(terminated.signal());
        assertWellOrdered(protocol);
    }

    @Test
    void exitCode143IsAnExitCodeNotASignal() throws Exception {
        RecordingProcessProtocol protocol = protocol();
        spawn(protocol, "sh", "-c", "exit 143");
        ProcessTerminated terminated = assertInstanceOf(ProcessTerminated.class, protocol.awaitEnded().value());
        assertEquals(143, terminated.exitCode());
        assertNull(terminated.signal());
    }

    @Test
    void sleepKilledByTermEndsWithSignal15() throws Exception {
        assertKilledBy("TERM", 15);
    }

    @Test
    void sleepKilledByKillEndsWithSignal9() throws Exception {
        assertKilledBy("KILL", 9);
    }

    @Test
    void sleepKilledByIntAndHupByTheirNumbers() throws Exception {
        assertKilledBy("SIGINT", 2);
        assertKilledBy("HUP", 1);
    }

    private void assertKilledBy(String signal, int number) throws Exception {
        RecordingProcessProtocol protocol = protocol();
        ChildProcess child = spawn(protocol, "sleep", "100");
        protocol.made.get(30, TimeUnit.SECONDS);
        onReactor(() -> child.signalProcess(signal));
        ProcessTerminated terminated = assertInstanceOf(ProcessTerminated.class, protocol.awaitEnded().value());
        assertEquals(number, terminated.signal());
        assertNull(terminated.exitCode());
        assertWellOrdered(protocol);
        ProcessExitedAlready gone = assertThrows(ProcessExitedAlready.class,
                () -> onReactorRethrowing(() -> child.signalProcess("TERM")));
        assertTrue(gone.getMessage().contains("exited"), gone.getMessage());
    }

    private void onReactorRethrowing(Runnable action) throws Throwable {
        try {
            onReactor(action);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    @Test
    void unknownSignalNameIsRefused() throws Exception {
        RecordingProcessProtocol protocol = protocol();
        ChildProcess child = spawn(protocol, "sleep", "100");
        assertThrows(IllegalArgumentException.class, () -> onReactorRethrowing(() -> child.signalProcess("NOPE")));
        onReactor(() -> child.signalProcess("KILL"));
        protocol.awaitEnded();
    }

    @Test
    void stderrArrivesSeparatelyFromStdout() throws Exception {
        RecordingProcessProtocol protocol = protocol();
        spawn(protocol, "sh", "-c", "echo out; echo err >&2");
        assertInstanceOf(ProcessDone.class, protocol.awaitEnded().value());
        assertEquals("out\n", new String(protocol.stdout(), UTF_8));
        assertEquals("err\n", new String(protocol.stderr(), UTF_8));
        assertTrue(protocol.events.contains("data2"));
        assertWellOrdered(protocol);
    }

    @Test
    void environmentAndWorkingDirectoryAreHonoured(@TempDir Path dir) throws Exception {
        RecordingProcessProtocol protocol = protocol();
        spawn(protocol, "sh", List.of("-c", "echo \"$GREETING\"; pwd"), Map.of("GREETING", "bonjour le monde"), dir);
        assertInstanceOf(ProcessDone.class, protocol.awaitEnded().value());
        assertEquals("bonjour le monde\n" + dir.toRealPath() + "\n", new String(protocol.stdout(), UTF_8));
    }

    @Test
    void givenEnvironmentIsTheWholeEnvironment() throws Exception {
        RecordingProcessProtocol protocol = protocol();
        spawn(protocol, "env", List.of(), Map.of("ONLY", "this"), null);
        assertInstanceOf(ProcessDone.class, protocol.awaitEnded().value());
        assertEquals("ONLY=this\n", new String(protocol.stdout(), UTF_8));
    }

    @Test
    void nullEnvironmentInheritsTheJvmEnvironment() throws Exception {
        RecordingProcessProtocol protocol = protocol();
        spawn(protocol, "sh", "-c", "printf %s \"$PATH\"");
        assertInstanceOf(ProcessDone.class, protocol.awaitEnded().value());
        assertEquals(System.getenv("PATH"), new String(protocol.stdout(), UTF_8));
    }

    @Test
    void childGetsOnlyItsThreeStandardDescriptors() throws Exception {
        RecordingProcessProtocol protocol = protocol();
        // ls lists the shell's descriptors (a glob in the shell itself would see the directory it reads);
        // "; true" keeps the shell from exec-ing ls in its place.
        spawn(protocol, "sh", "-c", "ls /proc/$$/fd; true");
        assertInstanceOf(ProcessDone.class, protocol.awaitEnded().value());
        assertEquals("0\n1\n2\n", new String(protocol.stdout(), UTF_8), new String(protocol.stderr(), UTF_8));
    }

    @Test
    void tenMebibytesOfOutputArriveCompleteAndInOrder(@TempDir Path dir) throws Exception {
        byte[] data = new byte[10 * 1024 * 1024];
        new Random(42).nextBytes(data);
        Path file = dir.resolve("data");
        Files.write(file, data);
        RecordingProcessProtocol protocol = protocol();
        spawn(protocol, "head", "-c", String.valueOf(data.length), file.toString());
        assertInstanceOf(ProcessDone.class, protocol.awaitEnded().value());
        assertArrayEquals(data, protocol.stdout());
        assertWellOrdered(protocol);
    }

    @Test
    void tenMebibytesWrittenToCatComeBackInOrder() throws Exception {
        byte[] data = new byte[10 * 1024 * 1024];
        new Random(7).nextBytes(data);
        RecordingProcessProtocol protocol = protocol();
        ChildProcess child = spawn(protocol, "cat");
        onReactor(() -> {
            // Many writes of odd sizes, queued at once: the reactor thread must never block on them.
            int offset = 0;
            int size = 1;
            while (offset < data.length) {
                int length = Math.min(size, data.length - offset);
                byte[] piece = new byte[length];
                System.arraycopy(data, offset, piece, 0, length);
                child.write(piece);
                offset += length;
                size = size * 3 % 200_003 + 1;
            }
            child.closeStdin();
        });
        assertInstanceOf(ProcessDone.class, protocol.awaitEnded().value());
        assertArrayEquals(data, protocol.stdout());
    }

    @Test
    void missingExecutableGivesAClearErrorAndNoCallbacks() throws Exception {
        RecordingProcessProtocol protocol = protocol();
        ProcessSpawnException error = assertThrows(ProcessSpawnException.class,
                () -> ChildProcess.spawn(reactor, protocol, "no-such-program-torsion", List.of(), null, null));
        assertEquals(2, error.errorNumber());
        assertEquals("no-such-program-torsion", error.executable());
        assertTrue(error.getMessage().contains("Cannot run program \"no-such-program-torsion\""), error.getMessage());
        assertTrue(error.getMessage().contains("No such file or directory"), error.getMessage());

        ProcessSpawnException byPath = assertThrows(ProcessSpawnException.class,
                () -> ChildProcess.spawn(reactor, protocol, "/no/such/program", List.of(), null, null));
        assertEquals(2, byPath.errorNumber());
        onReactor(() -> { });
        assertEquals(List.of(), protocol.events);
    }

    @Test
    void notExecutableFileGivesPermissionDenied(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("script.sh"), "#!/bin/sh\necho hi\n");
        RecordingProcessProtocol protocol = protocol();
        ProcessSpawnException error = assertThrows(ProcessSpawnException.class,
                () -> ChildProcess.spawn(reactor, protocol, script.toString(), List.of(), null, null));
        assertEquals(13, error.errorNumber(), error.getMessage());
    }

    @Test
    void missingWorkingDirectoryGivesAClearError(@TempDir Path dir) {
        ProcessSpawnException error = assertThrows(ProcessSpawnException.class,
                () -> ChildProcess.spawn(reactor, protocol(), "true", List.of(), null, dir.resolve("missing")));
        assertTrue(error.getMessage().contains("working directory"), error.getMessage());
    }

    @Test
    void closingStdoutMakesAWritingChildDieOfSigpipe() throws Exception {
        RecordingProcessProtocol protocol = protocol();
        ChildProcess child = spawn(protocol, "yes");
        protocol.stdoutAtLeast(1).get(30, TimeUnit.SECONDS);
        onReactor(() -> child.closeChildFD(1));
        ProcessTerminated terminated = assertInstanceOf(ProcessTerminated.class, protocol.awaitEnded().value());
        // The JVM ignores SIGPIPE; the child must have got the default disposition back.
        assertEquals(13, terminated.signal());
        assertWellOrdered(protocol);
    }

    @Test
    void loseConnectionClosesAllPipes() throws Exception {
        RecordingProcessProtocol protocol = protocol();
        ChildProcess child = spawn(protocol, "cat");
        protocol.made.get(30, TimeUnit.SECONDS);
        onReactor(child::loseConnection);
        assertInstanceOf(ProcessDone.class, protocol.awaitEnded().value());
        assertWellOrdered(protocol);
        onReactor(() -> child.write("dropped".getBytes(UTF_8)));
    }

    @Test
    void pausedChildOutputIsHeldUntilResumed() throws Exception {
        RecordingProcessProtocol protocol = protocol();
        // The child waits for a line on stdin before writing, so it cannot write before we pause.
        ChildProcess child = spawn(protocol, "sh", "-c", "read line; echo \"got $line\"");
        onReactor(() -> {
            child.pauseProducing();
            child.write("go\n".getBytes(UTF_8));
        });
        // Its exit comes through (the pidfd is still watched) while its output waits in the pipe.
        protocol.exited.get(30, TimeUnit.SECONDS);
        assertEquals(0, protocol.stdout().length);
        assertTrue(!protocol.ended.isDone());
        onReactor(child::resumeProducing);
        assertInstanceOf(ProcessDone.class, protocol.awaitEnded().value());
        assertEquals("got go\n", new String(protocol.stdout(), UTF_8));
    }

    @Test
    void aThrowingProtocolStillGetsProcessEnded() throws Exception {
        RecordingProcessProtocol protocol = new RecordingProcessProtocol(reactorThread) {
            @Override
            public void childDataReceived(int fd, byte[] data) {
                super.childDataReceived(fd, data);
                throw new IllegalStateException("protocol bug (expected by the test)");
            }
        };
        spawn(protocol, "sh", "-c", "echo boom");
        assertInstanceOf(ProcessDone.class, protocol.awaitEnded().value());
        assertEquals("boom\n", new String(protocol.stdout(), UTF_8));
    }

    @Test
    void manyChildrenAtOnceShareThePoller() throws Exception {
        int count = 20;
        RecordingProcessProtocol[] protocols = new RecordingProcessProtocol[count];
        for (int i = 0; i < count; i++) {
            protocols[i] = protocol();
            spawn(protocols[i], "sh", "-c", "echo child " + i + "; exit " + (i % 4));
        }
        for (int i = 0; i < count; i++) {
            Failure reason = protocols[i].awaitEnded();
            assertEquals("child " + i + "\n", new String(protocols[i].stdout(), UTF_8));
            if (i % 4 == 0) {
                assertInstanceOf(ProcessDone.class, reason.value());
            } else {
                assertEquals(i % 4, ((ProcessTerminated) reason.value()).exitCode());
            }
            assertWellOrdered(protocols[i]);
        }
    }

    /**
     * Registrations racing the poller's own wakeup handling must never be lost: hundreds of
     * children spawned back to back, each of which must end. (A poller that cleared its wakeup flag
     * before reading its eventfd lost every wakeup after one such race, and children hung.)
     */
    @Test
    void childrenSpawnedBackToBackAllEnd() throws Exception {
        int count = 300;
        RecordingProcessProtocol[] protocols = new RecordingProcessProtocol[count];
        for (int i = 0; i < count; i++) {
            protocols[i] = protocol();
        }
        onReactor(() -> {
            for (RecordingProcessProtocol each : protocols) {
                ChildProcess.spawn(reactor, each, "true", List.of(), null, null);
            }
            return null;
        });
        for (RecordingProcessProtocol each : protocols) {
            assertInstanceOf(ProcessDone.class, each.awaitEnded().value());
        }
    }

    @Test
    void aBusyReactorStopsReadingSoTheChildBlocksInsteadOfFillingTheHeap() throws Exception {
        int size = 20 * 1024 * 1024;
        RecordingProcessProtocol protocol = protocol();
        ChildProcess child = spawn(protocol, "head", "-c", String.valueOf(size), "/dev/zero");
        long pid = child.pid();
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong deliveredBeforeTheBlock = new AtomicLong(-1);
        reactor.execute(() -> {
            // What the reactor took before it got stuck here was read legitimately: only the rest is bounded.
            deliveredBeforeTheBlock.set(protocol.stdout().length);
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // With the reactor stuck, at most about 1 MiB is read for it: the child must stay blocked
        // in its write and cannot exit. (Without the bound it would finish in well under a second.)
        CompletableFuture<Void> never = new CompletableFuture<>();
        assertThrows(TimeoutException.class, () -> never.get(1, TimeUnit.SECONDS));
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        char state = stat.charAt(stat.lastIndexOf(')') + 2);
        assertTrue(state == 'S' || state == 'R', "child state " + state);
        long written = Files.readAllLines(Path.of("/proc/" + pid + "/io")).stream()
                .filter(line -> line.startsWith("wchar:")).mapToLong(line -> Long.parseLong(line.substring(6).trim()))
                .findFirst().orElseThrow();
        // 1 MiB in flight, one 64 KiB read, the pipe's 64 KiB and head's own buffer at most.
        long unread = written - deliveredBeforeTheBlock.get();
        assertTrue(deliveredBeforeTheBlock.get() >= 0 && unread < 2 * 1024 * 1024,
                "the child wrote " + written + " bytes, " + deliveredBeforeTheBlock.get() + " of them delivered before the block");
        release.countDown();
        assertInstanceOf(ProcessDone.class, protocol.awaitEnded().value());
        assertEquals(size, protocol.stdout().length);
    }

    @Test
    void nulCharactersAndBadEnvironmentNamesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ChildProcess.spawn(reactor, protocol(), "echo", List.of("a\0b"), null, null));
        assertThrows(IllegalArgumentException.class,
                () -> ChildProcess.spawn(reactor, protocol(), "env", List.of(), Map.of("A=B", "c"), null));
        assertThrows(IllegalArgumentException.class,
                () -> ChildProcess.spawn(reactor, protocol(), "env", List.of(), Map.of("A", "c\0d"), null));
    }

    @Test
    void fiftyChildrenLeaveNoDescriptorBehind() throws Exception {
        spawnAndAwait(protocol(), "true");
        long before = openDescriptors();
        for (int i = 0; i < 50; i++) {
            spawnAndAwait(protocol(), "sh", "-c", "echo out; echo err >&2; exit " + (i % 3));
        }
        // Each child used three pipes and a pidfd: a leak of one of them per child would show as 50.
        assertTrue(openDescriptors() <= before + 3, "descriptors before " + before + ", after " + openDescriptors());
    }

    private void spawnAndAwait(RecordingProcessProtocol protocol, String executable, String... args) throws Exception {
        spawn(protocol, executable, args);
        protocol.awaitEnded();
    }

    private static long openDescriptors() throws Exception {
        try (var entries = Files.list(Path.of("/proc/self/fd"))) {
            return entries.count();
        }
    }
}
