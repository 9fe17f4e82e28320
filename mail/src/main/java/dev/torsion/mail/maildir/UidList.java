package dev.torsion.mail.maildir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The UIDs and mod-sequences of one Maildir folder, kept in {@code torsion-uidlist} in the manner
 * of Dovecot's {@code dovecot-uidlist}. Version 2, written by this class:
 *
 * <pre>
 * 2 V&lt;uidvalidity&gt; N&lt;next uid&gt; M&lt;highest modseq&gt; E&lt;forgotten modseq&gt;
 * &lt;uid&gt; &lt;modseq&gt; :&lt;flag letters&gt; &lt;base name&gt;     one per message, by ascending UID
 * X&lt;modseq&gt; &lt;uid&gt;[,&lt;uid&gt;...]                  one per expunge, oldest first
 * </pre>
 *
 * The flag letters are those the message had when its MODSEQ was last given, so a rename by
 * another program (mutt, mbsync, Dovecot) is seen at the next sync and earns a new MODSEQ. At
 * most {@link #EXPUNGE_MEMORY} expunged UIDs are kept (for QRESYNC's VANISHED (EARLIER), RFC 7162
 * §3.2.5); older ones are forgotten and {@code E} says up to which MODSEQ. Version 1 lists
 * ({@code 1 V N}, then {@code <uid> <base name>}) are read and upgraded: every message gets MODSEQ
 * 1. Written to a temporary file and renamed over the old one, so a reader never sees half a
 * list. Read and written only under the folder's lock.
 */
final class UidList {
    static final String FILE_NAME = "torsion-uidlist";
    /** Expunged UIDs remembered with their MODSEQ. */
    static final int EXPUNGE_MEMORY = 10_000;

    /** One message: its UID, MODSEQ and the flag letters that MODSEQ was given for (null: not known yet). */
    static final class Entry {
        final long uid;
        long modSeq;
        String letters;

        Entry(long uid, long modSeq, String letters) {
            this.uid = uid;
            this.modSeq = modSeq;
            this.letters = letters;
        }
    }

    /** UIDs expunged at one MODSEQ. */
    record Expunge(long modSeq, List<Long> uids) {
    }

    final long uidValidity;
    long nextUid;
    long highestModSeq;
    /** Expunges with a MODSEQ up to this one are forgotten. */
    long forgottenModSeq;
    /** Base name to entry, in ascending UID order. */
    final Map<String, Entry> entries = new LinkedHashMap<>();
    final Deque<Expunge> expunges = new ArrayDeque<>();
    private int expungedCount;

    UidList(long uidValidity, long nextUid, long highestModSeq) {
        this.uidValidity = uidValidity;
        this.nextUid = nextUid;
        this.highestModSeq = highestModSeq;
    }

