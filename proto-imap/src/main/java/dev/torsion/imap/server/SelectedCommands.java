package dev.torsion.imap.server;

import dev.torsion.defer.Deferred;
import dev.torsion.imap.mime.ParsedMessages;
import dev.torsion.imap.parse.FetchItem;
import dev.torsion.imap.parse.ImapCommand;
import dev.torsion.imap.parse.SequenceSet;
import dev.torsion.imap.parse.StoreMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

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

    private static Deferred<Completion> noModSeq() {
        // RFC 7162 §3.1.2.2: a mailbox that answered NOMODSEQ refuses what needs mod-sequences.
        return Deferred.succeed(Completion.bad("Mailbox does not support mod-sequences"));
    }

    /**
     * FETCH (RFC 3501 §6.4.5); a non-PEEK body section sets \Seen first. MODSEQ and CHANGEDSINCE
     * (RFC 7162 §3.1.4) enable CONDSTORE; CHANGEDSINCE keeps the messages whose MODSEQ is
     * greater, and VANISHED (§3.2.6) first tells the UIDs of the set expunged since.
     */
    Deferred<Completion> fetch(ImapCommand.Fetch command) {
        SelectedMailbox view = session.selected();
        List<Integer> named = view.resolve(command.set(), command.uid());
        if (named == null) {
            return invalidSet();
        }
        boolean modSeq = command.changedSince() >= 0 || command.items().contains(new FetchItem.Simple(FetchItem.Kind.MODSEQ));
        if (command.vanished() && !session.qresync()) {
            return Deferred.succeed(Completion.bad("QRESYNC is not enabled"));
        }
        if (modSeq && view.highestModSeq() == 0) {
            return noModSeq();
        }
        if (modSeq) {
            session.enableCondStore();
        }
        List<Integer> seqs = new ArrayList<>();
        for (int seq : named) {
            if (command.changedSince() < 0 || view.at(seq).modSeq() > command.changedSince()) {
                seqs.add(seq);
            }
        }
        Deferred<Void> vanished = command.vanished() ? tellVanished(view, command) : Deferred.succeed(null);
        return vanished.addCallbackDeferred(v -> markSeen(view, command, seqs))
                .addCallbackDeferred(marked -> fetchFrom(view, seqs, 0, command.items(), marked, 0));
    }

    /** UID FETCH's VANISHED modifier (RFC 7162 §3.2.6): the UIDs of the set expunged after CHANGEDSINCE. */
    private Deferred<Void> tellVanished(SelectedMailbox view, ImapCommand.Fetch command) {
        return view.mailbox().expungedSince(command.changedSince()).addCallback(expunged -> {
            List<Long> present = view.uids();
            // '*' here reaches to the last UID given out, not the last one still there: the client asks about UIDs it held.
            long largest = view.uidNext() - 1;
            String uids = expunged.complete() ? VanishedUids.remembered(expunged.uids(), command.set(), largest, present)
                    : VanishedUids.missing(command.set(), largest, view.uidNext(), present);
            if (!uids.isEmpty()) {
                session.write(new ResponseBuilder().raw("* VANISHED (EARLIER) " + uids).crlf().bytes());
            }
            return null;
        });
    }

    /** Sets \Seen on the messages a non-PEEK body fetch names (not in EXAMINE); answers the numbers whose flags changed. */
    private Deferred<Set<Integer>> markSeen(SelectedMailbox view, ImapCommand.Fetch command, List<Integer> seqs) {
        boolean marksSeen = !view.readOnly()
                && command.items().stream().anyMatch(i -> i instanceof FetchItem.Section s && !s.peek() || i instanceof FetchItem.Binary b && !b.peek());
        List<Long> unseen = new ArrayList<>();
        if (marksSeen) {
            for (int seq : seqs) {
                if (!view.at(seq).flags().contains("\\Seen")) {
                    unseen.add(view.at(seq).uid());
                }
            }
        }
        if (unseen.isEmpty()) {
            return Deferred.succeed(Set.of());
        }
        return view.mailbox().store(unseen, flags -> {
            Set<String> seen = new TreeSet<>(flags);
            seen.add("\\Seen");
            return seen;
        }, Long.MAX_VALUE).addCallback(result -> {
            Set<Integer> marked = new HashSet<>();
            for (ImapMailbox.Stored stored : result.stored()) {
                int seq = view.seqOf(stored.uid());
                if (seq > 0) {
                    view.setFlags(seq, stored.flags(), stored.modSeq());
                    marked.add(seq);
                }
            }
            return marked;
        });
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
                session.write(FetchRenderer.render(seq, info, view.flagsOf(seq), items, null, marked.contains(seq), session.condStore()));
                continue;
            }
            byte[] cached = view.mailbox().readCached(info.uid());
            if (cached != null) {
                session.write(FetchRenderer.render(seq, info, view.flagsOf(seq), items, ParsedMessages.parse(cached), marked.contains(seq),
                        session.condStore()));
                continue;
            }
            int next = i + 1;
            return view.mailbox().read(info.uid()).addBothDeferred((octets, failure) -> {
                if (failure != null) {
                    // Expunged by another session: RFC 3501 §7.4.1 lets the server leave it out.
                    return fetchFrom(view, seqs, next, items, marked, missing + 1);
                }
                session.write(FetchRenderer.render(seq, info, view.flagsOf(seq), items, ParsedMessages.parse(octets), marked.contains(seq),
                        session.condStore()));
                return fetchFrom(view, seqs, next, items, marked, missing);
            });
        }
        return Deferred.succeed(missing > 0 ? Completion.no("EXPUNGEISSUED", "Some of the requested messages no longer exist")
                : Completion.ok("FETCH completed"));
    }

    /**
     * STORE (RFC 3501 §6.4.6): the new flags of every message named, unless .SILENT. Each
     * message's new flags are worked out by the mailbox from its current ones, so changes by
     * other sessions are not lost. UNCHANGEDSINCE (RFC 7162 §3.1.3) leaves alone the messages
     * changed since, which the tagged OK names in {@code [MODIFIED ...]}; once CONDSTORE is enabled
     * every FETCH carries MODSEQ, sent even under .SILENT for the messages whose MODSEQ changed.
     */
    Deferred<Completion> store(ImapCommand.Store command) {
        SelectedMailbox view = session.selected();
        if (view.readOnly()) {
            return Deferred.succeed(Completion.no("READ-ONLY", "Mailbox is read-only"));
        }
        List<Integer> seqs = view.resolve(command.set(), command.uid());
        if (seqs == null) {
            return invalidSet();
        }
        if (command.unchangedSince() >= 0) {
            if (view.highestModSeq() == 0) {
                return noModSeq();
            }
            session.enableCondStore();
        }
        Set<String> permanent = view.mailbox().permanentFlags();
        UnaryOperator<Set<String>> change = old -> {
            Set<String> flags = new TreeSet<>(command.mode() == StoreMode.REPLACE ? Set.of() : old);
            for (String flag : command.flags()) {
                if (command.mode() == StoreMode.REMOVE) {
                    flags.remove(flag);
                } else if (Flags.storable(flag, permanent)) {
                    flags.add(flag);
                }
            }
            return flags;
        };
        List<Long> uids = new ArrayList<>();
        for (int seq : seqs) {
            uids.add(view.at(seq).uid());
        }
        long condition = command.unchangedSince() < 0 ? Long.MAX_VALUE : command.unchangedSince();
        Deferred<ImapMailbox.StoreResult> stored = uids.isEmpty() ? Deferred.succeed(new ImapMailbox.StoreResult(List.of(), List.of()))
                : view.mailbox().store(uids, change, condition);
        return stored.addCallback(result -> storeDone(view, command, result));
    }

    private Completion storeDone(SelectedMailbox view, ImapCommand.Store command, ImapMailbox.StoreResult result) {
        boolean condStore = session.condStore();
        ResponseBuilder out = new ResponseBuilder();
        for (ImapMailbox.Stored stored : result.stored()) {
            int seq = view.seqOf(stored.uid());
            if (seq == 0) {
                continue;
            }
            boolean newModSeq = stored.modSeq() != view.at(seq).modSeq();
            view.setFlags(seq, stored.flags(), stored.modSeq());
            if (!command.silent()) {
                out.raw(view.flagsResponse(seq, command.uid() || session.qresync(), condStore));
            } else if (condStore && newModSeq) {
                out.raw("* " + seq + " FETCH (" + (command.uid() || session.qresync() ? "UID " + stored.uid() + " " : "")
                        + "MODSEQ (" + stored.modSeq() + "))").crlf();
            }
        }
        session.write(out.bytes());
        if (result.refused().isEmpty()) {
            return Completion.ok("STORE completed");
        }
        List<Long> modified = new ArrayList<>();
        for (long uid : result.refused()) {
            modified.add(command.uid() ? uid : view.seqOf(uid));
        }
        modified.sort(null);
        return Completion.ok("MODIFIED " + SequenceSet.compact(modified), "Conditional STORE failed");
    }

    /**
     * SEARCH (RFC 3501 §6.4.4) with CHARSET US-ASCII or UTF-8, RETURN (RFC 4731 ESEARCH) with SAVE
     * (RFC 5182), and MODSEQ (RFC 7162 §3.1.5). Once IMAP4rev2 is enabled every SEARCH answers
     * ESEARCH (RFC 9051 §6.4.4).
     */
    Deferred<Completion> search(ImapCommand.Search command) {
        SelectedMailbox view = session.selected();
        if (command.charset() != null && !command.charset().equals("UTF-8") && !command.charset().equals("US-ASCII")) {
            if (saves(command)) {
                // RFC 5182 §2.1: a SEARCH that was to save and failed leaves $ empty.
                view.save(List.of());
            }
            return Deferred.succeed(Completion.no("BADCHARSET (US-ASCII UTF-8)", "Unsupported charset"));
        }
        if (SearchEvaluator.usesModSeq(command.key())) {
            if (view.highestModSeq() == 0) {
                return noModSeq();
            }
            session.enableCondStore();
        }
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
            byte[] cached = view.mailbox().readCached(view.at(seq).uid());
            if (cached != null) {
                if (evaluator.matches(command.key(), seq, ParsedMessages.parse(cached))) {
                    hits.add(command.uid() ? view.at(seq).uid() : seq);
                }
                continue;
            }
            return view.mailbox().read(view.at(seq).uid()).addBothDeferred((octets, failure) -> {
                if (failure == null && evaluator.matches(command.key(), current, ParsedMessages.parse(octets))) {
                    hits.add(command.uid() ? view.at(current).uid() : current);
                }
                return searchFrom(view, evaluator, command, content, current + 1, hits);
            });
        }
        long highest = 0;
        for (long hit : hits) {
            highest = Math.max(highest, view.at(command.uid() ? view.seqOf(hit) : (int) hit).modSeq());
        }
        // RFC 7162 §3.1.5: a search by MODSEQ also tells the highest MODSEQ of the messages found.
        long modSeq = !hits.isEmpty() && SearchEvaluator.usesModSeq(command.key()) ? highest : 0;
        if (saves(command)) {
            view.save(toSave(view, command, hits));
        }
        Set<String> options = answerOptions(command);
        if (options == null) {
            session.write(new ResponseBuilder().raw(searchLine(hits, modSeq)).crlf().bytes());
        } else if (!options.isEmpty()) {
            session.write(new ResponseBuilder().raw(esearchLine(command, options, hits, modSeq)).crlf().bytes());
        }
        return Deferred.succeed(Completion.ok("SEARCH completed"));
    }

    private static boolean saves(ImapCommand.Search command) {
        return command.returns() != null && command.returns().contains("SAVE");
    }

    /**
     * What the ESEARCH response tells: null for a plain {@code * SEARCH} (IMAP4rev1 without
     * RETURN), empty for none (RFC 5182 §2.4: SAVE alone), ALL for {@code RETURN ()} and for every
     * SEARCH without RETURN under IMAP4rev2 (RFC 9051 §6.4.4).
     */
    private Set<String> answerOptions(ImapCommand.Search command) {
        if (command.returns() == null) {
            return session.rev2() ? Set.of("ALL") : null;
        }
        if (command.returns().isEmpty()) {
            return Set.of("ALL");
        }
        Set<String> options = new HashSet<>(command.returns());
        options.remove("SAVE");
        return options;
    }

    /**
     * The UIDs {@code SAVE} keeps (RFC 5182 §2.4): with MIN or MAX and neither ALL nor COUNT, only
     * the smallest and largest asked for; otherwise every one found.
     */
    private static List<Long> toSave(SelectedMailbox view, ImapCommand.Search command, List<Long> hits) {
        List<Long> uids = new ArrayList<>();
        for (long hit : hits) {
            uids.add(command.uid() ? hit : view.at((int) hit).uid());
        }
        List<String> returns = command.returns();
        boolean extremesOnly = (returns.contains("MIN") || returns.contains("MAX")) && !returns.contains("ALL") && !returns.contains("COUNT");
        if (!extremesOnly || uids.isEmpty()) {
            return uids;
        }
        Set<Long> kept = new TreeSet<>();
        if (returns.contains("MIN")) {
            kept.add(uids.get(0));
        }
        if (returns.contains("MAX")) {
            kept.add(uids.get(uids.size() - 1));
        }
        return new ArrayList<>(kept);
    }

    /** {@code * SEARCH 2 5 (MODSEQ 9)}. */
    private static String searchLine(List<Long> hits, long modSeq) {
        StringBuilder line = new StringBuilder("* SEARCH");
        for (long hit : hits) {
            line.append(' ').append(hit);
        }
        if (modSeq > 0) {
            line.append(" (MODSEQ ").append(modSeq).append(')');
        }
        return line.toString();
    }

    /**
     * {@code * ESEARCH (TAG "a") UID MIN 2 MAX 9 ALL 2:5,9 COUNT 5} (RFC 4731 §3.1): MIN, MAX and ALL
     * are left out when nothing was found, COUNT never; no option asks for ALL.
     */
    private static String esearchLine(ImapCommand.Search command, Set<String> options, List<Long> hits, long modSeq) {
        StringBuilder line = new StringBuilder("* ESEARCH (TAG \"").append(command.tag()).append("\")");
        if (command.uid()) {
            line.append(" UID");
        }
        if (!hits.isEmpty()) {
            if (options.contains("MIN")) {
                line.append(" MIN ").append(hits.get(0));
            }
            if (options.contains("MAX")) {
                line.append(" MAX ").append(hits.get(hits.size() - 1));
            }
            if (options.contains("ALL")) {
                line.append(" ALL ").append(SequenceSet.compact(hits));
            }
        }
        if (options.contains("COUNT")) {
            line.append(" COUNT ").append(hits.size());
        }
        if (modSeq > 0) {
            line.append(" MODSEQ ").append(modSeq);
        }
        return line.toString();
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
        for (int seq = 1; seq <= view.exists(); seq++) {
            MessageInfo info = view.at(seq);
            if (info.flags().contains("\\Deleted") && (uids == null || view.contains(uids, true, seq))) {
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
