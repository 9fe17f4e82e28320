package dev.torsion.ssh.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.netty.testing.Programs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ProcessAvatar}'s real processes on a live reactor: a shell under script(1)'s
 * pseudo-terminal resized by window-change (stty inside sees the new size, a WINCH trap fires), and
 * signals reaching a command with and without a terminal.
 */
@Timeout(60)
class ProcessTerminalTest {
    @TempDir
    static Path dir;
    static LiveReactor live;

    @BeforeAll
    static void start() throws Exception {
        for (String program : new String[] {ProcessAvatar.SCRIPT, ScriptTerminal.STTY, ScriptTerminal.KILL}) {
            Programs.require(program);
        }
        live = new LiveReactor();
    }

    @AfterAll
    static void stop() throws Exception {
        live.close();
    }

    /** The channel side: output as text, and how the command ended. */
    static final class Channel implements ExecChannel {
        private final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final CompletableFuture<String> ended = new CompletableFuture<>();

        @Override
        public synchronized void write(byte[] data) {
            output.writeBytes(data);
        }

        @Override
        public synchronized void writeStderr(byte[] data) {
            output.writeBytes(data);
        }

        @Override
        public void exit(int status) {
            ended.complete("status " + status);
        }

        @Override
        public void exitSignal(String signal) {
            ended.complete("signal " + signal);
        }

        synchronized String text() {
            return output.toString(StandardCharsets.UTF_8);
        }

        /** Waits until the output contains {@code wanted}. */
        void await(String wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!text().contains(wanted)) {
                assertTrue(System.nanoTime() < deadline, "no \"" + wanted + "\" in:\n" + text());
                Thread.sleep(20);
            }
        }
    }

    private static ProcessAvatar avatar() {
        return new ProcessAvatar(live.reactor, "alice", "/bin/sh", dir);
    }

    private static void type(ExecSession session, String line) throws Exception {
        live.call(() -> {
            session.input(line.getBytes(StandardCharsets.UTF_8));
            return null;
        });
    }

    @Test
    void windowChangeResizesThePseudoTerminalAndTheChildHearsSigwinch() throws Exception {
        Channel channel = new Channel();
        ExecSession shell = live.call(() -> avatar().shell(new PtyRequest("xterm", 80, 24), Map.of(), channel));
        type(shell, "stty size; echo S1\n");
        channel.await("24 80\r\nS1");
        // A command in the terminal's foreground that waits for SIGWINCH and then shows the size it sees.
        type(shell, "sh -c 'trap \"stty size; echo WINCHED; exit 0\" WINCH; echo ARMED; "
                + "while :; do sleep 0.1; done'\n");
        channel.await("ARMED\r\n");
        assertTrue(live.call(() -> shell.windowChanged(132, 43)));
        channel.await("43 132\r\nWINCHED");
        type(shell, "stty size; echo S2\n");
        channel.await("43 132\r\nS2");
        type(shell, "exit 3\n");
        assertEquals("status 3", channel.ended.get(20, TimeUnit.SECONDS));
    }

    @Test
    void signalReachesTheShellUnderATerminal() throws Exception {
        Channel channel = new Channel();
        ExecSession shell = live.call(() -> avatar().shell(new PtyRequest("xterm", 80, 24), Map.of(), channel));
        // $((40+2)): the terminal echoes the typed line, which must not pass for the shell's answer.
        type(shell, "trap 'echo GOT-USR1; exit 7' USR1; echo $((40+2))READY\n");
        channel.await("42READY");
        assertTrue(live.call(() -> shell.signal("USR1")));
        // The interactive shell runs the trap before its next command (kill runs apart: keep typing).
        for (int i = 0; i < 100 && !channel.ended.isDone(); i++) {
            type(shell, "true\n");
            Thread.sleep(100);
        }
        assertEquals("status 7", channel.ended.get(20, TimeUnit.SECONDS), channel.text());
        assertTrue(channel.text().contains("GOT-USR1"), channel.text());
    }

    @Test
    void signalReachesACommandWithoutATerminal() throws Exception {
        Channel channel = new Channel();
        ExecSession command = live.call(() -> avatar().exec(
                "trap 'echo got TERM; exit 5' TERM; echo ready; while :; do sleep 0.1; done", Map.of(), channel));
        channel.await("ready\n");
        assertTrue(live.call(() -> command.signal("TERM")));
        assertEquals("status 5", channel.ended.get(20, TimeUnit.SECONDS));
        assertTrue(channel.text().contains("got TERM"), channel.text());
        Channel killed = new Channel();
        ExecSession sleeper = live.call(() -> avatar().exec("echo up; exec sleep 100", Map.of(), killed));
        killed.await("up\n");
        assertTrue(live.call(() -> sleeper.signal("KILL")));
        assertEquals("signal KILL", killed.ended.get(20, TimeUnit.SECONDS));
        assertTrue(!live.call(() -> sleeper.windowChanged(100, 40)), "a command without a terminal cannot be resized");
    }
}
