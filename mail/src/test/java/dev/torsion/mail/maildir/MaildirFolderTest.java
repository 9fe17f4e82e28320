package dev.torsion.mail.maildir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.mail.store.MessageFlag;
import dev.torsion.mail.store.StoredMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaildirFolderTest {
    @TempDir
    Path temp;

    private static byte[] message(String subject) {
        return ("Subject: " + subject + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void deliveryGoesThroughTmpIntoNew() throws Exception {
        Maildir maildir = new Maildir(temp.resolve("alice")).create();
        String name = maildir.deliver(message("one"));
        assertArrayEquals(message("one"), Files.readAllBytes(maildir.root().resolve("new").resolve(name)));
        assertEquals(0, count(maildir.root().resolve("tmp")));
        assertTrue(name.matches("\\d+\\.M\\d+P\\d+Q\\d+R[0-9a-f]{16}\\..+"), name);
        assertFalse(name.equals(maildir.deliver(message("two"))));
    }

    @Test
    void anAbortedDeliveryLeavesNothing() throws Exception {
        Maildir maildir = new Maildir(temp.resolve("alice")).create();
        TmpMessage tmp = maildir.startDelivery();
        tmp.write(message("half"));
        assertEquals(0, count(maildir.root().resolve("new")), "nothing visible before the commit");
        tmp.abort();
        assertEquals(0, count(maildir.root().resolve("tmp")));
        assertEquals(0, count(maildir.root().resolve("new")));
    }

    @Test
    void uidsAreAssignedInDeliveryOrderAndPersisted() throws Exception {
        MaildirFolder folder = new MaildirFolder(new Maildir(temp.resolve("alice")));
        long validity = folder.uidValidity();
        folder.maildir().deliver(message("1"));
        folder.maildir().deliver(message("2"));
        List<StoredMessage> first = folder.sync();
        assertEquals(List.of(1L, 2L), first.stream().map(StoredMessage::uid).toList());
        assertTrue(first.get(0).recent(), "first seen by this sync");
        assertEquals(0, count(folder.maildir().root().resolve("new")), "moved to cur/");
        folder.maildir().deliver(message("3"));

        MaildirFolder again = new MaildirFolder(new Maildir(temp.resolve("alice")));
        List<StoredMessage> second = again.sync();
        assertEquals(List.of(1L, 2L, 3L), second.stream().map(StoredMessage::uid).toList());
        assertEquals(first.get(0).key(), second.get(0).key());
        assertFalse(second.get(0).recent());
        assertTrue(second.get(2).recent());
        assertEquals(validity, again.uidValidity());
        assertEquals(4, again.uidNext());
        assertArrayEquals(message("2"), again.read(2));
        assertEquals(message("3").length, second.get(2).size());
    }

    @Test
    void flagsLiveInTheFileName() throws Exception {
        MaildirFolder folder = new MaildirFolder(new Maildir(temp.resolve("alice")));
        folder.maildir().deliver(message("1"));
        StoredMessage stored = folder.sync().get(0);
        folder.setFlags(stored.uid(), EnumSet.of(MessageFlag.SEEN, MessageFlag.ANSWERED));
        try (Stream<Path> files = Files.list(folder.maildir().root().resolve("cur"))) {
            assertEquals(stored.key() + ":2,RS", files.findFirst().orElseThrow().getFileName().toString());
        }
        assertEquals(Set.of(MessageFlag.SEEN, MessageFlag.ANSWERED), folder.sync().get(0).flags());
        assertArrayEquals(message("1"), folder.read(stored.uid()));
    }

    @Test
    void deletedUidsAreNeverReused() throws Exception {
        MaildirFolder folder = new MaildirFolder(new Maildir(temp.resolve("alice")));
        folder.maildir().deliver(message("1"));
        folder.maildir().deliver(message("2"));
        folder.sync();
        folder.delete(List.of(2L));
        assertThrows(NoSuchFileException.class, () -> folder.read(2));
        folder.maildir().deliver(message("3"));
        assertEquals(List.of(1L, 3L), folder.sync().stream().map(StoredMessage::uid).toList());
        long appended = folder.append(message("4"), EnumSet.of(MessageFlag.SEEN));
        assertEquals(4, appended);
        assertEquals(Set.of(MessageFlag.SEEN), folder.sync().get(2).flags());
    }

    @Test
    void aFileRemovedBehindOurBackIsDropped() throws Exception {
        MaildirFolder folder = new MaildirFolder(new Maildir(temp.resolve("alice")));
        folder.maildir().deliver(message("1"));
        StoredMessage stored = folder.sync().get(0);
        try (Stream<Path> files = Files.list(folder.maildir().root().resolve("cur"))) {
            Files.delete(files.findFirst().orElseThrow());
        }
        assertTrue(folder.sync().isEmpty());
        assertThrows(NoSuchFileException.class, () -> folder.read(stored.uid()));
    }

    @Test
    void concurrentDeliveriesAndSessionsAgreeOnUids() throws Exception {
        Path root = temp.resolve("alice");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                work.add(pool.submit((Callable<Void>) () -> {
                    MaildirFolder folder = new MaildirFolder(new Maildir(root));
                    for (int i = 0; i < 50; i++) {
                        folder.maildir().deliver(message("t" + thread + " " + i));
                    }
                    return null;
                }));
            }
            List<Future<List<StoredMessage>>> views = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                views.add(pool.submit(() -> {
                    MaildirFolder folder = new MaildirFolder(new Maildir(root));
                    List<StoredMessage> last = List.of();
                    for (int i = 0; i < 30; i++) {
                        last = folder.sync();
                    }
                    return last;
                }));
            }
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
            for (Future<List<StoredMessage>> view : views) {
                view.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertConsistent(root, 200);
    }

    @Test
    void concurrentDeliveriesFromOtherProcesses() throws Exception {
        Path root = temp.resolve("shared");
        new MaildirFolder(new Maildir(root));
        List<Process> children = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            children.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), DeliverAndSync.class.getName(), root.toString(), "60", "p" + p)
                    .redirectErrorStream(true).redirectOutput(temp.resolve("child" + p + ".log").toFile()).start());
        }
        MaildirFolder folder = new MaildirFolder(new Maildir(root));
        Map<String, Long> seen = new HashMap<>();
        while (children.stream().anyMatch(Process::isAlive)) {
            for (StoredMessage m : folder.sync()) {
                Long before = seen.putIfAbsent(m.key(), m.uid());
                assertTrue(before == null || before == m.uid(), "UID of " + m.key() + " changed");
            }
            children.get(0).waitFor(20, TimeUnit.MILLISECONDS);
        }
        for (Process child : children) {
            assertEquals(0, child.waitFor(), Files.readString(temp.resolve("child" + children.indexOf(child) + ".log")));
        }
        assertConsistent(root, 120);
    }

    /** Every delivered message is there once, with distinct UIDs that agree with the persisted list. */
    private static void assertConsistent(Path root, int expected) throws IOException {
        List<StoredMessage> all = new MaildirFolder(new Maildir(root)).sync();
        assertEquals(expected, all.size());
        Set<Long> uids = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (StoredMessage m : all) {
            assertTrue(uids.add(m.uid()));
            assertTrue(keys.add(m.key()));
        }
        assertEquals(expected, all.get(all.size() - 1).uid(), "UIDs 1..n with no gaps");
        assertEquals(0, count(root.resolve("tmp")));
        List<StoredMessage> again = new MaildirFolder(new Maildir(root)).sync();
        assertEquals(all.stream().map(StoredMessage::uid).toList(), again.stream().map(StoredMessage::uid).toList());
    }

    @Test
    void flagChangesKeepKeywordLettersOfOtherPrograms(@TempDir Path dir) throws Exception {
        Maildir maildir = new Maildir(dir.resolve("kw")).create();
        Files.writeString(maildir.root().resolve("cur").resolve("1700000000.M1P1Q1.host:2,Sab"), "Subject: k\r\n\r\nk\r\n");
        MaildirFolder folder = new MaildirFolder(maildir);
        long uid = folder.sync().get(0).uid();
        folder.setFlags(uid, EnumSet.of(MessageFlag.FLAGGED, MessageFlag.SEEN));
        try (Stream<Path> files = Files.list(maildir.root().resolve("cur"))) {
            assertEquals(List.of("1700000000.M1P1Q1.host:2,FSab"), files.map(p -> p.getFileName().toString()).toList());
        }
    }
}
