package dev.torsion.xmpp.server.roster;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Reactor;
import dev.torsion.xmpp.Jid;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rosters in plain text files, one per account ({@code DIR/<user>.roster}, the name URL-encoded),
 * read and written on the reactor's thread pool so that file I/O never stalls the reactor. A file
 * is replaced atomically (written beside it, then moved over it). Lines, tab-separated with each
 * field URL-encoded:
 * <pre>
 * item  JID  SUBSCRIPTION  ASK(subscribe or -)  NAME(or -)  GROUP,GROUP...
 * pending  JID
 * </pre>
 * Malformed lines are skipped with a warning naming the file and line.
 */
public final class FileRosterStore implements RosterStore {
    private static final Logger log = LoggerFactory.getLogger(FileRosterStore.class);
    private static final String HEADER = "# torsion xmpp roster 1";
    private static final String NONE = "-";

    private final Path directory;
    private final Reactor reactor;

    /** A store in {@code directory} (created when missing), doing its I/O through {@code reactor}. */
    public FileRosterStore(Path directory, Reactor reactor) {
        this.directory = directory;
        this.reactor = reactor;
    }

    @Override
    public Deferred<Roster> load(String user) {
        Path file = fileOf(user);
        return reactor.deferToThread(() -> read(file));
    }

    @Override
    public Deferred<Void> save(String user, Roster roster) {
        Path file = fileOf(user);
        return reactor.deferToThread(() -> {
            write(file, roster);
            return null;
        });
    }

    private Path fileOf(String user) {
        return directory.resolve(encode(user) + ".roster");
    }

    static Roster read(Path file) throws IOException {
        Roster roster = new Roster();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return roster;
        }
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (!readLine(roster, line.split("\t", -1))) {
                log.warn("roster file {} line {}: malformed, skipped", file, number);
            }
        }
        return roster;
    }

    private static boolean readLine(Roster roster, String[] fields) {
        try {
            if (fields[0].equals("pending") && fields.length == 2) {
                Jid jid = Jid.parse(decode(fields[1]));
                return jid != null && roster.addPendingIn(jid.bare());
            }
            if (!fields[0].equals("item") || fields.length != 6) {
                return false;
            }
            Jid jid = Jid.parse(decode(fields[1]));
            Subscription subscription = Subscription.of(fields[2]);
            if (jid == null || subscription == null) {
                return false;
            }
            List<String> groups = new ArrayList<>();
            if (!fields[5].isEmpty()) {
                for (String group : fields[5].split(",")) {
                    groups.add(decode(group));
                }
            }
            String name = fields[4].equals(NONE) ? null : decode(fields[4]);
            roster.put(new RosterItem(jid.bare(), name, subscription, fields[3].equals("subscribe"), groups));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static void write(Path file, Roster roster) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (RosterItem item : roster.items()) {
            List<String> groups = new ArrayList<>();
            for (String group : item.groups()) {
                groups.add(encode(group));
            }
            out.append("item\t").append(encode(item.jid().toString())).append('\t').append(item.subscription().value())
                    .append('\t').append(item.ask() ? "subscribe" : NONE)
                    .append('\t').append(item.name() == null ? NONE : encode(item.name()))
                    .append('\t').append(String.join(",", groups)).append('\n');
        }
        for (Jid pending : roster.pendingIn()) {
            out.append("pending\t").append(encode(pending.toString())).append('\n');
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, out, StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String encode(String text) {
        // "-" alone means "none", so a name that is exactly "-" is written escaped.
        String encoded = URLEncoder.encode(text, StandardCharsets.UTF_8);
        return encoded.equals(NONE) ? "%2D" : encoded;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
