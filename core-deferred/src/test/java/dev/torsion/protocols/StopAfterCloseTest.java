package dev.torsion.protocols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.Protocol;
import dev.torsion.protocols.policies.ProtocolWrapper;
import dev.torsion.protocols.policies.WrappingFactory;
import dev.torsion.testing.IOPump;
import dev.torsion.testing.StringTransport;
import dev.torsion.tls.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * As in Twisted, a frame that makes the protocol close its connection ends the packet: the frames
 * after it in the same read (pipelined commands after QUIT) are not acted on.
 */
class StopAfterCloseTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static final class Pop extends LineReceiver {
        final List<String> commands = new ArrayList<>();

        @Override
        protected void lineReceived(byte[] line) {
            String command = new String(line, StandardCharsets.US_ASCII);
            commands.add(command);
            if (command.equals("QUIT")) {
                sendLine("+OK bye");
                transport().loseConnection();
            }
        }
    }

    @Test
    void lineReceiverStopsAfterQuit() {
        Pop pop = new Pop();
        StringTransport transport = new StringTransport();
        pop.makeConnection(transport);
        pop.dataReceived(ascii("NOOP\r\nQUIT\r\nDELE 1\r\nDELE 2\r\n"));
        assertEquals(List.of("NOOP", "QUIT"), pop.commands);
        assertEquals("+OK bye\r\n", transport.valueAsString());
    }

    @Test
    void lineOnlyReceiverStopsAfterQuit() {
        List<String> got = new ArrayList<>();
        LineOnlyReceiver receiver = new LineOnlyReceiver() {
            @Override
            protected void lineReceived(byte[] line) {
                got.add(new String(line, StandardCharsets.US_ASCII));
                if (got.size() == 1) {
                    transport().loseConnection();
                }
            }
        };
        receiver.makeConnection(new StringTransport());
        receiver.dataReceived(ascii("QUIT\r\nMORE\r\n"));
        assertEquals(List.of("QUIT"), got);
    }

    @Test
    void netstringAndPrefixedReceiversStopAfterClose() {
        List<String> got = new ArrayList<>();
        NetstringReceiver netstrings = new NetstringReceiver() {
            @Override
            protected void stringReceived(byte[] string) {
                got.add(new String(string, StandardCharsets.US_ASCII));
                transport().loseConnection();
            }
        };
        netstrings.makeConnection(new StringTransport());
        netstrings.dataReceived(ascii("4:quit,4:more,"));
        assertEquals(List.of("quit"), got);

        got.clear();
        Int16StringReceiver prefixed = new Int16StringReceiver() {
            @Override
            protected void stringReceived(byte[] string) {
                got.add(new String(string, StandardCharsets.US_ASCII));
                transport().abortConnection();
            }
        };
        prefixed.makeConnection(new StringTransport());
        prefixed.dataReceived(new byte[] {0, 1, 'a', 0, 1, 'b'});
        assertEquals(List.of("a"), got);
    }

    @Test
    void throughWrapperAndTls() {
        Pop pop = new Pop();
        WrappingFactory factory = new WrappingFactory(address -> pop);
        ProtocolWrapper wrapper = (ProtocolWrapper) factory.buildProtocol(IOPump.CLIENT_ADDRESS);
        Protocol client = new Protocol() {
        };
        IOPump pump = IOPump.connect(wrapper, client, TestCertificates.serverOptions(), TestCertificates.clientOptions());
        assertFalse(pop.transport().isDisconnecting());
        client.transport().write(ascii("QUIT\r\nDELE 1\r\n"));
        pump.flush();
        assertEquals(List.of("QUIT"), pop.commands);
        assertTrue(pop.transport().isDisconnecting());
        assertTrue(pump.serverTransport().isDisconnected());
    }
}
