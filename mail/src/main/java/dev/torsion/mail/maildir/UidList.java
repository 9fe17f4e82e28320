package dev.torsion.mail.maildir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The UIDs of one Maildir folder, kept in {@code torsion-uidlist} in the manner of Dovecot's
 * {@code dovecot-uidlist}: a header {@code 1 V<uidvalidity> N<next uid>}, then one
 * {@code <uid> <base name>} line per message, by ascending UID. Written to a temporary file and
 * renamed over the old one, so a reader never sees half a list. Read and written only under the
 * folder's lock.
 */
final class UidList {
    static final String FILE_NAME = "torsion-uidlist";

    final long uidValidity;
    long nextUid;
    /** Base name to UID, in ascending UID order. */
    final Map<String, Long> uids = new LinkedHashMap<>();

    UidList(long uidValidity, long nextUid) {
        this.uidValidity = uidValidity;
        this.nextUid = nextUid;
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
            if (!header[0].equals("1") || !header[1].startsWith("V") || !header[2].startsWith("N")) {
                return fresh();
            }
            UidList list = new UidList(Long.parseLong(header[1].substring(1)), Long.parseLong(header[2].substring(1)));
            for (String line : lines.subList(1, lines.size())) {
                int space = line.indexOf(' ');
                long uid = Long.parseLong(line.substring(0, space));
                if (uid >= list.nextUid) {
                    return fresh();
                }
                list.uids.put(line.substring(space + 1), uid);
            }
            return list;
        } catch (RuntimeException e) {
            // A damaged list: start a new UIDVALIDITY, as RFC 9051 §2.3.1.1 requires when UIDs cannot be kept.
            return fresh();
        }
    }

    private static UidList fresh() {
        return new UidList(System.currentTimeMillis() / 1000, 1);
    }

    /** Writes the list atomically. */
    void write(Path folder) throws IOException {
        StringBuilder out = new StringBuilder("1 V").append(uidValidity).append(" N").append(nextUid).append('\n');
        for (Map.Entry<String, Long> entry : uids.entrySet()) {
            out.append(entry.getValue()).append(' ').append(entry.getKey()).append('\n');
        }
        Path tmp = folder.resolve(FILE_NAME + ".tmp." + MaildirNames.unique());
        Maildir.writeDurably(tmp, out.toString().getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, folder.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Gives {@code baseName} the next UID. */
    long assign(String baseName) {
        long uid = nextUid++;
        uids.put(baseName, uid);
        return uid;
    }
}
