package dev.torsion.imap.server;

import dev.torsion.defer.Deferred;
import dev.torsion.imap.mime.MimePart;
import dev.torsion.imap.parse.FetchItem;
import dev.torsion.imap.parse.ImapCommand;
import dev.torsion.imap.parse.SequenceSet;
import dev.torsion.imap.parse.StoreMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The commands of the selected state (RFC 3501 §6.4): FETCH, STORE, SEARCH, COPY, MOVE (RFC
 * 6851), EXPUNGE, UID EXPUNGE (RFC 4315), CLOSE, and their UID forms. Message octets are read
 * one message at a time through the mailbox's Deferreds, so large mailboxes never sit in memory.
 */
final class SelectedCommands {
    private final CommandContext session;

    SelectedCommands(CommandContext session) {
        this.session = session;
    }

    private static Deferred<Completion> invalidSet() {
        // RFC 9051 §6.4.5: sequence numbers outside the mailbox are a BAD.
        return Deferred.succeed(Completion.bad("Invalid message sequence number"));
    }

    /** FETCH (RFC 3501 §6.4.5); a non-PEEK body section sets \Seen first. */
    Deferred<Completion> fetch(ImapCommand.Fetch command) {
        SelectedMailbox view = session.selected();
        List<Integer> seqs = view.resolve(command.set(), command.uid());
        if (seqs == null) {
            return invalidSet();
        }
        boolean marksSeen = !view.readOnly() && command.items().stream().anyMatch(i -> i instanceof FetchItem.Section s && !s.peek());
        Map<Long, Set<String>> seen = new LinkedHashMap<>();
        Set<Integer> marked = new HashSet<>();
        if (marksSeen) {
            for (int seq : seqs) {
                if (!view.at(seq).flags().contains("\\Seen")) {
                    Set<String> flags = new TreeSet<>(view.at(seq).flags());
                    flags.add("\\Seen");
                    seen.put(view.at(seq).uid(), flags);
                    marked.add(seq);
                }
            }
        }
        Deferred<Void> stored = seen.isEmpty() ? Deferred.succeed(null) : view.mailbox().store(seen).addCallback(v -> {
            for (int seq : marked) {
                view.setFlags(seq, seen.get(view.at(seq).uid()));
            }
            return null;
        });
        return stored.addCallbackDeferred(v -> fetchFrom(view, seqs, 0, command.items(), marked, 0));
    }

    private Deferred<Completion> fetchFrom(SelectedMailbox view, List<Integer> seqs, int index, List<FetchItem> items, Set<Integer> marked,
            int missing) {
        boolean content = FetchRenderer.needsContent(items);
        for (int i = index; i < seqs.size(); i++) {
            int seq = seqs.get(i);
            MessageInfo info = view.at(seq);
            Deferred<Void> writable = session.writable();
            if (!writable.isCalled()) {
                // The peer is not reading: go on with this message once it does.
                int resumeAt = i;
                return writable.addCallbackDeferred(v -> fetchFrom(view, seqs, resumeAt, items, marked, missing));
            }
            if (!content) {
                session.write(FetchRenderer.render(seq, info, view.flagsOf(seq), items, null, marked.contains(seq)));
                continue;
            }
            int next = i + 1;
            return view.mailbox().read(info.uid()).addBothDeferred((octets, failure) -> {
                if (failure != null) {
                    // Expunged by another session: RFC 3501 §7.4.1 lets the server leave it out.
                    return fetchFrom(view, seqs, next, items, marked, missing + 1);
                }
                session.write(FetchRenderer.render(seq, info, view.flagsOf(seq), items, MimePart.parse(octets), marked.contains(seq)));
                return fetchFrom(view, seqs, next, items, marked, missing);
            });
        }
        return Deferred.succeed(missing > 0 ? Completion.no("EXPUNGEISSUED", "Some of the requested messages no longer exist")
                : Completion.ok("FETCH completed"));
    }

