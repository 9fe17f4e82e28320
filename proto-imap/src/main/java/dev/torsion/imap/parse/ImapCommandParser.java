package dev.torsion.imap.parse;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses a whole command ({@link ImapCommandLine}) into an {@link ImapCommand} after RFC 3501 §9's
 * grammar and the extensions' (UIDPLUS, MOVE, ID, ENABLE, LIST-EXTENDED selection, CONDSTORE and
 * QRESYNC's parameters and modifiers). Pure.
 */
public final class ImapCommandParser {
    private static final Set<String> SIMPLE = Set.of("CAPABILITY", "NOOP", "LOGOUT", "STARTTLS", "CHECK", "CLOSE", "UNSELECT",
            "EXPUNGE", "NAMESPACE", "IDLE");
    private static final Set<String> ON_MAILBOX = Set.of("CREATE", "DELETE", "SUBSCRIBE", "UNSUBSCRIBE");
    private static final Set<String> STATUS_ITEMS = Set.of("MESSAGES", "RECENT", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "SIZE", "DELETED",
            "HIGHESTMODSEQ");
    private static final Set<String> SEARCH_RETURNS = Set.of("MIN", "MAX", "ALL", "COUNT", "SAVE");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d-MMM-uuuu HH:mm:ss Z", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d-MMM-uuuu", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private final int maxDepth;
    private boolean utf8MailboxNames;

