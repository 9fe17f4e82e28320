package dev.torsion.ssh.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Consumer;
import dev.torsion.internet.Producer;
import dev.torsion.internet.PushProducer;
import dev.torsion.ssh.server.ExecChannel;
import dev.torsion.testing.MemoryReactor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our client against our server in memory (the thread pool runs work at once): every request,
 * and streamed transfers with requests in flight, a paused consumer holding the download back.
 */
class SftpClientServerTest {
    @TempDir
    Path dir;
    Path root;
    Wire wire;
    SftpClient client;

    /** The channel both ways: the server's output is the client's input and back, counting requests. */
    final class Wire implements ExecChannel, SftpPipe {
        SftpServer server;
        SftpClient client;
        int requests;
        int exitStatus = -1;
        /** When true, the server's output waits in {@link #held} until {@link #deliver()}: replies come later, as on a network. */
        boolean hold;
        final ArrayDeque<byte[]> held = new ArrayDeque<>();

        /** Hands the oldest held output to the client; false when none was held. */
        boolean deliver() {
            byte[] next = held.poll();
            if (next == null) {
                return false;
            }
            client.dataReceived(next);
            return true;
        }

        @Override
        public void send(byte[] data) {
            requests++;
            server.input(data);
        }

        @Override
        public void close() {
            server.inputEnded();
        }

        @Override
        public void write(byte[] data) {
            if (hold) {
                held.add(data);
            } else {
                client.dataReceived(data);
            }
        }

        @Override
        public void writeStderr(byte[] data) {
        }

        @Override
        public void exit(int status) {
            exitStatus = status;
            client.connectionLost(null);
        }

        @Override
        public void exitSignal(String signal) {
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(dir.resolve("root"));
        wire = new Wire();
        wire.server = new SftpServer(new MemoryReactor(), root, wire);
        client = new SftpClient(wire);
        wire.client = client;
        assertEquals(client, value(client.start()));
    }

    /** The value a Deferred fired with (in memory everything fires at once), or its failure thrown. */
    static <T> T value(Deferred<T> deferred) throws Exception {
        List<Object> result = new ArrayList<>();
        deferred.addBoth((value, failure) -> {
            result.add(failure != null ? failure : value);
            return null;
        });
        assertEquals(1, result.size(), "the Deferred has not fired");
        if (result.get(0) instanceof Failure failure) {
            throw (Exception) failure.value();
        }
        @SuppressWarnings("unchecked")
        T value = (T) result.get(0);
        return value;
    }

    static SftpException failure(Deferred<?> deferred) {
        try {
            value(deferred);
        } catch (SftpException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("not an SFTP failure", e);
        }
        throw new AssertionError("did not fail");
    }

    @Test
    void versionAndExtensions() {
        assertEquals(3, client.version());
        assertEquals(List.of(SftpNumbers.POSIX_RENAME, SftpNumbers.STATVFS, SftpNumbers.FSTATVFS, SftpNumbers.HARDLINK,
                SftpNumbers.FSYNC, SftpNumbers.LIMITS, SftpNumbers.EXPAND_PATH), List.copyOf(client.extensions().keySet()));
    }

