package dev.torsion.mail.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.mail.store.ExpungedSince;
import dev.torsion.mail.store.FlagChanges;
import dev.torsion.mail.store.FolderSnapshot;
import dev.torsion.mail.store.MessageFlag;
import dev.torsion.mail.store.StoredMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MODSEQ in the Maildir store (RFC 7162): bumped by every change, kept in torsion-uidlist across restarts. */
class ModSeqTest {
    @TempDir
    Path temp;

    private static byte[] message(String subject) {
        return ("Subject: " + subject + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private MaildirFolder folder() throws Exception {
        return new MaildirFolder(new Maildir(temp.resolve("alice")));
    }

    private static List<Long> modSeqs(FolderSnapshot snapshot) {
        return snapshot.messages().stream().map(StoredMessage::modSeq).toList();
    }

    @Test
    void everyChangeGetsANewModSeqThatSurvivesARestart() throws Exception {
        MaildirFolder folder = folder();
        folder.maildir().deliver(message("1"));
        folder.maildir().deliver(message("2"));
        FolderSnapshot first = folder.snapshot();
        // A new list starts at 1; each delivery is a change.
        assertEquals(List.of(2L, 3L), modSeqs(first));
        assertEquals(3, first.highestModSeq());
        folder.setFlags(1, EnumSet.of(MessageFlag.SEEN));
        long appended = folder.append(message("3"), Set.of(MessageFlag.FLAGGED));
        folder.delete(List.of(2L));
        FolderSnapshot before = folder.snapshot();
        assertEquals(List.of(4L, 5L), modSeqs(before));
        assertEquals(6, before.highestModSeq(), "the expunge is a change too");

        // A restart: a new folder object (as a new process would make) reads the same MODSEQs.
        FolderSnapshot after = folder().snapshot();
        assertEquals(before, after);
        assertEquals(List.of(1L, appended), after.messages().stream().map(StoredMessage::uid).toList());
        assertEquals(new ExpungedSince(List.of(2L), true), folder().expungedSince(5));
        assertEquals(new ExpungedSince(List.of(), true), folder().expungedSince(6));
        // Setting flags a message already has changes nothing, MODSEQ included.
        folder().setFlags(1, EnumSet.of(MessageFlag.SEEN));
        assertEquals(6, folder().snapshot().highestModSeq());
    }

    @Test
    void aRenameByAnotherProgramIsAChange() throws Exception {
        MaildirFolder folder = folder();
        folder.maildir().deliver(message("1"));
        StoredMessage stored = folder.snapshot().messages().get(0);
        Path cur = folder.maildir().root().resolve("cur");
        // mutt or mbsync marks it read and flagged behind our back.
        Files.move(cur.resolve(stored.key() + ":2,"), cur.resolve(stored.key() + ":2,FS"));
        FolderSnapshot snapshot = folder().snapshot();
        assertEquals(Set.of(MessageFlag.FLAGGED, MessageFlag.SEEN), snapshot.messages().get(0).flags());
        assertEquals(stored.modSeq() + 1, snapshot.messages().get(0).modSeq());
        assertEquals(stored.modSeq() + 1, snapshot.highestModSeq());
        assertEquals(snapshot, folder().snapshot(), "seen once, counted once");
    }

    @Test
    void changeFlagsIsConditional() throws Exception {
        MaildirFolder folder = folder();
        folder.maildir().deliver(message("1"));
        folder.maildir().deliver(message("2"));
        folder.snapshot();
        folder.setFlags(2, EnumSet.of(MessageFlag.ANSWERED));
        // UID 1 has MODSEQ 2, UID 2 now 4: UNCHANGEDSINCE 3 refuses UID 2; UID 99 does not exist.
        FlagChanges changes = folder.changeFlags(List.of(1L, 2L, 99L), flags -> {
            Set<MessageFlag> added = EnumSet.of(MessageFlag.DELETED);
            added.addAll(flags);
            return added;
        }, 3);
        assertEquals(List.of(new FlagChanges.State(1, Set.of(MessageFlag.DELETED), 5)), changes.states());
        assertEquals(List.of(2L), changes.refused());
        assertEquals(List.of(Set.of(MessageFlag.DELETED), Set.of(MessageFlag.ANSWERED)),
                folder().snapshot().messages().stream().map(StoredMessage::flags).toList());
        assertEquals(List.of(1L, 2L), folder.changeFlags(List.of(1L, 2L), flags -> flags, 0).refused(), "UNCHANGEDSINCE 0 refuses all");
    }

    @Test
    void aVersion1ListIsUpgradedKeepingItsUids() throws Exception {
        MaildirFolder folder = folder();
        folder.maildir().deliver(message("1"));
        String key = folder.snapshot().messages().get(0).key();
        Path list = folder.maildir().root().resolve(UidList.FILE_NAME);
        Files.writeString(list, "1 V4242 N8\n7 " + key + "\n");
        FolderSnapshot upgraded = folder().snapshot();
        assertEquals(4242, upgraded.uidValidity());
        assertEquals(7, upgraded.messages().get(0).uid());
        assertEquals(1, upgraded.messages().get(0).modSeq());
        assertTrue(Files.readString(list).startsWith("2 V4242 N8 M1 E0\n7 1 : " + key + "\n"), Files.readString(list));
    }

    @Test
    void aDamagedListStartsANewUidValidity() throws Exception {
        MaildirFolder folder = folder();
        folder.maildir().deliver(message("1"));
        long validity = folder.snapshot().uidValidity();
        Path list = folder.maildir().root().resolve(UidList.FILE_NAME);
        // A MODSEQ above the header's HIGHESTMODSEQ cannot be trusted.
        Files.writeString(list, Files.readString(list).replaceFirst(" M\\d+ ", " M0 "));
        Thread.sleep(1100); // UIDVALIDITY is the time in seconds: let it move
        FolderSnapshot fresh = folder().snapshot();
        assertNotEquals(validity, fresh.uidValidity());
        assertEquals(1, fresh.messages().get(0).uid());
    }

    @Test
    void expungeMemoryIsBounded() throws Exception {
        MaildirFolder folder = folder();
        UidList list = UidList.read(folder.maildir().root());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < UidList.EXPUNGE_MEMORY + 10; i++) {
            String name = "fake" + i;
            list.assign(name, "");
            names.add(name);
        }
        long before = list.highestModSeq;
        for (String name : names) {
            list.expunge(List.of(name));
        }
        list.write(folder.maildir().root());
        UidList read = UidList.read(folder.maildir().root());
        assertEquals(before + 10, read.forgottenModSeq, "the 10 oldest expunges are forgotten");
        assertEquals(UidList.EXPUNGE_MEMORY, read.expungedSince(0).size());
        ExpungedSince tooOld = folder.expungedSince(before);
        assertFalse(tooOld.complete());
        assertTrue(folder.expungedSince(before + 10).complete());
        assertEquals(UidList.EXPUNGE_MEMORY, folder.expungedSince(before + 10).uids().size());
        try (Stream<String> lines = Files.lines(folder.maildir().root().resolve(UidList.FILE_NAME))) {
            assertEquals(UidList.EXPUNGE_MEMORY + 1, lines.count(), "header and one line per expunge");
        }
    }
}
