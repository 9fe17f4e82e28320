package dev.torsion.http.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.server.Request;
import dev.torsion.http.support.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file access log writes off the reactor thread: in order, all of it at close, and a full queue counted, not blocking. */
class FileAccessLogTest {
    @TempDir
    Path root;

    private static final Resource HELLO = new Resource(true) {
        @Override
        protected Rendered renderGET(Request request) {
            return Rendered.body("hi".getBytes(StandardCharsets.US_ASCII));
        }
    };

    private static void serve(AccessLog log, int requests) {
        Site site = new Site(HELLO);
        site.setAccessLog(log);
        Wire wire = new Wire(site);
        for (int i = 0; i < requests; i++) {
            wire.send("GET /r" + i + " HTTP/1.1\r\nHost: a\r\n\r\n");
        }
    }

    @Test
    void flushWaitsForTheLinesLoggedBeforeIt() throws Exception {
        Path file = root.resolve("access.log");
        try (FileAccessLog log = new FileAccessLog(file)) {
            serve(log, 3);
            log.flush();
            List<String> lines = Files.readAllLines(file);
            assertEquals(3, lines.size(), lines.toString());
            for (int i = 0; i < 3; i++) {
                assertTrue(lines.get(i).contains("\"GET /r" + i + " HTTP/1.1\" 200 2 "), lines.get(i));
            }
        }
    }

    @Test
    void closeWritesEveryQueuedLineInOrder() throws Exception {
        Path file = root.resolve("access.log");
        FileAccessLog log = new FileAccessLog(file);
        serve(log, 5000);
        log.close();
        List<String> lines = Files.readAllLines(file);
        assertEquals(5000, lines.size());
        assertTrue(lines.get(4999).contains("\"GET /r4999 HTTP/1.1\" 200 2 "), lines.get(4999));
        assertEquals(0, log.droppedLines());
    }

    @Test
    void reopenAfterTheFileWasMovedSendsLaterLinesToANewFile() throws Exception {
        Path file = root.resolve("access.log");
        Path rotated = root.resolve("access.log.1");
        try (FileAccessLog log = new FileAccessLog(file)) {
            serve(log, 2);
            Files.move(file, rotated);
            log.reopen();
            serve(log, 1);
            log.flush();
            assertEquals(2, Files.readAllLines(rotated).size(), "the lines before the reopen stay in the moved file");
            List<String> fresh = Files.readAllLines(file);
            assertEquals(1, fresh.size(), fresh.toString());
            assertTrue(fresh.get(0).contains("\"GET /r0 HTTP/1.1\""), fresh.get(0));
        }
    }

    @Test
    void aLineAfterCloseIsAppendedAlone() throws Exception {
        Path file = root.resolve("access.log");
        FileAccessLog log = new FileAccessLog(file);
        serve(log, 1);
        log.close();
        serve(log, 1);
        assertEquals(2, Files.readAllLines(file).size());
    }

    @Test
    void aFullQueueDropsAndCountsLinesInsteadOfBlockingTheReactor() throws Exception {
        CountDownLatch diskStuck = new CountDownLatch(1);
        CountDownLatch writing = new CountDownLatch(1);
        ByteArrayOutputStream disk = new ByteArrayOutputStream();
        OutputStream slowDisk = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                writing.countDown();
                try {
                    diskStuck.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                disk.write(bytes, offset, length);
            }
        };
        FileAccessLog log = new FileAccessLog(root.resolve("unused.log"), 4, slowDisk);
        serve(log, 1);
        assertTrue(writing.await(10, TimeUnit.SECONDS), "the writer took the first line");
        // The writer is stuck on the disk: four lines fill the queue, the other six are dropped at once.
        serve(log, 10);
        assertEquals(6, log.droppedLines());
        diskStuck.countDown();
        log.close();
        String written = disk.toString(StandardCharsets.UTF_8);
        assertEquals(5, written.lines().count(), written);
    }
}
