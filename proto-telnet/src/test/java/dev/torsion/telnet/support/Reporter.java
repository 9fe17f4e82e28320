package dev.torsion.telnet.support;

import dev.torsion.internet.Protocol;
import dev.torsion.telnet.options.WindowSize;
import dev.torsion.telnet.server.TerminalAware;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A server application for interop: says "ready", and answers each line "report" with what the
 * Telnet layer learnt of the client's terminal: {@code size=WxH type=T}.
 */
public final class Reporter extends Protocol implements TerminalAware {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private volatile WindowSize size;
    private volatile String type;

    @Override
    public void connectionMade() {
        transport().write("ready\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void dataReceived(byte[] data) {
        for (byte b : data) {
            if (b == '\n' || b == '\r') {
                lineReceived(line.toString(StandardCharsets.US_ASCII).strip());
                line.reset();
            } else if (line.size() < 100) {
                line.write(b);
            }
        }
    }

    private void lineReceived(String text) {
        if (text.equals("report")) {
            String sizeText = size == null ? "none" : size.width() + "x" + size.height();
            transport().write(("size=" + sizeText + " type=" + (type == null ? "none" : type) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        } else if (text.equals("quit")) {
            transport().loseConnection();
        }
    }

    @Override
    public void windowSizeChanged(WindowSize newSize) {
        size = newSize;
    }

    @Override
    public void terminalTypeReceived(String terminalType) {
        type = terminalType;
    }
}
