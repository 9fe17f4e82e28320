package dev.torsion.internet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.testing.IOPump;
import dev.torsion.testing.StringTransport;
import dev.torsion.tls.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The buffer path on the core's own transports: a {@link BufferProtocol} gets read-only views that
 * are emptied after the call, whoever delivers the bytes (a transport, the memory pump, TLS), and
 * {@link Transport#write(java.nio.ByteBuffer)} copies what it is given.
 */
class BufferProtocolTest {
    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Echoes each view, and records what it saw, what it copied and the views themselves. */
    static final class Recorder extends Protocol implements BufferProtocol {
        final ByteArrayOutputStream copied = new ByteArrayOutputStream();
        final List<ByteBuffer> keptViews = new ArrayList<>();
        final List<Boolean> readOnly = new ArrayList<>();
        boolean echo = true;
        boolean pauseOnRead;

        @Override
        public void bufferReceived(ByteBuffer data) {
            readOnly.add(data.isReadOnly());
            keptViews.add(data); // a bug on purpose: the test checks what a kept view shows later
            byte[] copy = new byte[data.remaining()];
            data.duplicate().get(copy);
            copied.writeBytes(copy);
            if (echo) {
                transport().write(data);
            }
            if (pauseOnRead) {
                transport().pauseProducing();
            }
        }
    }

    @Test
    void dataReceivedHandsABufferProtocolAReadOnlyViewThatIsEmptiedAfterTheCall() {
        Recorder protocol = new Recorder();
        protocol.echo = false;
        StringTransport transport = new StringTransport();
        protocol.makeConnection(transport);
        byte[] data = ascii("hello");

        protocol.dataReceived(data);

        assertEquals("hello", protocol.copied.toString(StandardCharsets.US_ASCII));
        assertEquals(List.of(true), protocol.readOnly);
        ByteBuffer kept = protocol.keptViews.get(0);
        assertEquals(0, kept.remaining(), "a view kept past the call reads nothing");
        assertThrows(IndexOutOfBoundsException.class, () -> kept.get(0));
        assertThrows(ReadOnlyBufferException.class, () -> kept.put(0, (byte) 'j'));
        assertArrayEquals(ascii("hello"), data, "the protocol cannot change the bytes under the view");
    }

    @Test
    void writingABufferCopiesItsRemainingBytesAndConsumesThem() {
        StringTransport transport = new StringTransport();
        ByteBuffer out = ByteBuffer.allocate(16);
        out.put(ascii("xxhello")).flip().position(2);

        transport.write(out);
        assertEquals(out.limit(), out.position(), "the buffer's bytes are consumed");
        out.clear().put(ascii("changed")); // the caller reuses its buffer at once
        transport.write(ByteBuffer.allocate(0));

        assertEquals("hello", transport.valueAsString());
    }

    @Test
    void theMemoryPumpFeedsBufferProtocolsAndCarriesTheirEchoes() {
        Recorder server = new Recorder();
        RecordingClient client = new RecordingClient();
        IOPump pump = IOPump.connect(server, client);

        client.transport().write(ascii("one "));
        pump.flush();
        client.transport().write(ascii("two"));
        pump.flush();

        assertEquals("one two", client.received.toString(StandardCharsets.US_ASCII));
        assertEquals(List.of(true, true), server.readOnly);
        assertTrue(server.keptViews.stream().noneMatch(ByteBuffer::hasRemaining), "kept views are emptied");
    }

    @Test
    void aPausedBufferProtocolGetsNothingUntilItResumesThenEverythingInOrder() {
        Recorder server = new Recorder();
        server.echo = false;
        server.pauseOnRead = true;
        Protocol client = new Protocol() {
        };
        IOPump pump = IOPump.connect(server, client);

        client.transport().write(ascii("first"));
        pump.flush();
        client.transport().write(ascii(" second"));
        pump.flush();
        assertEquals("first", server.copied.toString(StandardCharsets.US_ASCII), "a read after pauseProducing");

        server.pauseOnRead = false;
        server.transport().resumeProducing();
        pump.flush();
        assertEquals("first second", server.copied.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void overTheCoresTlsABufferProtocolGetsViewsThroughDataReceived() {
        Recorder server = new Recorder();
        RecordingClient client = new RecordingClient();
        IOPump pump = IOPump.connect(server, client, TestCertificates.serverOptions(),
                TestCertificates.clientOptions());

        byte[] big = new byte[100_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + i / 7);
        }
        client.transport().write(big);
        pump.flush();

        assertArrayEquals(big, client.received.toByteArray(), "the echo over TLS");
        assertTrue(server.readOnly.stream().allMatch(b -> b));
        assertTrue(server.keptViews.stream().noneMatch(ByteBuffer::hasRemaining), "kept views are emptied");
    }

    /** Records what it receives, as arrays. */
    static final class RecordingClient extends Protocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();

        @Override
        public void dataReceived(byte[] data) {
            received.writeBytes(data);
        }
    }
}