    /** A parser allowing lists nested {@code maxDepth} deep. */
    public ImapCommandParser(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /**
     * From now on mailbox names are UTF-8 as written, not modified UTF-7 (RFC 9051 §5.1: once
     * IMAP4rev2 is enabled; a name with {@code &} is then just that).
     */
    public void useUtf8MailboxNames() {
        utf8MailboxNames = true;
    }

    /** Parses a command or throws the refusal it earns (a BAD, tagged when the tag could be read). */
    public ImapCommand parse(ImapCommandLine line) throws ImapParseException {
        ImapReader in = new ImapReader(line, maxDepth);
        String tag = ImapCommandDecoder.tagOf(line.lines().get(0));
        if (tag == null) {
            throw ImapParseException.bad(null, line.lines().get(0).length == 0 ? "Empty command" : "Invalid tag");
        }
        in.token(c -> c != ' ');
        in.tag(tag);
        if (!in.trySp() || in.peek() < 0) {
            throw in.bad("Missing command");
        }
        String name = in.token(c -> c > 0x20 && c < 0x7f).toUpperCase(Locale.ROOT);
        ImapCommand command = name.equals("UID") ? uid(in, tag) : command(in, tag, name);
        in.end();
        return command;
    }

    private ImapCommand command(ImapReader in, String tag, String name) throws ImapParseException {
        if (SIMPLE.contains(name)) {
            return new ImapCommand.Simple(tag, name);
        }
        if (ON_MAILBOX.contains(name)) {
            in.sp();
            return new ImapCommand.OnMailbox(tag, name, mailbox(in));
        }
        return switch (name) {
            case "SELECT", "EXAMINE" -> select(in, tag, name.equals("EXAMINE"));
            case "LOGIN" -> login(in, tag);
            case "AUTHENTICATE" -> authenticate(in, tag);
            case "RENAME" -> rename(in, tag);
            case "LIST", "LSUB" -> list(in, tag, name);
            case "STATUS" -> status(in, tag);
            case "APPEND" -> append(in, tag);
            case "SEARCH" -> search(in, tag, false);
            case "FETCH" -> fetch(in, tag, false);
            case "STORE" -> store(in, tag, false);
            case "COPY", "MOVE" -> copy(in, tag, false, name.equals("MOVE"));
            case "ID" -> id(in, tag);
            case "ENABLE" -> enable(in, tag);
            default -> throw in.bad("Unknown command " + printable(name));
        };
    }

    /** RFC 3501 §6.4.8 and RFC 4315 §2.1: UID COPY/FETCH/SEARCH/STORE, UID MOVE, UID EXPUNGE. */
    private ImapCommand uid(ImapReader in, String tag) throws ImapParseException {
        in.sp();
        String name = in.keyword();
        return switch (name) {
            case "FETCH" -> fetch(in, tag, true);
            case "SEARCH" -> search(in, tag, true);
            case "STORE" -> store(in, tag, true);
            case "COPY", "MOVE" -> copy(in, tag, true, name.equals("MOVE"));
            case "EXPUNGE" -> {
                in.sp();
                yield new ImapCommand.UidExpunge(tag, sequenceSet(in));
            }
            default -> throw in.bad("Unknown UID command " + printable(name));
        };
    }

    private static String printable(String name) {
        return name.length() > 20 || !name.matches("[A-Z0-9.\\-]*") ? "" : name;
    }

    /**
     * SELECT/EXAMINE mailbox [SP "(" select-param *(SP select-param) ")"] with the CONDSTORE
     * (RFC 7162 §3.1.8) and QRESYNC (§3.2.5) parameters.
     */
    private ImapCommand select(ImapReader in, String tag, boolean readOnly) throws ImapParseException {
        in.sp();
        String mailbox = mailbox(in);
        boolean condStore = false;
        ImapCommand.Qresync qresync = null;
        if (in.trySp()) {
            in.open();
            do {
                String parameter = in.keyword();
                if (parameter.equals("CONDSTORE") && !condStore) {
                    condStore = true;
                } else if (parameter.equals("QRESYNC") && qresync == null) {
                    in.sp();
                    qresync = qresync(in);
                } else {
                    throw in.bad("Unknown or repeated SELECT parameter");
                }
            } while (in.trySp());
            in.close();
        }
        return new ImapCommand.Select(tag, readOnly, mailbox, condStore, qresync);
    }

    /** "(" uidvalidity SP mod-sequence-value [SP known-uids] [SP seq-match-data] ")" (RFC 7162 §7). */
    private ImapCommand.Qresync qresync(ImapReader in) throws ImapParseException {
        in.open();
        long uidValidity = in.nzNumber();
        in.sp();
        long modSeq = in.modSequence(false);
        SequenceSet knownUids = null;
        SequenceSet knownSequences = null;
        SequenceSet knownSequenceUids = null;
        if (in.trySp() && in.peek() != '(') {
            knownUids = uidSet(in);
            in.trySp();
        }
        if (in.peek() == '(') {
            in.open();
            knownSequences = uidSet(in);
            in.sp();
            knownSequenceUids = uidSet(in);
            in.close();
        }
        in.close();
        return new ImapCommand.Qresync(uidValidity, modSeq, knownUids, knownSequences, knownSequenceUids);
    }

    /** A sequence-set where RFC 7162 §7 asks for explicit numbers ({@code *} is not allowed in known-uids). */
    private SequenceSet uidSet(ImapReader in) throws ImapParseException {
        SequenceSet set = sequenceSet(in);
        if (set.saved() || set.ranges().stream().anyMatch(r -> r.first() == SequenceSet.STAR || r.last() == SequenceSet.STAR)) {
            throw in.bad("'*' and '$' are not allowed here");
        }
        return set;
    }

    private ImapCommand login(ImapReader in, String tag) throws ImapParseException {
        in.sp();
        String user = in.astringUtf8();
        in.sp();
        byte[] password = in.astring();
        return new ImapCommand.Login(tag, user, password);
    }

    private ImapCommand authenticate(ImapReader in, String tag) throws ImapParseException {
        in.sp();
        String mechanism = in.keyword();
        String initial = null;
        if (in.trySp()) {
            // RFC 4959: base64 or "=" for an empty initial response.
            initial = in.token(c -> c > 0x20 && c < 0x7f);
            if (initial.isEmpty()) {
                throw in.bad("Missing initial response");
            }
        }
        return new ImapCommand.Authenticate(tag, mechanism, initial);
    }

    private ImapCommand rename(ImapReader in, String tag) throws ImapParseException {
        in.sp();
        String from = mailbox(in);
        in.sp();
        return new ImapCommand.Rename(tag, from, mailbox(in));
    }

    /** LIST [(selection)] reference (pattern | (patterns)) [RETURN (options)] (RFC 3501 §6.3.8, RFC 5258 §3, RFC 5819). */
    private ImapCommand list(ImapReader in, String tag, String name) throws ImapParseException {
        in.sp();
        List<String> selection = new ArrayList<>();
        boolean extended = name.equals("LIST");
        if (extended && in.peek() == '(') {
            selection = atomList(in);
            in.sp();
        }
        String reference = decodeName(in, in.utf8(in.astring()));
        in.sp();
        List<String> patterns = new ArrayList<>();
        if (extended && in.peek() == '(') {
            in.open();
            do {
                patterns.add(decodeName(in, in.utf8(in.listMailbox())));
            } while (in.trySp());
            in.close();
        } else {
            patterns.add(decodeName(in, in.utf8(in.listMailbox())));
        }
        List<String> returns = new ArrayList<>();
        List<String> statusItems = new ArrayList<>();
        if (extended && in.trySp()) {
            if (!in.keyword().equals("RETURN")) {
                throw in.bad("Expected RETURN");
            }
            in.sp();
            in.open();
            while (in.peek() != ')') {
                if (!returns.isEmpty()) {
                    in.sp();
                }
                String option = in.keyword();
                returns.add(option);
                if (option.equals("STATUS")) {
                    in.sp();
                    statusItems = atomList(in);
                    for (String item : statusItems) {
                        if (!STATUS_ITEMS.contains(item)) {
                            throw in.bad("Unknown status item");
                        }
                    }
                }
            }
            in.close();
        }
        if (selection.contains("RECURSIVEMATCH") && !selection.contains("SUBSCRIBED")) {
            // RFC 5258 §3.1: RECURSIVEMATCH must come with a selection option it modifies.
            throw in.bad("RECURSIVEMATCH needs SUBSCRIBED");
        }
        return new ImapCommand.ListMailboxes(tag, name, selection, reference, patterns, returns, statusItems);
    }

    /** ( atom *(SP atom) ), upper case; may be empty. */
    private List<String> atomList(ImapReader in) throws ImapParseException {
        List<String> atoms = new ArrayList<>();
        in.open();
        while (in.peek() != ')') {
            if (!atoms.isEmpty()) {
                in.sp();
            }
            atoms.add(in.keyword());
        }
        in.close();
        return atoms;
    }

    private ImapCommand status(ImapReader in, String tag) throws ImapParseException {
        in.sp();
        String mailbox = mailbox(in);
        in.sp();
        List<String> items = atomList(in);
        if (items.isEmpty()) {
            throw in.bad("Missing status items");
        }
        for (String item : items) {
            if (!STATUS_ITEMS.contains(item)) {
                throw in.bad("Unknown status item");
            }
        }
        return new ImapCommand.Status(tag, mailbox, items);
    }

    /** APPEND mailbox [SP flag-list] [SP date-time] SP literal (RFC 3501 §6.3.11). */
    private ImapCommand append(ImapReader in, String tag) throws ImapParseException {
        in.sp();
        String mailbox = mailbox(in);
        in.sp();
        List<String> flags = List.of();
        if (in.peek() == '(') {
            flags = flagList(in);
            in.sp();
        }
        ZonedDateTime date = null;
        if (in.peek() == '"') {
            date = dateTime(in);
            in.sp();
        }
        return new ImapCommand.Append(tag, mailbox, flags, date, in.messageLiteral());
    }

    /** date-time: {@code "dd-Mon-yyyy hh:mm:ss +zzzz"} with a space-padded day (RFC 3501 §9). */
    private ZonedDateTime dateTime(ImapReader in) throws ImapParseException {
        String text = new String(in.string(), StandardCharsets.US_ASCII);
        if (!text.matches("[ \\d]\\d-[A-Za-z]{3}-\\d{4} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}")) {
            throw in.bad("Invalid date-time");
        }
        try {
            return ZonedDateTime.parse(capitalise(text.strip()), DATE_TIME);
        } catch (DateTimeParseException e) {
            throw in.bad("Invalid date-time");
        }
    }

    private static String capitalise(String text) {
        int dash = text.indexOf('-');
        return text.substring(0, dash + 1) + Character.toUpperCase(text.charAt(dash + 1))
                + text.substring(dash + 2, dash + 4).toLowerCase(Locale.ROOT) + text.substring(dash + 4);
    }

    /** flag-list: ( [flag *(SP flag)] ). */
    private List<String> flagList(ImapReader in) throws ImapParseException {
        List<String> flags = new ArrayList<>();
        in.open();
        while (in.peek() != ')') {
            if (!flags.isEmpty()) {
                in.sp();
            }
            flags.add(flag(in));
        }
        in.close();
        return flags;
    }

    /** flag: a system flag (case as RFC 3501 §2.3.2 writes it), {@code \atom} or a keyword atom. */
    private String flag(ImapReader in) throws ImapParseException {
        if (in.tryChar('\\')) {
            String name = in.atom();
            for (String system : List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft", "\\Recent")) {
                if (system.equalsIgnoreCase("\\" + name)) {
                    return system;
                }
            }
            return "\\" + name;
        }
        return in.atom();
    }

    /** SEARCH [RETURN (options) SP] [CHARSET astring SP] 1*(search-key) (RFC 3501 §6.4.4, RFC 4731 §3.1). */
    private ImapCommand search(ImapReader in, String tag, boolean uid) throws ImapParseException {
        in.sp();
        List<String> returns = null;
        if (in.lookahead(Chars::isAtomChar).equalsIgnoreCase("RETURN")) {
            in.token(Chars::isAtomChar);
            in.sp();
            returns = atomList(in);
            for (String option : returns) {
                if (!SEARCH_RETURNS.contains(option)) {
                    throw in.bad("Unknown SEARCH return option");
                }
            }
            in.sp();
        }
        String charset = null;
        List<SearchKey> keys = new ArrayList<>();
        if (in.peek() != '(' && in.peek() != '"' && in.peek() != '{') {
            String first = in.token(c -> Chars.isAtomChar(c) || c == '*');
            if (first.equalsIgnoreCase("CHARSET")) {
                in.sp();
                charset = in.utf8(in.astring()).toUpperCase(Locale.ROOT);
                in.sp();
                keys.add(searchKey(in));
            } else if (first.isEmpty()) {
                throw in.bad(in.atEnd() ? "Missing search key" : "Invalid search key");
            } else {
                keys.add(searchKey(in, first));
            }
        } else {
            keys.add(searchKey(in));
        }
        while (in.trySp()) {
            keys.add(searchKey(in));
        }
        return new ImapCommand.Search(tag, uid, charset, keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys), returns);
    }