    /** STORE (RFC 3501 §6.4.6): the new flags of every message named, unless .SILENT. */
    Deferred<Completion> store(ImapCommand.Store command) {
        SelectedMailbox view = session.selected();
        if (view.readOnly()) {
            return Deferred.succeed(Completion.no("READ-ONLY", "Mailbox is read-only"));
        }
        List<Integer> seqs = view.resolve(command.set(), command.uid());
        if (seqs == null) {
            return invalidSet();
        }
        Set<String> permanent = view.mailbox().permanentFlags();
        Map<Long, Set<String>> changes = new LinkedHashMap<>();
        for (int seq : seqs) {
            Set<String> old = view.at(seq).flags();
            Set<String> flags = new TreeSet<>(command.mode() == StoreMode.REPLACE ? Set.of() : old);
            for (String flag : command.flags()) {
                if (command.mode() == StoreMode.REMOVE) {
                    flags.remove(flag);
                } else if (Flags.storable(flag, permanent)) {
                    flags.add(flag);
                }
            }
            if (!flags.equals(old)) {
                changes.put(view.at(seq).uid(), flags);
            }
        }
        Deferred<Void> stored = changes.isEmpty() ? Deferred.succeed(null) : view.mailbox().store(changes);
        return stored.addCallback(v -> {
            ResponseBuilder out = new ResponseBuilder();
            for (int seq : seqs) {
                Set<String> flags = changes.get(view.at(seq).uid());
                if (flags != null) {
                    view.setFlags(seq, flags);
                }
                if (!command.silent()) {
                    out.raw("* " + seq + " FETCH (FLAGS ").raw(Flags.list(view.flagsOf(seq)));
                    if (command.uid()) {
                        out.raw(" UID " + view.at(seq).uid());
                    }
                    out.raw(")").crlf();
                }
            }
            session.write(out.bytes());
            return Completion.ok("STORE completed");
        });
    }

    /** SEARCH (RFC 3501 §6.4.4) with CHARSET US-ASCII or UTF-8. */
    Deferred<Completion> search(ImapCommand.Search command) {
        if (command.charset() != null && !command.charset().equals("UTF-8") && !command.charset().equals("US-ASCII")) {
            return Deferred.succeed(Completion.no("BADCHARSET (US-ASCII UTF-8)", "Unsupported charset"));
        }
        SelectedMailbox view = session.selected();
        SearchEvaluator evaluator = new SearchEvaluator(view);
        boolean content = SearchEvaluator.needsContent(command.key());
        return searchFrom(view, evaluator, command, content, 1, new ArrayList<>());
    }

    private Deferred<Completion> searchFrom(SelectedMailbox view, SearchEvaluator evaluator, ImapCommand.Search command, boolean content,
            int from, List<Long> hits) {
        for (int seq = from; seq <= view.exists(); seq++) {
            int current = seq;
            if (!content) {
                if (evaluator.matches(command.key(), seq, null)) {
                    hits.add(command.uid() ? view.at(seq).uid() : seq);
                }
                continue;
            }
            return view.mailbox().read(view.at(seq).uid()).addBothDeferred((octets, failure) -> {
                if (failure == null && evaluator.matches(command.key(), current, MimePart.parse(octets))) {
                    hits.add(command.uid() ? view.at(current).uid() : current);
                }
                return searchFrom(view, evaluator, command, content, current + 1, hits);
            });
        }
        StringBuilder line = new StringBuilder("* SEARCH");
        for (long hit : hits) {
            line.append(' ').append(hit);
        }
        session.write(new ResponseBuilder().raw(line.toString()).crlf().bytes());
        return Deferred.succeed(Completion.ok("SEARCH completed"));
    }

