package dev.torsion.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.internet.Protocol;
import dev.torsion.testing.IOPump;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** No dataReceived reaches a protocol over TLS after it paused, though one read brings several records. */
class TlsPauseTest {
    /** Pauses its transport on its first dataReceived, and counts the calls. */
    static final class Pausing extends Protocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        int calls;

        @Override
        public void dataReceived(byte[] data) {
            calls++;
            received.writeBytes(data);
            transport().pauseProducing();
        }
    }

    @Test
    void recordsAfterPauseWaitForResume() {
        Pausing server = new Pausing();
        Protocol client = new Protocol() {
        };
        IOPump pump = IOPump.connect(server, client, TestCertificates.serverOptions(),
                TestCertificates.clientOptions());
        // Three writes, three records: the pump hands them to the server's TLS in one read.
        client.transport().write("one ".getBytes(StandardCharsets.US_ASCII));
        client.transport().write("two ".getBytes(StandardCharsets.US_ASCII));
        client.transport().write("three".getBytes(StandardCharsets.US_ASCII));
        pump.flush();

        assertEquals(1, server.calls, "dataReceived after pauseProducing");
        assertEquals("one ", server.received.toString(StandardCharsets.US_ASCII));

        for (int expectedCalls = 2; expectedCalls <= 3; expectedCalls++) {
            server.transport().resumeProducing();
            pump.flush();
            assertEquals(expectedCalls, server.calls, "one record per resume, since each pauses again");
        }
        assertEquals("one two three", server.received.toString(StandardCharsets.US_ASCII));
    }
}
