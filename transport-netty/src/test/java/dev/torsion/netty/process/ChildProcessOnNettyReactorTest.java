package dev.torsion.netty.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.error.ProcessDone;
import dev.torsion.internet.error.ProcessTerminated;
import dev.torsion.netty.NettyReactor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Children driven by a real NettyReactor (epoll and NIO): every callback on its event-loop thread. */
class ChildProcessOnNettyReactorTest {

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void catAndAKilledSleepOnTheReactorThread(String kind) throws Exception {
        NettyReactor reactor = NettyReactor.create(kind).setShutdownTimeout(Duration.ofSeconds(5));
        CountDownLatch started = new CountDownLatch(1);
        reactor.callWhenRunning(started::countDown);
        Thread thread = new Thread(reactor::run, "test-netty-reactor-" + kind);
        thread.start();
        try {
            assertTrue(started.await(10, TimeUnit.SECONDS));
            Thread loop = reactor.blockingCallFromThread(Thread::currentThread);

            RecordingProcessProtocol cat = new RecordingProcessProtocol(loop);
            ChildProcess catProcess = reactor.blockingCallFromThread(
                    () -> (ChildProcess) reactor.spawnProcess(cat, "cat", List.of(), null, null));
            reactor.blockingCallFromThread(() -> {
                catProcess.write("through the event loop\n".getBytes(UTF_8));
                return null;
            });
            assertEquals("through the event loop\n",
                    new String(cat.stdoutAtLeast(23).get(30, TimeUnit.SECONDS), UTF_8));
            reactor.blockingCallFromThread(() -> {
                catProcess.closeStdin();
                return null;
            });
            assertInstanceOf(ProcessDone.class, cat.awaitEnded().value());
            assertEquals(List.of(), cat.wrongThread);

            RecordingProcessProtocol sleep = new RecordingProcessProtocol(loop);
            ChildProcess sleepProcess = reactor.blockingCallFromThread(
                    () -> (ChildProcess) reactor.spawnProcess(sleep, "sleep", List.of("100"), null, null));
            sleep.made.get(30, TimeUnit.SECONDS);
            reactor.blockingCallFromThread(() -> {
                sleepProcess.signalProcess("TERM");
                return null;
            });
            assertEquals(15, ((ProcessTerminated) sleep.awaitEnded().value()).signal());
            assertEquals(List.of(), sleep.wrongThread);
        } finally {
            reactor.stop();
            thread.join(15_000);
        }
    }
}