    @Test
    void everyRequest() throws Exception {
        value(client.mkdir("/docs", SftpAttributes.ofPermissions(0750)));
        assertTrue(Files.isDirectory(root.resolve("docs")));
        SftpHandle file = value(client.open("/docs/a.txt", SftpNumbers.OPEN_WRITE | SftpNumbers.OPEN_CREATE
                | SftpNumbers.OPEN_READ, SftpAttributes.ofPermissions(0600)));
        value(client.write(file, 0, "hello world".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals("world".getBytes(StandardCharsets.UTF_8), value(client.read(file, 6, 100)));
        assertEquals(0, value(client.read(file, 11, 100)).length);
        assertEquals(11, value(client.fstat(file)).size());
        value(client.fsetstat(file, SftpAttributes.ofSize(5)));
        value(client.fsync(file));
        assertTrue(value(client.fstatvfs(file)).blocks() > 0);
        value(client.close(file));
        assertEquals("hello", Files.readString(root.resolve("docs/a.txt")));
        assertEquals(0600, value(client.stat("/docs/a.txt")).permissions() & 0777);

        value(client.setstat("/docs/a.txt", SftpAttributes.ofTimes(1_000_000_000L, 1_100_000_000L)));
        assertEquals(1_100_000_000L, Files.getLastModifiedTime(root.resolve("docs/a.txt")).to(TimeUnit.SECONDS));
        value(client.symlink("a.txt", "/docs/link"));
        assertEquals("a.txt", value(client.readlink("/docs/link")));
        assertTrue(value(client.lstat("/docs/link")).isSymbolicLink());
        assertTrue(value(client.stat("/docs/link")).isRegularFile());
        value(client.hardlink("/docs/a.txt", "/docs/hard"));
        assertEquals(2, ((Number) Files.getAttribute(root.resolve("docs/a.txt"), "unix:nlink")).intValue());
        assertEquals("/docs/a.txt", value(client.realpath("/docs/../docs/link")));
        assertEquals("/docs", value(client.expandPath("~/docs")));

        List<String> names = value(client.listDirectory("/docs")).stream().map(SftpName::filename).sorted()
                .collect(Collectors.toList());
        assertEquals(List.of("a.txt", "hard", "link"), names);
        SftpName link = value(client.listDirectory("/docs")).stream().filter(n -> n.filename().equals("link"))
                .findFirst().orElseThrow();
        assertTrue(link.longname().startsWith("lrwxrwxrwx"), link.longname());
        assertTrue(link.longname().endsWith(" link -> a.txt"), link.longname());

        value(client.rename("/docs/hard", "/docs/moved"));
        assertFalse(Files.exists(root.resolve("docs/hard")));
        Files.writeString(root.resolve("docs/other"), "other");
        // posix-rename@openssh.com replaces the target.
        value(client.rename("/docs/other", "/docs/moved"));
        assertEquals("other", Files.readString(root.resolve("docs/moved")));
        value(client.remove("/docs/moved"));
        value(client.remove("/docs/link"));
        value(client.remove("/docs/a.txt"));
        value(client.rmdir("/docs"));
        assertFalse(Files.exists(root.resolve("docs")));
        SftpStatvfs statvfs = value(client.statvfs("/"));
        assertEquals(Files.getFileStore(root).getTotalSpace(), statvfs.totalBytes());
        assertEquals(new SftpServerLimits(256 * 1024, 255 * 1024, 255 * 1024, 256), value(client.limits()));
    }

    @Test
    void failuresCarryTheStatus() {
        assertEquals(SftpNumbers.NO_SUCH_FILE, failure(client.stat("/nothing")).status());
        assertEquals(SftpNumbers.NO_SUCH_FILE, failure(client.open("/nothing", SftpNumbers.OPEN_READ,
                SftpAttributes.NONE)).status());
        assertEquals(SftpNumbers.PERMISSION_DENIED, failure(client.rmdir("/")).status());
    }

    @Test
    void renameWithoutPosixRenameFailsOnAnExistingTarget() throws Exception {
        Files.writeString(root.resolve("a"), "a");
        Files.writeString(root.resolve("b"), "b");
        // Version 3's own RENAME, as the client sends it to a server without posix-rename.
        byte[] request = SftpRequests.rename(9, "/a", "/b");
        byte[] reply = new SftpRequestHandler(new SftpRoot(root), SftpLimits.DEFAULTS)
                .handle(Arrays.copyOfRange(request, 4, request.length));
        assertArrayEquals(CodecBytes.of("0000001c 65 00000009 00000004 0000000b 'file exists' 00000000"), reply);
        value(client.rename("/a", "/b"));
        assertEquals("a", Files.readString(root.resolve("b")));
        assertFalse(Files.exists(root.resolve("a")));
    }

    @Test
    void putAndGetStreamWithRequestsInFlight() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 12345];
        new Random(7).nextBytes(content);
        Path local = Files.write(dir.resolve("local.bin"), content);
        assertEquals(content.length, (long) value(client.put(local, "/remote.bin")));
        assertArrayEquals(content, Files.readAllBytes(root.resolve("remote.bin")));
        // 32 KiB writes: one OPEN, the writes, one CLOSE (and INIT, limits).
        assertEquals(2 + 1 + (content.length + 32767) / 32768 + 1, wire.requests);

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        assertEquals(content.length, (long) value(client.get("/remote.bin", new Collecting(received))));
        assertArrayEquals(content, received.toByteArray());
        Path back = dir.resolve("back.bin");
        assertEquals(content.length, (long) value(client.get("/remote.bin", back)));
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(content),
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(back)));
    }

    @Test
    void aPausedConsumerHoldsTheDownloadBack() throws Exception {
        byte[] content = new byte[10 * 1024 * 1024];
        new Random(8).nextBytes(content);
        Files.write(root.resolve("big.bin"), content);
        // A consumer that pauses its producer after each 1 MiB; the test resumes it.
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        Collecting consumer = new Collecting(received) {
            @Override
            public void write(byte[] data) {
                super.write(data);
                if (received.size() % (1024 * 1024) == 0) {
                    ((PushProducer) producer).pauseProducing();
                    paused = true;
                }
            }
        };
        int before = wire.requests;
        List<Long> finished = new ArrayList<>();
        client.get("/big.bin", consumer).addCallback(finished::add);
        int pauses = 0;
        while (finished.isEmpty()) {
            assertTrue(consumer.paused, "stalled without a pause");
            // Reads stop while paused: those sent are what was delivered plus at most 64 ahead.
            int reads = wire.requests - before - 1;
            assertTrue(reads <= received.size() / 32768 + 64, reads + " reads for " + received.size() + " bytes");
            consumer.paused = false;
            pauses++;
            ((PushProducer) consumer.producer).resumeProducing();
        }
        assertEquals(List.of((long) content.length), finished);
        assertArrayEquals(content, received.toByteArray());
        assertTrue(pauses >= 9, "paused " + pauses + " times");
    }

    @Test
    void sixtyFourReadsInFlight() throws Exception {
        byte[] content = new byte[5 * 1024 * 1024];
        new Random(9).nextBytes(content);
        Files.write(root.resolve("big.bin"), content);
        wire.hold = true;
        int before = wire.requests;
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        Deferred<Long> done = client.get("/big.bin", new Collecting(received));
        assertEquals(before + 1, wire.requests);
        assertTrue(wire.deliver());
        // The handle came: 64 reads go out at once, none answered yet.
        assertEquals(before + 1 + 64, wire.requests);
        while (wire.deliver()) {
            assertTrue(wire.requests - before - 1 <= received.size() / 32768 + 64 + 1);
        }
        assertEquals(content.length, (long) value(done));
        assertArrayEquals(content, received.toByteArray());
    }

    @Test
    void uploadFromAPushProducerIsPausedAtTheLimit() throws Exception {
        client.withTransfer(4, 1024);
        wire.hold = true;
        List<String> events = new ArrayList<>();
        Deferred<Object> producerDone = new Deferred<>();
        Deferred<Long> done = client.put("/pushed.bin", sink -> {
            PushProducer producer = new PushProducer() {
                @Override
                public void pauseProducing() {
                    events.add("pause");
                }

                @Override
                public void resumeProducing() {
                    events.add("resume");
                    sink.write(new byte[1024]);
                    sink.unregisterProducer();
                    producerDone.callback(null);
                }

                @Override
                public void stopProducing() {
                    events.add("stop");
                }
            };
            sink.registerProducer(producer, true);
            sink.write(new byte[5 * 1024]);
            return producerDone;
        });
        int before = wire.requests;
        assertTrue(wire.deliver());
        // Five writes went out at once (one producer write); at four in flight the producer is paused.
        assertEquals(before + 5, wire.requests);
        assertEquals(List.of("pause"), events);
        while (wire.deliver()) {
            // answers arrive one by one: below the limit the producer resumes and finishes
        }
        // Resumed below the limit, its last write reached the limit again: paused once more, then done.
        assertEquals(List.of("pause", "resume", "pause"), events);
        assertEquals(6 * 1024L, (long) value(done));
        assertEquals(6 * 1024, Files.size(root.resolve("pushed.bin")));
    }

    @Test
    void aFailedReadFailsTheDownloadAndClosesTheHandle() throws Exception {
        Files.createDirectories(root.resolve("dir"));
        Deferred<Long> done = client.get("/dir", new Collecting(new ByteArrayOutputStream()));
        assertInstanceOf(SftpException.class, assertFailure(done));
        assertEquals(0, handlerHandles());
    }

    private int handlerHandles() {
        return wire.server.openHandles();
    }

    static Throwable assertFailure(Deferred<?> deferred) {
        try {
            value(deferred);
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("did not fail");
    }

    @Test
    void closingEndsTheSessionAndFailsWhatIsLeft() throws Exception {
        client.close();
        assertEquals(0, wire.exitStatus);
        assertEquals(SftpClientState.CLOSED, client.state());
        assertEquals(SftpNumbers.NO_CONNECTION, failure(client.stat("/")).status());
    }

    /** Collects what a download writes. */
    static class Collecting implements Consumer {
        final ByteArrayOutputStream into;
        Producer producer;
        boolean paused;

        Collecting(ByteArrayOutputStream into) {
            this.into = into;
        }

        @Override
        public void registerProducer(Producer producer, boolean streaming) {
            assertTrue(streaming);
            this.producer = producer;
        }

        @Override
        public void unregisterProducer() {
        }

        @Override
        public void write(byte[] data) {
            assertFalse(paused, "written while paused");
            into.writeBytes(data);
        }
    }
}
