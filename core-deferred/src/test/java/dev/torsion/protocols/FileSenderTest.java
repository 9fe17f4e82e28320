package dev.torsion.protocols;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.PullProducer;
import dev.torsion.testing.IOPump;
import dev.torsion.testing.StringTransport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSenderTest {
    private static byte[] randomBytes(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    @Test
    void sendsOneChunkPerRequestAndFiresWithCount() {
        byte[] data = randomBytes(FileSender.CHUNK_SIZE * 2 + 100);
        StringTransport transport = new StringTransport();
        FileSender sender = new FileSender();
        List<Long> done = new ArrayList<>();
        sender.beginFileTransfer(new ByteArrayInputStream(data), transport).addCallback(done::add);

        assertSame(sender, transport.producer());
        assertFalse(transport.isStreaming(), "a pull producer");
        assertEquals(0, transport.value().length, "nothing is read before the consumer asks");
        sender.resumeProducing();
        assertEquals(FileSender.CHUNK_SIZE, transport.value().length);
        sender.resumeProducing();
        sender.resumeProducing();
        assertEquals(List.of(), done);
        sender.resumeProducing();
        assertArrayEquals(data, transport.value());
        assertEquals(List.of((long) data.length), done);
        assertNull(transport.producer(), "unregistered at the end");
        assertEquals(data[data.length - 1] & 0xff, sender.lastByteSent());
    }

    @Test
    void fileChannelOverTheLoopbackPump(@TempDir Path dir) throws IOException {
        byte[] data = randomBytes(100_000);
        Path file = dir.resolve("data.bin");
        Files.write(file, data);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        Protocol server = new Protocol() {
            @Override
            public void dataReceived(byte[] bytes) {
                received.writeBytes(bytes);
            }
        };
        Protocol client = new Protocol() {
        };
        IOPump pump = IOPump.connect(server, client);
        List<Long> done = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            new FileSender().beginFileTransfer(channel, client.transport()).addCallback(done::add);
            pump.flush();
        }
        assertArrayEquals(data, received.toByteArray());
        assertEquals(List.of(100_000L), done);
    }

    @Test
    void transformIsApplied() {
        StringTransport transport = new StringTransport();
        FileSender sender = new FileSender();
        List<Long> done = new ArrayList<>();
        sender.beginFileTransfer(Channels.newChannel(new ByteArrayInputStream("abc".getBytes())),
                transport, chunk -> new String(chunk).toUpperCase().getBytes()).addCallback(done::add);
        sender.resumeProducing();
        sender.resumeProducing();
        assertEquals("ABC", transport.valueAsString());
        assertEquals(List.of(3L), done);
    }

    @Test
    void stopProducingFailsTheDeferred() {
        StringTransport transport = new StringTransport();
        FileSender sender = new FileSender();
        List<Failure> failures = new ArrayList<>();
        sender.beginFileTransfer(new ByteArrayInputStream(randomBytes(50_000)), transport).addErrback(f -> {
            failures.add(f);
            return null;
        });
        sender.resumeProducing();
        Protocol protocol = new Protocol() {
        };
        transport.closeConnection(protocol, false);
        assertEquals(1, failures.size());
        assertNotNull(failures.get(0).check(ProducerStopped.class));
        sender.resumeProducing();
        assertEquals(FileSender.CHUNK_SIZE, transport.value().length, "nothing more after stop");
    }

    @Test
    void readErrorFailsTheDeferred() {
        StringTransport transport = new StringTransport();
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }
        };
        List<Failure> failures = new ArrayList<>();
        new FileSender().beginFileTransfer(broken, transport).addErrback(f -> {
            failures.add(f);
            return null;
        });
        ((PullProducer) transport.producer()).resumeProducing();
        assertEquals("disk on fire", failures.get(0).getErrorMessage());
        assertNull(transport.producer());
    }

    @Test
    void oneSenderOneTransfer() {
        FileSender sender = new FileSender();
        sender.beginFileTransfer(new ByteArrayInputStream(new byte[1]), new StringTransport());
        assertThrows(IllegalStateException.class,
                () -> sender.beginFileTransfer(new ByteArrayInputStream(new byte[1]), new StringTransport()));
        assertTrue(sender.bytesSent() == 0);
    }
}