    /** The list in {@code folder}, or a fresh one (UIDVALIDITY from the clock) when there is none or it is unreadable. */
    static UidList read(Path folder) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(folder.resolve(FILE_NAME), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return fresh();
        }
        try {
            String[] header = lines.get(0).split(" ");
            if (header[0].equals("1") && header[1].startsWith("V") && header[2].startsWith("N")) {
                return readVersion1(header, lines);
            }
            if (header[0].equals("2") && header[1].startsWith("V") && header[2].startsWith("N") && header[3].startsWith("M")
                    && header[4].startsWith("E")) {
                return readVersion2(header, lines);
            }
            return fresh();
        } catch (RuntimeException e) {
            // A damaged list: start a new UIDVALIDITY, as RFC 9051 §2.3.1.1 requires when UIDs cannot be kept.
            return fresh();
        }
    }

    private static UidList readVersion1(String[] header, List<String> lines) {
        UidList list = new UidList(Long.parseLong(header[1].substring(1)), Long.parseLong(header[2].substring(1)), 1);
        for (String line : lines.subList(1, lines.size())) {
            int space = line.indexOf(' ');
            long uid = Long.parseLong(line.substring(0, space));
            if (uid >= list.nextUid) {
                return fresh();
            }
            list.entries.put(line.substring(space + 1), new Entry(uid, 1, null));
        }
        return list;
    }

    private static UidList readVersion2(String[] header, List<String> lines) {
        UidList list = new UidList(Long.parseLong(header[1].substring(1)), Long.parseLong(header[2].substring(1)),
                Long.parseLong(header[3].substring(1)));
        list.forgottenModSeq = Long.parseLong(header[4].substring(1));
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith("X")) {
                String[] parts = line.substring(1).split(" ", 2);
                List<Long> uids = new ArrayList<>();
                for (String uid : parts[1].split(",")) {
                    uids.add(Long.parseLong(uid));
                }
                list.addExpunge(new Expunge(Long.parseLong(parts[0]), uids));
                continue;
            }
            String[] parts = line.split(" ", 4);
            long uid = Long.parseLong(parts[0]);
            long modSeq = Long.parseLong(parts[1]);
            if (uid >= list.nextUid || modSeq > list.highestModSeq || !parts[2].startsWith(":")) {
                return fresh();
            }
            list.entries.put(parts[3], new Entry(uid, modSeq, parts[2].substring(1)));
        }
        return list;
    }

    private static UidList fresh() {
        return new UidList(System.currentTimeMillis() / 1000, 1, 1);
    }

    /** Writes the list atomically and durably (flushed to disk before it replaces the old one). */
    void write(Path folder) throws IOException {
        write(folder, true);
    }

    /**
     * Writes the list atomically, flushed to disk when {@code durable}. Only a change that gave out
     * no UID and forgot no message may skip the flush (a flag change: new letters and MODSEQs):
     * lost in a crash, the next sync finds the letters of the renamed files differ and gives them
     * new MODSEQs again, whereas a lost UID would be given out twice. Dovecot's default
     * ({@code fsync_mode = optimized}) likewise flushes messages, not its index files. The flush
     * held the folder lock for the length of a disk write on every STORE, and every session's
     * sync queued behind it.
     */
    void write(Path folder, boolean durable) throws IOException {
        StringBuilder out = new StringBuilder("2 V").append(uidValidity).append(" N").append(nextUid).append(" M").append(highestModSeq)
                .append(" E").append(forgottenModSeq).append('\n');
        for (Map.Entry<String, Entry> entry : entries.entrySet()) {
            Entry e = entry.getValue();
            out.append(e.uid).append(' ').append(e.modSeq).append(" :").append(e.letters == null ? "" : e.letters).append(' ')
                    .append(entry.getKey()).append('\n');
        }
        for (Expunge expunge : expunges) {
            out.append('X').append(expunge.modSeq()).append(' ');
            for (int i = 0; i < expunge.uids().size(); i++) {
                out.append(i == 0 ? "" : ",").append(expunge.uids().get(i));
            }
            out.append('\n');
        }
        Path tmp = folder.resolve(FILE_NAME + ".tmp." + MaildirNames.unique());
        byte[] data = out.toString().getBytes(StandardCharsets.UTF_8);
        if (durable) {
            Maildir.writeDurably(tmp, data);
        } else {
            Files.write(tmp, data, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        Files.move(tmp, folder.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Gives {@code baseName} the next UID and a new MODSEQ (RFC 7162 §3.1: a new message is a change). */
    long assign(String baseName, String letters) {
        long uid = nextUid++;
        entries.put(baseName, new Entry(uid, nextModSeq(), letters));
        return uid;
    }

    /** The next MODSEQ: every change gets one larger than all before. */
    long nextModSeq() {
        return ++highestModSeq;
    }

    /** Forgets the messages named and remembers their UIDs as expunged at one new MODSEQ; false when none was known. */
    boolean expunge(List<String> baseNames) {
        List<Long> uids = new ArrayList<>();
        for (String base : baseNames) {
            Entry gone = entries.remove(base);
            if (gone != null) {
                uids.add(gone.uid);
            }
        }
        if (uids.isEmpty()) {
            return false;
        }
        uids.sort(null);
        addExpunge(new Expunge(nextModSeq(), uids));
        return true;
    }

    private void addExpunge(Expunge expunge) {
        expunges.addLast(expunge);
        expungedCount += expunge.uids().size();
        while (expungedCount > EXPUNGE_MEMORY) {
            Expunge oldest = expunges.removeFirst();
            expungedCount -= oldest.uids().size();
            forgottenModSeq = Math.max(forgottenModSeq, oldest.modSeq());
        }
    }

    /** The UIDs expunged with a MODSEQ above {@code modSeq}, ascending. */
    List<Long> expungedSince(long modSeq) {
        List<Long> out = new ArrayList<>();
        for (Expunge expunge : expunges) {
            if (expunge.modSeq() > modSeq) {
                out.addAll(expunge.uids());
            }
        }
        out.sort(null);
        return out;
    }
}
