package dev.torsion.mail.maildir;

import dev.torsion.mail.store.ExpungedSince;
import dev.torsion.mail.store.FlagChanges;
import dev.torsion.mail.store.FolderSnapshot;
import dev.torsion.mail.store.MailFolder;
import dev.torsion.mail.store.MessageFlag;
import dev.torsion.mail.store.StoredMessage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A {@link MailFolder} on a Maildir: messages found in {@code new/} are moved to {@code cur/} (as
 * Dovecot does when a session first sees them, which makes them {@code \Recent} for that session),
 * flags live in the file name after {@code :2,}, UIDs, UIDVALIDITY and MODSEQs (RFC 7162) in
 * {@link UidList}. Every
 * change happens under the folder's {@link FolderLock}, so sessions in several threads and
 * processes, and deliveries at the same time, stay consistent.
 */
public final class MaildirFolder implements MailFolder {
    private final Maildir maildir;
    /**
     * UID to current file name as the last sync (or flag change) saw them: reads go straight to the
     * file without the lock (Maildir messages never change once delivered), and fall back to the
     * locked lookup when another process renamed or removed it meanwhile.
     */
    private final Map<Long, String> knownFiles = new ConcurrentHashMap<>();
    /**
     * Size and modification time (INTERNALDATE) by base name: they never change once a message is
     * delivered, so a sync reads them from the disk once per message, not once per command.
     */
    private final Map<String, FileFacts> facts;
    private final MessageCache cache = MessageCache.shared();
    /** What this process last found in the folder, shared with every other session on it. */
    private final FolderView.Shared shared;
    /** The shared view whose file names {@link #knownFiles} holds, so that a reused view is copied in once. */
    private FolderView.View loaded;

    /** A message's size and arrival time. */
    record FileFacts(long size, Instant received) {
    }

    /** The folder on {@code maildir}, which is created if missing. */
    public MaildirFolder(Maildir maildir) throws IOException {
        this.maildir = maildir.create();
        this.shared = FolderView.of(this.maildir.root());
        this.facts = shared.facts;
    }

    /** The Maildir underneath. */
    public Maildir maildir() {
        return maildir;
    }

    @Override
    public long uidValidity() throws IOException {
        try (FolderLock lock = FolderLock.acquire(maildir.root())) {
            UidList list = UidList.read(maildir.root());
            if (!Files.exists(maildir.root().resolve(UidList.FILE_NAME))) {
                FolderView.invalidate(shared);
                list.write(maildir.root());
            }
            return list.uidValidity;
        }
    }

    @Override
    public long uidNext() throws IOException {
        try (FolderLock lock = FolderLock.acquire(maildir.root())) {
            return UidList.read(maildir.root()).nextUid;
        }
    }

    @Override
    public List<StoredMessage> sync() throws IOException {
        return snapshot().messages();
    }

    /**
     * {@link #snapshot()}, or null when that would wait for another thread of this process that
     * holds the folder lock (a flag change or delivery in progress) and the recorded view does not
     * answer. Sessions that may tell changes later ask so.
     */
    public FolderSnapshot snapshotUnlessBusy() throws IOException {
        FolderView.View view = FolderView.current(maildir.root(), shared);
        if (view == null && FolderLock.busy(maildir.root())) {
            return null;
        }
        return snapshot();
    }

    /**
     * The folder now: from the view this process recorded when the folder provably has not changed
     * since ({@link FolderView}), without the lock; otherwise a full sync under the lock.
     */
    @Override
    public FolderSnapshot snapshot() throws IOException {
        FolderView.View view = FolderView.current(maildir.root(), shared);
        if (view != null) {
            if (loaded != view) {
                knownFiles.putAll(view.files());
                loaded = view;
            }
            return view.snapshot();
        }
        try (FolderLock lock = FolderLock.acquire(maildir.root())) {
            return syncLocked();
        }
    }

