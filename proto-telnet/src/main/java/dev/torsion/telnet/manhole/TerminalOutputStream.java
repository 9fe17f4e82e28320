package dev.torsion.telnet.manhole;

import dev.torsion.internet.Reactor;
import dev.torsion.telnet.terminal.Terminal;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What a snippet prints to the {@code out} variable, carried to the session's terminal: bytes
 * collect on the snippet's thread and each flush hands them to the reactor thread, LF as CR LF.
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

    @Override
    public synchronized void flush() {
        if (buffer.size() == 0) {
            return;
        }
        String text = buffer.toString(StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
        buffer.reset();
        reactor.callFromThread(() -> terminal.write(text));
    }
}