    /** COPY (RFC 3501 §6.4.7) and MOVE (RFC 6851) with COPYUID (RFC 4315 §3). */
    Deferred<Completion> copy(ImapCommand.Copy command) {
        SelectedMailbox view = session.selected();
        if (command.move() && view.readOnly()) {
            return Deferred.succeed(Completion.no("READ-ONLY", "Mailbox is read-only"));
        }
        List<Integer> seqs = view.resolve(command.set(), command.uid());
        if (seqs == null) {
            return invalidSet();
        }
        if (seqs.isEmpty()) {
            return Deferred.succeed(Completion.ok("No messages"));
        }
        return session.account().open(command.mailbox())
                .addErrback(failure -> {
                    if (failure.value() instanceof MailboxException e && "NONEXISTENT".equals(e.code())) {
                        throw new MailboxException("TRYCREATE", "Mailbox does not exist");
                    }
                    throw failure.value() instanceof Exception e ? e : new IllegalStateException(failure.value());
                })
                .addCallbackDeferred(target -> copyFrom(view, target, seqs, 0, new ArrayList<>(), new ArrayList<>(), 0L))
                .addCallbackDeferred(result -> finishCopy(view, command, result));
    }

    /** What a copy did: source UIDs, their new UIDs, the target's UIDVALIDITY. */
    private record Copied(List<Long> sources, List<Long> targets, long uidValidity) {
    }

    private Deferred<Copied> copyFrom(SelectedMailbox view, ImapMailbox target, List<Integer> seqs, int index, List<Long> sources,
            List<Long> targets, long validity) {
        if (index == seqs.size()) {
            return Deferred.succeed(new Copied(sources, targets, validity));
        }
        MessageInfo info = view.at(seqs.get(index));
        Set<String> flags = new HashSet<>();
        for (String flag : info.flags()) {
            if (Flags.storable(flag, target.permanentFlags())) {
                flags.add(flag);
            }
        }
        return view.mailbox().read(info.uid())
                .addCallbackDeferred(octets -> target.append(octets, flags, info.internalDate()))
                .addCallbackDeferred(appended -> {
                    sources.add(info.uid());
                    targets.add(appended.uid());
                    return copyFrom(view, target, seqs, index + 1, sources, targets, appended.uidValidity());
                });
    }

    private Deferred<Completion> finishCopy(SelectedMailbox view, ImapCommand.Copy command, Copied copied) {
        String code = "COPYUID " + copied.uidValidity() + " " + SequenceSet.compact(copied.sources()) + " "
                + SequenceSet.compact(copied.targets());
        if (!command.move()) {
            return Deferred.succeed(Completion.ok(code, "COPY completed"));
        }
        // RFC 6851 §4.3: COPYUID comes untagged before the EXPUNGEs.
        session.write(new ResponseBuilder().raw("* OK [" + code + "] Moved").crlf().bytes());
        return view.mailbox().expunge(copied.sources()).addCallback(v -> Completion.ok("MOVE completed"));
    }

    /** EXPUNGE (RFC 3501 §6.4.3) and UID EXPUNGE (RFC 4315 §2.1): the responses come from the sync after the command. */
    Deferred<Completion> expunge(SequenceSet uids, String name) {
        SelectedMailbox view = session.selected();
        if (view.readOnly()) {
            return Deferred.succeed(Completion.no("READ-ONLY", "Mailbox is read-only"));
        }
        return removeDeleted(view, uids).addCallback(v -> Completion.ok(name + " completed"));
    }

    private static Deferred<Void> removeDeleted(SelectedMailbox view, SequenceSet uids) {
        List<Long> doomed = new ArrayList<>();
        long largest = view.exists() == 0 ? 0 : view.at(view.exists()).uid();
        for (int seq = 1; seq <= view.exists(); seq++) {
            MessageInfo info = view.at(seq);
            if (info.flags().contains("\\Deleted") && (uids == null || uids.contains(info.uid(), largest))) {
                doomed.add(info.uid());
            }
        }
        return doomed.isEmpty() ? Deferred.succeed(null) : view.mailbox().expunge(doomed);
    }

    /** CLOSE (RFC 3501 §6.4.2): removes \Deleted messages silently (not from EXAMINE), then no mailbox is selected. */
    Deferred<Completion> close() {
        SelectedMailbox view = session.selected();
        Deferred<Void> removed = view.readOnly() ? Deferred.succeed(null) : removeDeleted(view, null);
        return removed.addCallback(v -> {
            session.select(null);
            return Completion.ok("CLOSE completed");
        });
    }
}
