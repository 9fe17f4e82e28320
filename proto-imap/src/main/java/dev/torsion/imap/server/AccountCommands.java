package dev.torsion.imap.server;

import dev.torsion.defer.Deferred;
import dev.torsion.imap.parse.ImapCommand;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The commands of the authenticated state (RFC 3501 §6.3): SELECT, EXAMINE, CREATE, DELETE,
 * RENAME, SUBSCRIBE, UNSUBSCRIBE, LIST (with CHILDREN and SPECIAL-USE, RFC 6154), LSUB, STATUS,
 * APPEND (with APPENDUID, RFC 4315); SELECT's CONDSTORE and QRESYNC parameters (RFC 7162).
 */
final class AccountCommands {
    private final CommandContext session;

    AccountCommands(CommandContext session) {
        this.session = session;
    }

    /**
     * SELECT or EXAMINE (RFC 3501 §6.3.1, §6.3.2) with CONDSTORE (RFC 7162 §3.1.8: HIGHESTMODSEQ or
     * NOMODSEQ) and QRESYNC (§3.2.5: VANISHED (EARLIER) and FETCH for what changed since the
     * client's HIGHESTMODSEQ, when its UIDVALIDITY is still right). A mailbox selected before is
     * closed first, told with {@code [CLOSED]} (RFC 7162 §3.2.11); a failed SELECT leaves none
     * selected.
     */
    Deferred<Completion> select(ImapCommand.Select command) {
        if (command.qresync() != null && !session.qresync()) {
            return Deferred.succeed(Completion.bad("QRESYNC is not enabled"));
        }
        if (session.selected() != null) {
            session.select(null);
            session.write("* OK [CLOSED] Previous mailbox closed\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        if (command.condStore()) {
            session.enableCondStore();
        }
        boolean readOnly = command.readOnly();
        return session.account().open(command.mailbox()).addCallbackDeferred(mailbox -> mailbox.sync().addCallbackDeferred(snapshot -> {
            SelectedMailbox view = new SelectedMailbox(command.mailbox(), mailbox, readOnly, snapshot, session.rev2());
            ResponseBuilder out = new ResponseBuilder();
            Set<String> flags = new LinkedHashSet<>(Flags.SYSTEM);
            flags.addAll(mailbox.permanentFlags());
            flags.remove("\\*");
            out.raw("* FLAGS ").raw(Flags.list(flags)).crlf();
            out.raw("* OK [PERMANENTFLAGS ").raw(readOnly ? "()" : Flags.list(mailbox.permanentFlags())).raw("] Flags permitted").crlf();
            out.raw("* " + view.exists() + " EXISTS").crlf();
            if (session.rev2()) {
                // RFC 9051 §6.3.2: no RECENT and no UNSEEN, but the mailbox's LIST (its name as the server has it).
                out.raw("* LIST () ").string(String.valueOf(session.account().delimiter())).sp().string(session.wireName(command.mailbox()))
                        .crlf();
            } else {
                out.raw("* " + view.recentCount() + " RECENT").crlf();
                if (view.firstUnseen() > 0) {
                    out.raw("* OK [UNSEEN " + view.firstUnseen() + "] First unseen").crlf();
                }
            }
            out.raw("* OK [UIDVALIDITY " + view.uidValidity() + "] UIDs valid").crlf();
            out.raw("* OK [UIDNEXT " + view.uidNext() + "] Predicted next UID").crlf();
            if (session.condStore()) {
                out.raw(view.modSeqStatus());
            }
            session.write(out.bytes());
            session.select(view);
            Completion done = Completion.ok(readOnly ? "READ-ONLY" : "READ-WRITE", (readOnly ? "EXAMINE" : "SELECT") + " completed");
            ImapCommand.Qresync qresync = command.qresync();
            if (qresync == null || qresync.uidValidity() != view.uidValidity() || view.highestModSeq() == 0) {
                // RFC 7162 §3.2.5: with another UIDVALIDITY the client's cache is void; it gets a plain SELECT.
                return Deferred.succeed(done);
            }
            return resync(view, qresync).addCallback(v -> done);
        }));
    }

    /** QRESYNC's catching up (RFC 7162 §3.2.5): VANISHED (EARLIER) first, then FETCH for every message changed since. */
    private Deferred<Void> resync(SelectedMailbox view, ImapCommand.Qresync qresync) {
        return view.mailbox().expungedSince(qresync.modSeq()).addCallback(expunged -> {
            ResponseBuilder out = new ResponseBuilder();
            List<Long> present = view.uids();
            long largest = present.isEmpty() ? 0 : present.get(present.size() - 1);
            String vanished = expunged.complete()
                    ? VanishedUids.remembered(expunged.uids(), qresync.knownUids(), largest, present)
                    : VanishedUids.missing(qresync.knownUids(), largest, view.uidNext(), present);
            if (!vanished.isEmpty()) {
                out.raw("* VANISHED (EARLIER) " + vanished).crlf();
            }
            for (int seq = 1; seq <= view.exists(); seq++) {
                MessageInfo message = view.at(seq);
                if (message.modSeq() > qresync.modSeq() && (qresync.knownUids() == null || qresync.knownUids().contains(message.uid(), largest))) {
                    out.raw(view.flagsResponse(seq, true, true));
                }
            }
            session.write(out.bytes());
            return null;
        });
    }

    Deferred<Completion> create(String name) {
        if (name.isEmpty() || name.equals("INBOX")) {
            return Deferred.succeed(Completion.no("ALREADYEXISTS", "Mailbox exists"));
        }
        String trimmed = stripDelimiter(name);
        return session.account().create(trimmed).addCallback(v -> Completion.ok("CREATE completed"));
    }

    /** RFC 3501 §6.3.3: a trailing delimiter only says the client means to create children. */
    private String stripDelimiter(String name) {
        char delimiter = session.account().delimiter();
        return name.charAt(name.length() - 1) == delimiter ? name.substring(0, name.length() - 1) : name;
    }

    Deferred<Completion> delete(String name) {
        if (name.equals("INBOX")) {
            return Deferred.succeed(Completion.no("CANNOT", "INBOX cannot be deleted"));
        }
        if (session.selected() != null && session.selected().name().equals(name)) {
            session.select(null);
        }
        return session.account().delete(name).addCallback(v -> Completion.ok("DELETE completed"))
                .addErrbackDeferred(failure -> failure.value() instanceof MailboxException e && "NONEXISTENT".equals(e.code())
                        ? hasChildren(name, e) : Deferred.fail(failure));
    }

    /**
     * A name that is no mailbox but has mailboxes below it (a \Noselect level) cannot be deleted:
     * {@code NO [HASCHILDREN]} (RFC 9051 §6.3.4, §7.1); otherwise the NONEXISTENT refusal stands.
     */
    private Deferred<Completion> hasChildren(String name, MailboxException nonexistent) {
        String prefix = name + session.account().delimiter();
        return session.account().mailboxes().addCallback(all -> {
            if (all.stream().anyMatch(m -> m.name().startsWith(prefix))) {
                return Completion.no("HASCHILDREN", "Mailbox has children; delete them first");
            }
            throw nonexistent;
        });
    }

    Deferred<Completion> rename(String from, String to) {
        if (to.equals("INBOX")) {
            return Deferred.succeed(Completion.no("ALREADYEXISTS", "INBOX exists"));
        }
        return session.account().rename(from, stripDelimiter(to)).addCallback(v -> Completion.ok("RENAME completed"));
    }

    Deferred<Completion> subscribe(String name, boolean subscribed) {
        return session.account().subscribe(name, subscribed).addCallback(v -> Completion.ok((subscribed ? "" : "UN") + "SUBSCRIBE completed"));
    }

    /**
     * LIST and LSUB (RFC 3501 §6.3.8, §6.3.9) with LIST-EXTENDED (RFC 5258): selection options
     * SUBSCRIBED (non-existent subscribed names as \NonExistent), RECURSIVEMATCH (CHILDINFO),
     * REMOTE and SPECIAL-USE (RFC 6154), several patterns, return options SUBSCRIBED, CHILDREN,
     * SPECIAL-USE and STATUS (RFC 5819: each STATUS right after its LIST line);
     * \HasChildren and \HasNoChildren always (RFC 3348).
     */
    Deferred<Completion> list(ImapCommand.ListMailboxes command) {
        char delimiter = session.account().delimiter();
        boolean lsub = command.name().equals("LSUB");
        if (!lsub && command.patterns().size() == 1 && command.patterns().get(0).isEmpty()) {
            // RFC 3501 §6.3.8: an empty pattern asks for the delimiter and the root.
            session.write(new ResponseBuilder().raw("* LIST (\\Noselect) ").string(String.valueOf(delimiter)).raw(" \"\"").crlf().bytes());
            return Deferred.succeed(Completion.ok("LIST completed"));
        }
        List<MailboxPattern> patterns = new ArrayList<>();
        for (String pattern : command.patterns()) {
            patterns.add(new MailboxPattern(command.reference(), pattern, delimiter));
        }
        return session.account().mailboxes().addCallbackDeferred(all -> session.account().subscriptions()
                .addCallbackDeferred(subscribed -> {
                    List<ListEntry> entries = entries(command, all, subscribed, patterns, delimiter);
                    if (command.statusItems().contains("HIGHESTMODSEQ")) {
                        session.enableCondStore();
                    }
                    return writeEntries(command, entries, 0);
                }));
    }

    /** One LIST response to write, and whether a STATUS follows it. */
    private record ListEntry(String line, String name, boolean status) {
    }

    private List<ListEntry> entries(ImapCommand.ListMailboxes command, List<MailboxInfo> all, Set<String> subscribed,
            List<MailboxPattern> patterns, char delimiter) {
        boolean lsub = command.name().equals("LSUB");
        boolean subscribedOnly = lsub || command.selection().contains("SUBSCRIBED");
        boolean recursive = command.selection().contains("RECURSIVEMATCH");
        boolean specialOnly = command.selection().contains("SPECIAL-USE");
        boolean showSubscribed = !lsub && (command.selection().contains("SUBSCRIBED") || command.returns().contains("SUBSCRIBED"));
        Set<String> names = new HashSet<>();
        List<MailboxInfo> candidates = new ArrayList<>(all);
        for (MailboxInfo info : all) {
            names.add(info.name());
        }
        if (subscribedOnly) {
            for (String name : subscribed) {
                if (!names.contains(name)) {
                    candidates.add(new MailboxInfo(name, Set.of("\\NonExistent")));
                }
            }
        }
        List<ListEntry> entries = new ArrayList<>();
        for (MailboxInfo info : candidates) {
            if (patterns.stream().noneMatch(p -> p.matches(info.name()))) {
                continue;
            }
            boolean isSubscribed = subscribed.contains(info.name());
            boolean childInfo = false;
            if (subscribedOnly && !isSubscribed) {
                childInfo = recursive && subscribed.stream().anyMatch(n -> n.startsWith(info.name() + delimiter));
                if (!childInfo) {
                    continue;
                }
            }
            if (specialOnly && specialUse(info.attributes()).isEmpty()) {
                continue;
            }
            List<String> attributes = new ArrayList<>(info.attributes());
            if (!info.attributes().contains("\\NonExistent")) {
                attributes.add(hasChildren(info.name(), names, delimiter) ? "\\HasChildren" : "\\HasNoChildren");
            }
            if (isSubscribed && showSubscribed) {
                attributes.add("\\Subscribed");
            }
            ResponseBuilder line = new ResponseBuilder().raw("* " + command.name() + " (" + String.join(" ", attributes) + ") ")
                    .string(String.valueOf(delimiter)).sp().string(session.wireName(info.name()));
            if (childInfo) {
                line.raw(" ((\"CHILDINFO\" (\"SUBSCRIBED\")))");
            }
            boolean selectable = !info.attributes().contains("\\Noselect") && !info.attributes().contains("\\NonExistent");
            entries.add(new ListEntry(new String(line.crlf().bytes(), StandardCharsets.UTF_8), info.name(),
                    selectable && !command.statusItems().isEmpty()));
        }
        return entries;
    }

    private Deferred<Completion> writeEntries(ImapCommand.ListMailboxes command, List<ListEntry> entries, int index) {
        for (int i = index; i < entries.size(); i++) {
            ListEntry entry = entries.get(i);
            session.write(entry.line().getBytes(StandardCharsets.UTF_8));
            if (entry.status()) {
                int next = i + 1;
                return session.account().open(entry.name()).addCallbackDeferred(ImapMailbox::sync).addBothDeferred((snapshot, failure) -> {
                    // RFC 5819 §2: a mailbox whose status cannot be had gets no STATUS, the LIST goes on.
                    if (failure == null) {
                        session.write(statusLine(session.wireName(entry.name()), command.statusItems(), snapshot));
                    }
                    return writeEntries(command, entries, next);
                });
            }
        }
        return Deferred.succeed(Completion.ok(command.name() + " completed"));
    }

    private static Set<String> specialUse(Set<String> attributes) {
        Set<String> out = new HashSet<>(attributes);
        out.removeAll(Set.of("\\Noselect", "\\NonExistent", "\\Noinferiors", "\\Marked", "\\Unmarked"));
        return out;
    }

    private static boolean hasChildren(String name, Set<String> names, char delimiter) {
        String prefix = name + delimiter;
        for (String other : names) {
            if (other.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** STATUS (RFC 3501 §6.3.10) with HIGHESTMODSEQ (RFC 7162 §3.1.6: a CONDSTORE-enabling command; 0 for NOMODSEQ). */
    Deferred<Completion> status(ImapCommand.Status command) {
        if (command.items().contains("HIGHESTMODSEQ")) {
            session.enableCondStore();
        }
        return session.account().open(command.mailbox()).addCallbackDeferred(mailbox -> mailbox.sync().addCallback(snapshot -> {
            session.write(statusLine(session.wireName(command.mailbox()), command.items(), snapshot));
            return Completion.ok("STATUS completed");
        }));
    }

    private static byte[] statusLine(String wireName, List<String> items, MailboxSnapshot snapshot) {
        ResponseBuilder out = new ResponseBuilder().raw("* STATUS ").string(wireName).raw(" (");
        boolean first = true;
        for (String item : items) {
            if (!first) {
                out.sp();
            }
            first = false;
            out.raw(item + " " + statusValue(item, snapshot));
        }
        return out.raw(")").crlf().bytes();
    }

    private static long statusValue(String item, MailboxSnapshot snapshot) {
        return switch (item) {
            case "MESSAGES" -> snapshot.messages().size();
            case "RECENT" -> snapshot.messages().stream().filter(MessageInfo::recent).count();
            case "UIDNEXT" -> snapshot.uidNext();
            case "UIDVALIDITY" -> snapshot.uidValidity();
            case "UNSEEN" -> snapshot.messages().stream().filter(m -> !m.flags().contains("\\Seen")).count();
            case "SIZE" -> snapshot.messages().stream().mapToLong(MessageInfo::size).sum();
            case "DELETED" -> snapshot.messages().stream().filter(m -> m.flags().contains("\\Deleted")).count();
            case "HIGHESTMODSEQ" -> snapshot.highestModSeq();
            default -> throw new IllegalArgumentException(item);
        };
    }

    /** APPEND (RFC 3501 §6.3.11) answering APPENDUID (RFC 4315 §3); a missing mailbox earns TRYCREATE. */
    Deferred<Completion> append(ImapCommand.Append command) {
        Set<String> flags = new HashSet<>(command.flags());
        flags.remove("\\Recent");
        Instant date = command.date() == null ? Instant.now() : command.date().toInstant();
        return session.account().open(command.mailbox())
                .addErrback(failure -> {
                    if (failure.value() instanceof MailboxException e && "NONEXISTENT".equals(e.code())) {
                        throw new MailboxException("TRYCREATE", "Mailbox does not exist");
                    }
                    throw failure.value() instanceof Exception e ? e : new IllegalStateException(failure.value());
                })
                .addCallbackDeferred(mailbox -> {
                    Set<String> kept = new HashSet<>();
                    for (String flag : flags) {
                        if (Flags.storable(flag, mailbox.permanentFlags())) {
                            kept.add(flag);
                        }
                    }
                    return mailbox.append(command.message(), kept, date);
                })
                .addCallback(appended -> Completion.ok("APPENDUID " + appended.uidValidity() + " " + appended.uid(), "APPEND completed"));
    }
}