    private SearchKey searchKey(ImapReader in) throws ImapParseException {
        if (in.peek() == '(') {
            in.open();
            List<SearchKey> keys = new ArrayList<>();
            keys.add(searchKey(in));
            while (in.trySp()) {
                keys.add(searchKey(in));
            }
            in.close();
            return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
        }
        String word = in.token(c -> Chars.isAtomChar(c) || c == '*');
        if (word.isEmpty()) {
            throw in.bad(in.atEnd() ? "Missing search key" : "Invalid search key");
        }
        return searchKey(in, word);
    }

    @SuppressWarnings("checkstyle:CyclomaticComplexity")
    private SearchKey searchKey(ImapReader in, String word) throws ImapParseException {
        String key = word.toUpperCase(Locale.ROOT);
        return switch (key) {
            case "ALL" -> new SearchKey.All();
            case "ANSWERED" -> new SearchKey.Flag("\\Answered", true);
            case "DELETED" -> new SearchKey.Flag("\\Deleted", true);
            case "DRAFT" -> new SearchKey.Flag("\\Draft", true);
            case "FLAGGED" -> new SearchKey.Flag("\\Flagged", true);
            case "SEEN" -> new SearchKey.Flag("\\Seen", true);
            case "RECENT" -> new SearchKey.Flag("\\Recent", true);
            case "OLD" -> new SearchKey.Flag("\\Recent", false);
            case "NEW" -> new SearchKey.And(List.of(new SearchKey.Flag("\\Recent", true), new SearchKey.Flag("\\Seen", false)));
            case "UNANSWERED" -> new SearchKey.Flag("\\Answered", false);
            case "UNDELETED" -> new SearchKey.Flag("\\Deleted", false);
            case "UNDRAFT" -> new SearchKey.Flag("\\Draft", false);
            case "UNFLAGGED" -> new SearchKey.Flag("\\Flagged", false);
            case "UNSEEN" -> new SearchKey.Flag("\\Seen", false);
            case "KEYWORD", "UNKEYWORD" -> {
                in.sp();
                yield new SearchKey.Flag(in.atom(), key.equals("KEYWORD"));
            }
            case "BCC", "CC", "FROM", "SUBJECT", "TO" -> {
                in.sp();
                yield new SearchKey.Header(key, in.astringUtf8());
            }
            case "HEADER" -> {
                in.sp();
                String field = in.astringUtf8().toUpperCase(Locale.ROOT);
                in.sp();
                yield new SearchKey.Header(field, in.astringUtf8());
            }
            case "BODY", "TEXT" -> {
                in.sp();
                yield new SearchKey.Text(key.equals("TEXT"), in.astringUtf8());
            }
            case "BEFORE", "ON", "SINCE" -> dateKey(in, SearchKey.DateOp.valueOf(key), false);
            case "SENTBEFORE", "SENTON", "SENTSINCE" -> dateKey(in, SearchKey.DateOp.valueOf(key.substring(4)), true);
            case "LARGER", "SMALLER" -> {
                in.sp();
                yield new SearchKey.Size(key.equals("LARGER"), in.number());
            }
            case "UID" -> {
                in.sp();
                yield new SearchKey.Sequence(sequenceSet(in), true);
            }
            case "MODSEQ" -> modSeqKey(in);
            case "NOT" -> {
                in.sp();
                in.enter();
                SearchKey inner = searchKey(in);
                in.leave();
                yield new SearchKey.Not(inner);
            }
            case "OR" -> {
                in.sp();
                in.enter();
                SearchKey left = searchKey(in);
                in.sp();
                SearchKey right = searchKey(in);
                in.leave();
                yield new SearchKey.Or(left, right);
            }
            default -> {
                SequenceSet set = word.equals("$") ? SequenceSet.SAVED : SequenceSet.parse(word);
                if (set == null) {
                    throw in.bad("Unknown search key");
                }
                yield new SearchKey.Sequence(set, false);
            }
        };
    }

