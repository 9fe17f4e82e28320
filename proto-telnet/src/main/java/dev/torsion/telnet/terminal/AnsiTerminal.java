package dev.torsion.telnet.terminal;

import dev.torsion.internet.PushProducer;
import dev.torsion.internet.Transport;
import java.nio.charset.StandardCharsets;

/** A {@link Terminal} that writes ANSI (ECMA-48) control sequences and UTF-8 text to a transport. */
public final class AnsiTerminal implements Terminal {
    private static final String CSI = "\u001b[";

    private final Transport transport;

    /** A terminal writing to {@code transport}. */
    public AnsiTerminal(Transport transport) {
        this.transport = transport;
    }

    @Override
    public void write(String text) {
        if (!text.isEmpty()) {
            transport.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** ECMA-48 CUB. */
    @Override
    public void cursorBackward(int n) {
        if (n > 0) {
            write(CSI + n + "D");
        }
    }

    /** ECMA-48 CUF. */
    @Override
    public void cursorForward(int n) {
        if (n > 0) {
            write(CSI + n + "C");
        }
    }

    /** ECMA-48 EL with parameter 0. */
    @Override
    public void eraseToEndOfLine() {
        write(CSI + "K");
    }

    /** ECMA-48 ED 2 then CUP. */
    @Override
    public void clearScreen() {
        write(CSI + "2J" + CSI + "H");
    }

    /** CR LF: the NVT's end of line (RFC 854) and a terminal's. */
    @Override
    public void nextLine() {
        write("\r\n");
    }

    @Override
    public void bell() {
        write("\u0007");
    }

    @Override
    public void loseConnection() {
        transport.loseConnection();
    }

    /** A streaming producer, paused by the transport while its unwritten output is over its high mark. */
    @Override
    public void registerProducer(PushProducer producer) {
        transport.registerProducer(producer, true);
    }
}
