package dev.torsion.telnet.manhole;

import dev.torsion.internet.PushProducer;
import dev.torsion.internet.Reactor;
import dev.torsion.telnet.terminal.Terminal;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What a snippet prints to the {@code out} variable, carried to the session's terminal: bytes
 * collect on the snippet's thread and each flush hands the complete lines to the reactor thread,
 * LF as CR LF; the session drains a last partial line after each evaluation. It is the
 * connection's producer: while the client does not read (the transport pauses it), a snippet that
 * prints blocks in {@link #flush()} on its own thread, so output never piles up without bound; once
 * stopped (the connection gone) what is printed is dropped.
 */
final class TerminalOutputStream extends OutputStream implements PushProducer {
    private static final int MAX_BUFFER = 64 * 1024;

    private final Reactor reactor;
    private final Terminal terminal;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean paused;
    private boolean stopped;

    TerminalOutputStream(Reactor reactor, Terminal terminal) {
        this.reactor = reactor;
        this.terminal = terminal;
    }

    @Override
    public synchronized void write(int b) {
        buffer.write(b);
        if (buffer.size() >= MAX_BUFFER) {
            flush();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        buffer.write(bytes, offset, length);
        if (buffer.size() >= MAX_BUFFER) {
            flush();
        }
    }

    /** Hands complete lines to the reactor thread; a last partial line waits for more or {@link #drain}. */
    @Override
    public synchronized void flush() {
        if (!awaitResumed()) {
            buffer.reset();
            return;
        }
        String text = buffer.toString(StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n') + 1;
        if (end == 0 && buffer.size() < MAX_BUFFER) {
            return;
        }
        if (end == 0) {
            end = text.length();
        }
        String lines = toTerminal(text.substring(0, end));
        buffer.reset();
        buffer.writeBytes(text.substring(end).getBytes(StandardCharsets.UTF_8));
        reactor.callFromThread(() -> terminal.write(lines));
    }

    /** Waits (on the snippet's thread) while paused; false once stopped or interrupted. */
    private boolean awaitResumed() {
        try {
            while (paused && !stopped) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !stopped;
    }

    /** The transport's output backed up: printing snippets wait. */
    @Override
    public synchronized void pauseProducing() {
        paused = true;
    }

    /** The transport's output drained: printing snippets go on. */
    @Override
    public synchronized void resumeProducing() {
        paused = false;
        notifyAll();
    }

    /** The connection is gone: printing snippets stop waiting and their output is dropped. */
    @Override
    public synchronized void stopProducing() {
        stopped = true;
        notifyAll();
    }

    /** Takes what is left unflushed (a partial line), for the caller to show itself. */
    synchronized String drain() {
        String text = buffer.toString(StandardCharsets.UTF_8);
        buffer.reset();
        return text;
    }

    private static String toTerminal(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
