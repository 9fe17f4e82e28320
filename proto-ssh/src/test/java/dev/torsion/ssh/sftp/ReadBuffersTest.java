package dev.torsion.ssh.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * READ replies built in arrays used again ({@link ReadBuffers}): a reply handed back is the array
 * the next READ of that length fills, every byte of it the new read's, and a read the file's end
 * cuts short never carries an earlier reply's bytes.
 */
class ReadBuffersTest {
    private static final int LENGTH = 100_000;
    private static final int HEADER = 13;

    @TempDir
    Path dir;
    private final ReadBuffers buffers = new ReadBuffers();
    private SftpRequestHandler handler;
    private SftpHandle handle;
    private byte[] content;

    @BeforeEach
    void setUp() throws Exception {
        content = new byte[3 * LENGTH + 500];
        new Random(5).nextBytes(content);
        Files.write(dir.resolve("data.bin"), content);
        handler = new SftpRequestHandler(new SftpRoot(dir), SftpLimits.DEFAULTS, buffers);
        byte[] opened = handler.handle(unframed(SftpRequests.open(1, "/data.bin", SftpNumbers.OPEN_READ,
                SftpAttributes.NONE)));
        assertEquals(SftpNumbers.HANDLE, opened[4]);
        handle = new SftpHandle(Arrays.copyOfRange(opened, 13, opened.length));
    }

    private static byte[] unframed(byte[] framed) {
        return Arrays.copyOfRange(framed, 4, framed.length);
    }

    private byte[] read(int id, long offset) {
        return handler.handle(unframed(SftpRequests.read(id, handle, offset, LENGTH)));
    }

    /** A DATA reply (section 7) with {@code id} carrying {@code content[offset, offset + length)}. */
    private void assertData(byte[] reply, int id, int offset, int length) {
        ByteBuffer header = ByteBuffer.wrap(reply);
        assertEquals(HEADER + length, reply.length);
        assertEquals(HEADER - 4 + length, header.getInt(0));
        assertEquals(SftpNumbers.DATA, reply[4]);
        assertEquals(id, header.getInt(5));
        assertEquals(length, header.getInt(9));
        assertArrayEquals(Arrays.copyOfRange(content, offset, offset + length),
                Arrays.copyOfRange(reply, HEADER, reply.length));
    }

    @Test
    void aReplyHandedBackIsFilledByTheNextReadOfItsLength() {
        byte[] first = read(2, 0);
        assertData(first, 2, 0, LENGTH);
        byte[] second = read(3, LENGTH);
        assertNotSame(first, second, "the first is still the channel's");
        buffers.give(first);
        assertEquals(1, buffers.kept());
        byte[] third = read(4, 2L * LENGTH);
        assertSame(first, third);
        assertData(third, 4, 2 * LENGTH, LENGTH);
        assertEquals(0, buffers.kept());
    }

    @Test
    void aShortReadAtTheEndIsAnExactArrayWithNothingOfAnEarlierReply() {
        byte[] full = read(2, 0);
        buffers.give(full);
        byte[] tail = read(3, 3L * LENGTH);
        assertNotSame(full, tail);
        assertData(tail, 3, 3 * LENGTH, 500);
        assertEquals(1, buffers.kept(), "the array the short read went into is kept for the next one");
        byte[] end = read(4, content.length);
        assertEquals(SftpNumbers.STATUS, end[4]);
        assertEquals(1, buffers.kept());
    }

    @Test
    void onlyLargeArraysOfTheSizeInUseAreKeptAndOnlySoMany() {
        byte[] reply = read(2, 0);
        buffers.give(new byte[reply.length + 1]);
        buffers.give(new byte[ReadBuffers.MIN_KEPT_SIZE - 1]);
        buffers.give("small".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0, buffers.kept());
        for (int i = 0; i < ReadBuffers.MAX_KEPT + 3; i++) {
            buffers.give(new byte[reply.length]);
        }
        assertEquals(ReadBuffers.MAX_KEPT, buffers.kept());
        // A client that changes its read length: the arrays of the old size are dropped, not lent.
        byte[] other = handler.handle(unframed(SftpRequests.read(3, handle, 0, LENGTH / 2)));
        assertEquals(HEADER + LENGTH / 2, other.length);
        assertEquals(0, buffers.kept());
    }
}