    /**
     * Brings the UID list up to the directory: new files get UIDs (in delivery order) and a
     * MODSEQ, files whose flag letters another program changed get a new MODSEQ, files gone are
     * remembered as expunged (RFC 7162 §3.1: every change to a message is a new mod-sequence).
     */
    private FolderSnapshot syncLocked() throws IOException {
        Path root = maildir.root();
        // Taken before anything is read: a change after this moves the times away from the recorded ones.
        Instant listedAt = Instant.now();
        FolderView.Stamp stamp = FolderView.stamp(root);
        UidList list = UidList.read(root);
        boolean changed = !Files.exists(root.resolve(UidList.FILE_NAME));
        Map<String, String> recentNames = moveNewToCur();
        Map<String, String> files = listCur();
        // New base names get UIDs in delivery order (names start with the delivery time); only they
        // need sorting, which parses each name: sorting every name on every sync dominated it.
        List<String> arrived = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            String base = file.getKey();
            String letters = MaildirNames.flagLetters(file.getValue());
            UidList.Entry entry = list.entries.get(base);
            if (entry == null) {
                arrived.add(base);
            } else if (entry.letters == null) {
                // Upgraded from a list without letters: these are the letters its MODSEQ stands for.
                entry.letters = letters;
                changed = true;
            } else if (!entry.letters.equals(letters)) {
                entry.modSeq = list.nextModSeq();
                entry.letters = letters;
                changed = true;
            }
        }
        arrived.sort(MaildirNames.DELIVERY_ORDER);
        for (String base : arrived) {
            list.assign(base, MaildirNames.flagLetters(files.get(base)));
            changed = true;
        }
        List<String> gone = new ArrayList<>(list.entries.keySet());
        gone.removeAll(files.keySet());
        changed |= list.expunge(gone);
        if (changed) {
            list.write(root);
        }
        List<StoredMessage> messages = new ArrayList<>(list.entries.size());
        knownFiles.clear();
        for (Map.Entry<String, UidList.Entry> entry : list.entries.entrySet()) {
            String fileName = files.get(entry.getKey());
            UidList.Entry e = entry.getValue();
            knownFiles.put(e.uid, fileName);
            FileFacts known = facts.get(entry.getKey());
            if (known == null) {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(root.resolve("cur").resolve(fileName),
                            BasicFileAttributes.class);
                    known = new FileFacts(attributes.size(), attributes.lastModifiedTime().toInstant());
                } catch (NoSuchFileException ex) {
                    continue;
                }
                facts.put(entry.getKey(), known);
            }
            messages.add(new StoredMessage(e.uid, entry.getKey(), known.size(), MessageFlag.fromLetters(e.letters),
                    recentNames.containsKey(entry.getKey()), known.received(), e.modSeq));
        }
        facts.keySet().retainAll(list.entries.keySet());
        messages.sort((a, b) -> Long.compare(a.uid(), b.uid()));
        FolderSnapshot snapshot = new FolderSnapshot(list.uidValidity, list.nextUid, list.highestModSeq, messages);
        if (changed || !recentNames.isEmpty()) {
            // This sync changed the folder itself: the times recorded before it are stale.
            FolderView.invalidate(shared);
        } else {
            FolderView.record(shared, stamp, listedAt, snapshot, knownFiles);
            loaded = null;
        }
        return snapshot;
    }

    /** Moves every file of {@code new/} to {@code cur/} with an empty info part; returns base name to new file name. */
    private Map<String, String> moveNewToCur() throws IOException {
        Map<String, String> moved = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(maildir.root().resolve("new"))) {
            for (Path file : entries) {
                String name = file.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                String base = MaildirNames.baseName(name);
                String target = base + ":2," + MaildirNames.flagLetters(name);
                try {
                    Files.move(file, maildir.root().resolve("cur").resolve(target), StandardCopyOption.ATOMIC_MOVE);
                    moved.put(base, target);
                } catch (NoSuchFileException e) {
                    // Another process moved it first (it holds no lock of ours while delivering).
                }
            }
        }
        return moved;
    }

    /** Base name to file name for everything in {@code cur/}. */
    private Map<String, String> listCur() throws IOException {
        Map<String, String> files = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(maildir.root().resolve("cur"))) {
            for (Path file : entries) {
                String name = file.getFileName().toString();
                if (!name.startsWith(".")) {
                    files.put(MaildirNames.baseName(name), name);
                }
            }
        }
        return files;
    }

    @Override
    public byte[] read(long uid) throws IOException {
        String known = knownFiles.get(uid);
        if (known != null) {
            byte[] cached = cache.get(maildir.root(), MaildirNames.baseName(known));
            if (cached != null) {
                return cached;
            }
            try {
                return kept(known, Files.readAllBytes(maildir.root().resolve("cur").resolve(known)));
            } catch (NoSuchFileException e) {
                // Renamed (new flags) or removed by another session since: look it up under the lock.
            }
        }
        try (FolderLock lock = FolderLock.acquire(maildir.root())) {
            Path file = fileOf(uid);
            return kept(file.getFileName().toString(), Files.readAllBytes(file));
        }
    }

    @Override
    public byte[] cached(long uid) {
        String known = knownFiles.get(uid);
        return known == null ? null : cache.get(maildir.root(), MaildirNames.baseName(known));
    }

    /** Keeps a message just read in the shared cache, by its base name (the one part that never changes). */
    private byte[] kept(String fileName, byte[] message) {
        cache.put(maildir.root(), MaildirNames.baseName(fileName), message);
        return message;
    }

    @Override
    public void setFlags(long uid, Set<MessageFlag> flags) throws IOException {
        changeFlags(List.of(uid), old -> flags, Long.MAX_VALUE);
    }

    @Override
    public FlagChanges changeFlags(Collection<Long> uids, UnaryOperator<Set<MessageFlag>> change, long unchangedSince) throws IOException {
        try (FolderLock lock = FolderLock.acquire(maildir.root())) {
            Path cur = maildir.root().resolve("cur");
            UidList list = UidList.read(maildir.root());
            Map<String, String> files = listCur();
            Map<Long, String> bases = new HashMap<>();
            list.entries.forEach((base, entry) -> bases.put(entry.uid, base));
            List<FlagChanges.State> states = new ArrayList<>();
            List<Long> refused = new ArrayList<>();
            boolean changed = false;
            for (long uid : uids) {
                String base = bases.get(uid);
                String name = base == null ? null : files.get(base);
                if (name == null) {
                    continue;
                }
                UidList.Entry entry = list.entries.get(base);
                String letters = MaildirNames.flagLetters(name);
                if (!letters.equals(entry.letters)) {
                    // Renamed behind our back since the last sync: that change is newer than any MODSEQ the client knows.
                    entry.modSeq = list.nextModSeq();
                    entry.letters = letters;
                    changed = true;
                }
                if (entry.modSeq > unchangedSince) {
                    refused.add(uid);
                    continue;
                }
                String target = mergeLetters(MessageFlag.toLetters(change.apply(MessageFlag.fromLetters(letters))), letters);
                if (!target.equals(letters)) {
                    FolderView.invalidate(shared);
                    String targetName = base + ":2," + target;
                    Files.move(cur.resolve(name), cur.resolve(targetName), StandardCopyOption.ATOMIC_MOVE);
                    knownFiles.put(uid, targetName);
                    entry.modSeq = list.nextModSeq();
                    entry.letters = target;
                    changed = true;
                }
                states.add(new FlagChanges.State(uid, MessageFlag.fromLetters(entry.letters), entry.modSeq));
            }
            if (changed) {
                FolderView.invalidate(shared);
                // Only letters and MODSEQs changed: no UID to lose (see UidList.write).
                list.write(maildir.root(), false);
            }
            return new FlagChanges(states, refused);
        }
    }

    @Override
    public ExpungedSince expungedSince(long modSeq) throws IOException {
        try (FolderLock lock = FolderLock.acquire(maildir.root())) {
            UidList list = UidList.read(maildir.root());
            return new ExpungedSince(list.expungedSince(modSeq), modSeq >= list.forgottenModSeq);
        }
    }

    /**
     * The new system letters with the keyword letters ({@code a}-{@code z}, Dovecot's
     * {@code dovecot-keywords}) the file already had, in ASCII order as the Maildir spec asks: a
     * flag change here never drops a keyword another program set.
     */
    private static String mergeLetters(String system, String old) {
        StringBuilder keywords = new StringBuilder();
        old.chars().filter(c -> c >= 'a' && c <= 'z').sorted().distinct().forEach(c -> keywords.append((char) c));
        return system + keywords;
    }

    @Override
    public void delete(Collection<Long> uids) throws IOException {
        try (FolderLock lock = FolderLock.acquire(maildir.root())) {
            FolderView.invalidate(shared);
            UidList list = UidList.read(maildir.root());
            Map<String, String> files = listCur();
            Map<Long, String> bases = basesByUid(list);
            List<String> doomed = new ArrayList<>();
            for (long uid : uids) {
                String base = bases.get(uid);
                if (base != null && files.containsKey(base)) {
                    Files.deleteIfExists(maildir.root().resolve("cur").resolve(files.get(base)));
                }
                if (base != null) {
                    cache.remove(maildir.root(), base);
                }
                if (base != null) {
                    doomed.add(base);
                }
                knownFiles.remove(uid);
            }
            list.expunge(doomed);
            list.write(maildir.root());
        }
    }

    @Override
    public long append(byte[] message, Set<MessageFlag> flags, Instant received) throws IOException {
        String base = MaildirNames.unique();
        Path tmp = maildir.root().resolve("tmp").resolve(base);
        Maildir.writeDurably(tmp, message);
        // The modification time is the message's INTERNALDATE, as Dovecot reads it.
        Files.setLastModifiedTime(tmp, FileTime.from(received));
        try (FolderLock lock = FolderLock.acquire(maildir.root())) {
            FolderView.invalidate(shared);
            maildir.publish(tmp, maildir.root().resolve("cur").resolve(base + ":2," + MessageFlag.toLetters(flags)));
            syncLocked();
            return UidList.read(maildir.root()).entries.get(base).uid;
        }
    }

    /** The current file of {@code uid} (called under the lock); fails with NoSuchFileException when it is gone. */
    private Path fileOf(long uid) throws IOException {
        Path file = knownFile(uid);
        if (file == null) {
            refreshKnownFiles();
            file = knownFile(uid);
        }
        if (file == null) {
            throw new NoSuchFileException("no message with UID " + uid + " in " + maildir.root());
        }
        return file;
    }

    /** The file {@link #knownFiles} names for {@code uid}, if it is still there. */
    private Path knownFile(long uid) {
        String known = knownFiles.get(uid);
        Path file = known == null ? null : maildir.root().resolve("cur").resolve(known);
        return file != null && Files.exists(file) ? file : null;
    }

    /**
     * Reads every UID's current file name again (one UID list read, one listing of {@code cur/}),
     * under the lock. A stale name usually means another session changed the flags of many
     * messages (STORE 1:*), so refreshing them all at once keeps such a STORE linear: looking each
     * one up alone read the whole folder once per message.
     */
    private void refreshKnownFiles() throws IOException {
        UidList list = UidList.read(maildir.root());
        Map<String, String> files = listCur();
        knownFiles.clear();
        for (Map.Entry<String, UidList.Entry> entry : list.entries.entrySet()) {
            String fileName = files.get(entry.getKey());
            if (fileName != null) {
                knownFiles.put(entry.getValue().uid, fileName);
            }
        }
    }

    private static Map<Long, String> basesByUid(UidList list) {
        Map<Long, String> bases = new HashMap<>();
        list.entries.forEach((base, entry) -> bases.put(entry.uid, base));
        return bases;
    }
}