    /** MODSEQ [SP entry-name SP entry-type-req] SP mod-sequence-valzer (RFC 7162 §3.1.5). */
    private SearchKey modSeqKey(ImapReader in) throws ImapParseException {
        in.sp();
        if (in.peek() == '"') {
            // entry-name: a per-flag mod-sequence; this server keeps one per message, which RFC 7162 §3.1.5 allows it to use.
            String entry = in.utf8(in.string());
            if (!entry.startsWith("/flags/")) {
                throw in.bad("Invalid MODSEQ entry name");
            }
            in.sp();
            String type = in.keyword();
            if (!type.equals("PRIV") && !type.equals("SHARED") && !type.equals("ALL")) {
                throw in.bad("Invalid MODSEQ entry type");
            }
            in.sp();
        }
        return new SearchKey.ModSeq(in.modSequence(true));
    }

    private SearchKey dateKey(ImapReader in, SearchKey.DateOp op, boolean sent) throws ImapParseException {
        in.sp();
        String text = in.peek() == '"' ? new String(in.string(), StandardCharsets.US_ASCII) : in.atom();
        if (!text.matches("\\d{1,2}-[A-Za-z]{3}-\\d{4}")) {
            throw in.bad("Invalid date");
        }
        try {
            return new SearchKey.Date(op, sent, LocalDate.parse(capitalise(text), DATE));
        } catch (DateTimeParseException e) {
            throw in.bad("Invalid date");
        }
    }

