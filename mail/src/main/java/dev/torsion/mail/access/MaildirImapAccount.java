package dev.torsion.mail.access;

import dev.torsion.defer.Deferred;
import dev.torsion.imap.parse.ModifiedUtf7;
import dev.torsion.imap.server.ImapAccount;
import dev.torsion.imap.server.ImapMailbox;
import dev.torsion.imap.server.MailboxException;
import dev.torsion.imap.server.MailboxInfo;
import dev.torsion.internet.Reactor;
import dev.torsion.mail.maildir.Maildir;
import dev.torsion.mail.maildir.MaildirFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A user's Maildir++ tree as an IMAP account, laid out as Dovecot and Courier lay it: INBOX is
 * the user's Maildir itself, a folder {@code A.B} is the Maildir {@code .A.B} inside it (names
 * in modified UTF-7 on disk), {@code .} is the hierarchy delimiter, subscriptions are the lines
 * of {@code subscriptions}. Sent, Drafts, Trash, Junk and Archive carry their RFC 6154 special
 * use. All file work runs on the reactor's thread pool.
 */
public final class MaildirImapAccount implements ImapAccount {
    private static final Map<String, String> SPECIAL_USE = Map.of("sent", "\\Sent", "drafts", "\\Drafts", "trash", "\\Trash",
            "junk", "\\Junk", "spam", "\\Junk", "archive", "\\Archive");
    private static final String SUBSCRIPTIONS = "subscriptions";

    private final Reactor reactor;
    private final Maildir inbox;

    /** The account whose INBOX is {@code inbox}. */
    public MaildirImapAccount(Reactor reactor, Maildir inbox) {
        this.reactor = reactor;
        this.inbox = inbox;
    }

    @Override
    public char delimiter() {
        return '.';
    }

    @Override
    public Deferred<List<MailboxInfo>> mailboxes() {
        return reactor.deferToThread(() -> {
            Map<String, MailboxInfo> out = new TreeMap<>();
            for (String name : folderNames()) {
                out.put(name, new MailboxInfo(name, specialUse(name)));
                // A parent with no Maildir of its own is listed \Noselect, as Dovecot does.
                int dot = name.lastIndexOf('.');
                while (dot > 0) {
                    out.putIfAbsent(name.substring(0, dot), new MailboxInfo(name.substring(0, dot), Set.of("\\Noselect")));
                    dot = name.lastIndexOf('.', dot - 1);
                }
            }
            List<MailboxInfo> list = new ArrayList<>();
            list.add(new MailboxInfo("INBOX", Set.of()));
            list.addAll(out.values());
            return list;
        });
    }

    private List<String> folderNames() throws IOException {
        List<String> names = new ArrayList<>();
        inbox.create();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(inbox.root())) {
            for (Path entry : entries) {
                String file = entry.getFileName().toString();
                if (file.startsWith(".") && file.length() > 1 && !file.equals("..") && Files.isDirectory(entry.resolve("cur"))) {
                    String name = ModifiedUtf7.decode(file.substring(1));
                    if (name != null) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }

    private static Set<String> specialUse(String name) {
        String use = SPECIAL_USE.get(name.toLowerCase(Locale.ROOT));
        return use == null ? Set.of() : Set.of(use);
    }

    /** The Maildir of a folder name, or a refusal for names that cannot be one. */
    private Path pathOf(String name) {
        if (name.equals("INBOX")) {
            return inbox.root();
        }
        if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..") || name.contains("/")
                || name.regionMatches(true, 0, "INBOX.", 0, 6)) {
            throw new MailboxException("CANNOT", "Invalid mailbox name");
        }
        return inbox.root().resolve("." + ModifiedUtf7.encode(name));
    }

    @Override
    public Deferred<Void> create(String name) {
        return reactor.deferToThread(() -> {
            Path path = pathOf(name);
            if (Files.isDirectory(path.resolve("cur"))) {
                throw new MailboxException("ALREADYEXISTS", "Mailbox exists");
            }
            new Maildir(path).create();
            Files.createFile(path.resolve("maildirfolder"));
            return null;
        });
    }

    @Override
    public Deferred<Void> delete(String name) {
        return reactor.deferToThread(() -> {
            Path path = pathOf(name);
            if (!Files.isDirectory(path.resolve("cur"))) {
                throw new MailboxException("NONEXISTENT", "No such mailbox");
            }
            try (Stream<Path> files = Files.walk(path)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
            return null;
        });
    }

    @Override
    public Deferred<Void> rename(String from, String to) {
        return reactor.deferToThread(() -> {
            if (from.equals("INBOX")) {
                throw new MailboxException("CANNOT", "Renaming INBOX is not supported");
            }
            Path source = pathOf(from);
            Path target = pathOf(to);
            // RFC 3501 §6.3.5: children move with their parent (which may be only a \Noselect level).
            List<String> children = folderNames().stream().filter(n -> n.startsWith(from + ".")).toList();
            boolean exists = Files.isDirectory(source.resolve("cur"));
            if (!exists && children.isEmpty()) {
                throw new MailboxException("NONEXISTENT", "No such mailbox");
            }
            if (Files.exists(target)) {
                throw new MailboxException("ALREADYEXISTS", "Mailbox exists");
            }
            try {
                if (exists) {
                    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
                }
                for (String child : children) {
                    Files.move(pathOf(child), pathOf(to + child.substring(from.length())), StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (FileAlreadyExistsException e) {
                throw new MailboxException("ALREADYEXISTS", "Mailbox exists");
            }
            return null;
        });
    }

    @Override
    public Deferred<Set<String>> subscriptions() {
        return reactor.deferToThread(() -> {
            Path file = inbox.root().resolve(SUBSCRIPTIONS);
            if (!Files.exists(file)) {
                return Set.of();
            }
            Set<String> names = new TreeSet<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    names.add(line.strip());
                }
            }
            return names;
        });
    }

    @Override
    public Deferred<Void> subscribe(String name, boolean subscribed) {
        return subscriptions().addCallbackDeferred(current -> reactor.deferToThread(() -> {
            Set<String> names = new LinkedHashSet<>(current);
            if (subscribed) {
                names.add(name);
            } else {
                names.remove(name);
            }
            Path tmp = inbox.root().resolve(SUBSCRIPTIONS + ".tmp");
            Files.write(tmp, (String.join("\n", names) + "\n").getBytes(StandardCharsets.UTF_8));
            Files.move(tmp, inbox.root().resolve(SUBSCRIPTIONS), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return null;
        }));
    }

    @Override
    public Deferred<ImapMailbox> open(String name) {
        return reactor.deferToThread(() -> {
            Path path = pathOf(name);
            if (!name.equals("INBOX") && !Files.isDirectory(path.resolve("cur"))) {
                throw new MailboxException("NONEXISTENT", "No such mailbox");
            }
            return new MaildirImapMailbox(reactor, new MaildirFolder(new Maildir(path)));
        });
    }
}
