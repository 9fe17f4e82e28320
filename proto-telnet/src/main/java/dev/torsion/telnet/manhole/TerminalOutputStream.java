package dev.torsion.telnet.manhole;

import dev.torsion.internet.Reactor;
import dev.torsion.telnet.terminal.Terminal;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What a snippet prints to the {@code out} variable, carried to the session's terminal: bytes
 * collect on the snippet's thread and each flush hands the complete lines to the reactor thread,
 * LF as CR LF; the session drains a last partial line after each evaluation.
 */
final class TerminalOutputStream extends OutputStream {
    private static final int MAX_BUFFER = 64 * 1024;

    private final Reactor reactor;
    private final Terminal terminal;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

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