    /** A sequence-set, or {@code $} (RFC 5182 §2.1: the saved search result, alone). */
    private SequenceSet sequenceSet(ImapReader in) throws ImapParseException {
        String text = in.token(c -> (c >= '0' && c <= '9') || c == ':' || c == ',' || c == '*' || c == '$');
        SequenceSet set = text.equals("$") ? SequenceSet.SAVED : SequenceSet.parse(text);
        if (set == null) {
            throw in.bad("Invalid sequence set");
        }
        return set;
    }

    /** FETCH set (macro | att | (att *(SP att))) (RFC 3501 §6.4.5). */
    private ImapCommand fetch(ImapReader in, String tag, boolean uid) throws ImapParseException {
        in.sp();
        SequenceSet set = sequenceSet(in);
        in.sp();
        List<FetchItem> items = new ArrayList<>();
        if (in.peek() == '(') {
            in.open();
            items.add(FetchItemParser.item(in));
            while (in.trySp()) {
                items.add(FetchItemParser.item(in));
            }
            in.close();
        } else {
            items.addAll(FetchItemParser.macroOrItem(in));
        }
        if (uid && !items.contains(new FetchItem.Simple(FetchItem.Kind.UID))) {
            // RFC 3501 §6.4.8: UID FETCH responses always carry the UID.
            items.add(new FetchItem.Simple(FetchItem.Kind.UID));
        }
        long changedSince = -1;
        boolean vanished = false;
        if (in.trySp()) {
            // fetch-modifiers (RFC 7162 §3.1.4.1, §3.2.6): (CHANGEDSINCE n [VANISHED]) in any order.
            in.open();
            do {
                String modifier = in.keyword();
                if (modifier.equals("CHANGEDSINCE") && changedSince < 0) {
                    in.sp();
                    changedSince = in.modSequence(true);
                } else if (modifier.equals("VANISHED") && !vanished) {
                    vanished = true;
                } else {
                    throw in.bad("Unknown or repeated FETCH modifier");
                }
            } while (in.trySp());
            in.close();
            if (vanished && (!uid || changedSince < 0)) {
                // RFC 7162 §3.2.6: VANISHED only in UID FETCH, and only with CHANGEDSINCE.
                throw in.bad("VANISHED needs UID FETCH and CHANGEDSINCE");
            }
        }
        if (changedSince >= 0 && !items.contains(new FetchItem.Simple(FetchItem.Kind.MODSEQ))) {
            // RFC 7162 §3.1.4.1: CHANGEDSINCE implies the MODSEQ item.
            items.add(new FetchItem.Simple(FetchItem.Kind.MODSEQ));
        }
        return new ImapCommand.Fetch(tag, uid, set, items, changedSince, vanished);
    }

