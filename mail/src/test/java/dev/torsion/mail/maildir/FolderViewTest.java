package dev.torsion.mail.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.mail.store.FolderSnapshot;
import dev.torsion.mail.store.MessageFlag;
import dev.torsion.mail.store.StoredMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared view of a folder: reused only while the folder provably has not changed. */
class FolderViewTest {
    @TempDir
    Path temp;

    private static byte[] message(String subject) {
        return ("Subject: " + subject + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Moves the times of cur/ and the UID list 10 s back, as if the folder had been quiet since. */
    private static void settle(Path root) throws IOException {
        FileTime past = FileTime.from(Instant.now().minusSeconds(10));
        Files.setLastModifiedTime(root.resolve("cur"), past);
        Files.setLastModifiedTime(root.resolve(UidList.FILE_NAME), past);
    }

    private static Path onlyFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findFirst().orElseThrow();
        }
    }

    @Test
    void aQuietFolderIsAnsweredFromTheViewWithoutListingIt() throws Exception {
        Maildir maildir = new Maildir(temp.resolve("alice")).create();
        maildir.deliver(message("one"));
        MaildirFolder session1 = new MaildirFolder(maildir);
        FolderSnapshot first = session1.snapshot();
        assertTrue(first.messages().get(0).recent(), "moved out of new/ by this sync");
        assertFalse(FolderView.recorded(maildir.root()), "a sync that moved files records nothing");
        settle(maildir.root());
        FolderSnapshot listed = session1.snapshot();
        assertTrue(FolderView.recorded(maildir.root()));
        MaildirFolder session2 = new MaildirFolder(maildir);
        FolderSnapshot reused = session2.snapshot();
        assertSame(listed, reused);
        assertFalse(reused.messages().get(0).recent());
        // The reused view also tells the second session where the message lies.
        assertEquals("Subject: one", new String(session2.read(reused.messages().get(0).uid()), StandardCharsets.US_ASCII).lines().findFirst().get());
    }

    @Test
    void anotherProgramsRenameAfterTheViewIsSeen() throws Exception {
        Maildir maildir = new Maildir(temp.resolve("alice")).create();
        maildir.deliver(message("one"));
        MaildirFolder folder = new MaildirFolder(maildir);
        folder.snapshot();
        settle(maildir.root());
        FolderSnapshot quiet = folder.snapshot();
        assertEquals(Set.of(), quiet.messages().get(0).flags());
        Path file = onlyFile(maildir.root().resolve("cur"));
        Files.move(file, file.resolveSibling(file.getFileName().toString() + "S"), StandardCopyOption.ATOMIC_MOVE);
        FolderSnapshot after = folder.snapshot();
        assertNotSame(quiet, after);
        StoredMessage message = after.messages().get(0);
        assertEquals(Set.of(MessageFlag.SEEN), message.flags());
        assertTrue(message.modSeq() > quiet.messages().get(0).modSeq());
    }

    @Test
    void aDeliveryAfterTheViewIsSeen() throws Exception {
        Maildir maildir = new Maildir(temp.resolve("alice")).create();
        maildir.deliver(message("one"));
        MaildirFolder folder = new MaildirFolder(maildir);
        folder.snapshot();
        settle(maildir.root());
        folder.snapshot();
        maildir.deliver(message("two"));
        List<StoredMessage> after = folder.snapshot().messages();
        assertEquals(2, after.size());
        assertTrue(after.get(1).recent());
    }

    @Test
    void ourOwnFlagChangeDropsTheView() throws Exception {
        Maildir maildir = new Maildir(temp.resolve("alice")).create();
        maildir.deliver(message("one"));
        MaildirFolder folder = new MaildirFolder(maildir);
        long uid = folder.snapshot().messages().get(0).uid();
        settle(maildir.root());
        folder.snapshot();
        folder.setFlags(uid, Set.of(MessageFlag.FLAGGED));
        assertFalse(FolderView.recorded(maildir.root()));
        assertEquals(Set.of(MessageFlag.FLAGGED), new MaildirFolder(maildir).snapshot().messages().get(0).flags());
    }

    @Test
    void timesTooRecentToRuleOutAChangeInTheSameTickRecordNothing() throws Exception {
        Maildir maildir = new Maildir(temp.resolve("alice")).create();
        maildir.deliver(message("one"));
        MaildirFolder folder = new MaildirFolder(maildir);
        folder.snapshot();
        folder.snapshot();
        assertFalse(FolderView.recorded(maildir.root()));
    }

    @Test
    void aSessionThatMayTellLaterDoesNotWaitForTheLockAnotherHolds() throws Exception {
        Maildir maildir = new Maildir(temp.resolve("alice")).create();
        maildir.deliver(message("one"));
        MaildirFolder folder = new MaildirFolder(maildir);
        folder.snapshot();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            try (FolderLock lock = FolderLock.acquire(maildir.root())) {
                held.countDown();
                release.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        other.start();
        held.await();
        assertNull(folder.snapshotUnlessBusy());
        release.countDown();
        other.join();
        assertEquals(1, folder.snapshotUnlessBusy().messages().size());
    }
}
