package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.protocols.LineReceiver;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A command that closes the connection ends the processing of the packet it came in: the lines
 * pipelined after a QUIT are not acted on, because the Netty transport reports that it is
 * disconnecting and the framing receivers stop there.
 */
class StopAfterCloseTest {

    /** Answers each line with "ok LINE"; QUIT closes the connection. */
    static final class QuitOnCommand extends LineReceiver {
        final List<String> seen;

        QuitOnCommand(List<String> seen) {
            this.seen = seen;
        }

        @Override
        protected void lineReceived(byte[] line) {
            String command = new String(line, StandardCharsets.US_ASCII);
            seen.add(command);
            sendLine(("ok " + command).getBytes(StandardCharsets.US_ASCII));
            if (command.equals("QUIT")) {
                transport().loseConnection();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void linesAfterQuitInTheSamePacketAreNotActedOn(String kind) throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (RunningReactor r = new RunningReactor(kind)) {
            ListeningPort listening = r.reactor.listenTCP(0, a -> new QuitOnCommand(seen), 50, "127.0.0.1");
            try (Socket socket = new Socket("127.0.0.1", ((IPv4Address) listening.getHost()).port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("HELLO\r\nQUIT\r\nDELETE\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("ok HELLO\r\nok QUIT\r\n", readToEnd(socket.getInputStream()));
            }
        }
        assertEquals(List.of("HELLO", "QUIT"), seen);
    }

    private static String readToEnd(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }
}