    /** STORE set store-att-flags (RFC 3501 §6.4.6). */
    private ImapCommand store(ImapReader in, String tag, boolean uid) throws ImapParseException {
        in.sp();
        SequenceSet set = sequenceSet(in);
        in.sp();
        long unchangedSince = -1;
        if (in.peek() == '(') {
            // store-modifiers (RFC 7162 §3.1.3): (UNCHANGEDSINCE n).
            in.open();
            if (!in.keyword().equals("UNCHANGEDSINCE")) {
                throw in.bad("Unknown STORE modifier");
            }
            in.sp();
            unchangedSince = in.modSequence(true);
            in.close();
            in.sp();
        }
        String item = in.token(c -> Chars.isAtomChar(c)).toUpperCase(Locale.ROOT);
        StoreMode mode = StoreMode.REPLACE;
        if (item.startsWith("+")) {
            mode = StoreMode.ADD;
            item = item.substring(1);
        } else if (item.startsWith("-")) {
            mode = StoreMode.REMOVE;
            item = item.substring(1);
        }
        boolean silent = item.equals("FLAGS.SILENT");
        if (!silent && !item.equals("FLAGS")) {
            throw in.bad("Expected FLAGS");
        }
        in.sp();
        List<String> flags;
        if (in.peek() == '(') {
            flags = flagList(in);
        } else {
            flags = new ArrayList<>();
            flags.add(flag(in));
            while (in.trySp()) {
                flags.add(flag(in));
            }
        }
        return new ImapCommand.Store(tag, uid, set, mode, silent, flags, unchangedSince);
    }

    private ImapCommand copy(ImapReader in, String tag, boolean uid, boolean move) throws ImapParseException {
        in.sp();
        SequenceSet set = sequenceSet(in);
        in.sp();
        return new ImapCommand.Copy(tag, uid, move, set, mailbox(in));
    }

    /** ID ( *(string SP nstring) ) or ID NIL (RFC 2971 §3.1); at most 30 pairs. */
    private ImapCommand id(ImapReader in, String tag) throws ImapParseException {
        in.sp();
        Map<String, String> parameters = new LinkedHashMap<>();
        if (in.peek() != '(') {
            if (in.nstring() != null) {
                throw in.bad("Expected a list or NIL");
            }
            return new ImapCommand.Id(tag, null);
        }
        in.open();
        while (in.peek() != ')') {
            if (!parameters.isEmpty()) {
                in.sp();
            }
            String field = in.utf8(in.string());
            in.sp();
            byte[] value = in.nstring();
            if (field.length() > 30 || (value != null && value.length > 1024) || parameters.size() >= 30) {
                throw in.bad("ID field too long or too many");
            }
            parameters.put(field, value == null ? null : in.utf8(value));
        }
        in.close();
        return new ImapCommand.Id(tag, parameters);
    }

    private ImapCommand enable(ImapReader in, String tag) throws ImapParseException {
        List<String> capabilities = new ArrayList<>();
        while (in.trySp()) {
            capabilities.add(in.keyword());
        }
        if (capabilities.isEmpty()) {
            throw in.bad("Missing capability");
        }
        return new ImapCommand.Enable(tag, capabilities);
    }

    /** A mailbox (RFC 3501 §9): an astring in modified UTF-7 (UTF-8 once IMAP4rev2 is enabled), INBOX in any case made INBOX. */
    private String mailbox(ImapReader in) throws ImapParseException {
        String name = decodeName(in, in.utf8(in.astring()));
        return name.equalsIgnoreCase("INBOX") ? "INBOX" : name;
    }

    private String decodeName(ImapReader in, String wire) throws ImapParseException {
        if (utf8MailboxNames) {
            return wire;
        }
        String name = ModifiedUtf7.decode(wire);
        if (name == null) {
            throw in.bad("Mailbox name is not valid modified UTF-7");
        }
        return name;
    }
}
