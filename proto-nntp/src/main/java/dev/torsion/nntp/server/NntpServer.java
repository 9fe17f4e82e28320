package dev.torsion.nntp.server;

import dev.torsion.cred.LoginFailed;
import dev.torsion.cred.LoginResult;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.TlsCapableTransport;
import dev.torsion.nntp.NntpLimits;
import dev.torsion.nntp.parse.Article;
import dev.torsion.nntp.parse.ArticleException;
import dev.torsion.nntp.parse.ArticleRange;
import dev.torsion.nntp.parse.DateTimeArgument;
import dev.torsion.nntp.parse.MessageIds;
import dev.torsion.nntp.parse.NntpCommand;
import dev.torsion.nntp.parse.NntpCommandParser;
import dev.torsion.nntp.parse.NntpSyntaxException;
import dev.torsion.nntp.parse.Wildmat;
import dev.torsion.protocols.DotStuffedDecoder;
import dev.torsion.protocols.DotStuffedEncoder;
import dev.torsion.protocols.LineReceiver;
import dev.torsion.protocols.policies.IdleTimeout;
import dev.torsion.time.Clock;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One NNTP server session (RFC 3977) in reader and transit roles, with STARTTLS (RFC 4642) and
 * AUTHINFO USER/PASS (RFC 4643) through a cred portal, over a {@link NewsStore}.
 *
 * <p>Commands are answered one at a time: while the store or the portal works, the following
 * pipelined commands wait (RFC 3977 §3.5 allows pipelining; order is kept). Articles of POST and
 * IHAVE are read by a {@link DotStuffedDecoder} with the size and line limits of {@link NntpLimits}.
 */
public final class NntpServer extends LineReceiver {
    private static final Logger log = LoggerFactory.getLogger(NntpServer.class);
    private static final AtomicLong SESSIONS = new AtomicLong();
    private static final DateTimeFormatter DATE_REPLY = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);
    private static final List<String> READER_COMMANDS = List.of("GROUP", "LISTGROUP", "ARTICLE", "HEAD", "BODY", "STAT",
            "NEXT", "LAST", "OVER", "XOVER", "HDR", "XHDR", "NEWGROUPS", "NEWNEWS", "POST", "IHAVE", "LIST", "CHECK");

    private final NntpServerConfig config;
    private final NntpLimits limits;
    private final IdleTimeout idle;
    private final ArticleIntake intake;
    private final String sessionId = Long.toString(SESSIONS.incrementAndGet(), 36);

    private NntpState state = NntpState.COMMAND;
    private boolean tls;
    private String pendingUser;
    private int failedLogins;
    private int errors;
    private int waiting;
    private LoginResult login;
    private NewsUser user;
    private String group;
    private long current;
    private DotStuffedDecoder decoder;
    private String offeredId;
    private String takethisRefusal;

    /** A session configured by {@code config}, timing out on {@code clock}. */
    public NntpServer(NntpServerConfig config, Clock clock) {
        this.config = config;
        this.limits = config.limits();
        this.idle = new IdleTimeout(clock, this::timedOut);
        this.intake = new ArticleIntake(config.hostname(), limits.headerCount(), config.wallClock());
    }

    /** The session's state. */
    public NntpState state() {
        return state;
    }

    @Override
    public void connectionMade() {
        setMaxLength(limits.commandLineLength() - 2);
        idle.setTimeout(limits.idleTimeout());
        // RFC 3977 §5.1.1: 200 when posting is allowed, 201 when it is not.
        reply((postingPossible() ? "200 " : "201 ") + config.hostname() + " Torsion NNTP service ready");
    }

    @Override
    public void connectionLost(Failure reason) {
        idle.cancel();
        state = state.close();
        logout();
    }

    private boolean postingPossible() {
        return config.postingAllowed() && (user == null ? !config.authRequired() : user.mayPost());
    }

    // ---------------------------------------------------------------- input

    @Override
    protected void lineReceived(byte[] line) {
        if (state != NntpState.COMMAND) {
            return;
        }
        idle.resetTimeout();
        NntpCommand command;
        try {
            command = NntpCommandParser.parse(line, limits);
        } catch (NntpSyntaxException e) {
            error(e.reply());
            return;
        }
        dispatch(command);
    }

    @Override
    protected void lineLengthExceeded(byte[] line) {
        // RFC 3977 §3.1: 512 octets at most; the rest of the line cannot be told from a command.
        log.info("nntp {}: command line too long from {}", sessionId, transport().getPeer());
        closeWith("501 Line too long");
    }

    @Override
    protected void rawDataReceived(byte[] data) {
        if (decoder == null) {
            return;
        }
        idle.resetTimeout();
        int used = decoder.feed(data, 0, data.length);
        if (!decoder.isFinished()) {
            return;
        }
        byte[] rest = Arrays.copyOfRange(data, used, data.length);
        DotStuffedDecoder finished = decoder;
        decoder = null;
        NntpState receiving = state;
        state = state.articleReceived();
        if (finished.state() == DotStuffedDecoder.State.FAILED) {
            // §3.1.1: lines end in CR LF; a bare one leaves the stream's framing in doubt (smuggling).
            log.info("nntp {}: {} in an article from {}", sessionId, finished.failure(), transport().getPeer());
            closeWith(switch (receiving) {
                case RECEIVING_POST -> "441 Bare CR or LF in article";
                case RECEIVING_TAKETHIS -> "439 " + offeredId + " Bare CR or LF in article";
                default -> "437 Bare CR or LF in article";
            });
            return;
        }
        pauseProducing();
        setLineMode(rest);
        switch (receiving) {
            case RECEIVING_POST -> posted(finished);
            case RECEIVING_TAKETHIS -> taken(finished);
            default -> transferred(finished);
        }
        if (waiting == 0 && state != NntpState.CLOSED) {
            resumeProducing();
        }
    }

    private void dispatch(NntpCommand command) {
        String keyword = command.keyword();
        if (READER_COMMANDS.contains(keyword) && config.authRequired() && user == null) {
            // RFC 4643 §2.2: reading, posting and feeding need a login first.
            reply("480 Authentication required");
            return;
        }
        switch (keyword) {
            case "CAPABILITIES" -> capabilities();
            case "MODE" -> mode(command);
            case "QUIT" -> quit();
            case "HELP" -> help();
            case "DATE" -> reply("111 " + DATE_REPLY.format(ZonedDateTime.now(config.wallClock()).withZoneSameInstant(ZoneOffset.UTC)));
            case "AUTHINFO" -> authinfo(command);
            case "STARTTLS" -> starttls(command);
            case "GROUP" -> group(command);
            case "LISTGROUP" -> listgroup(command);
            case "ARTICLE", "HEAD", "BODY" -> retrieve(command);
            case "STAT" -> stat(command);
            case "NEXT" -> step(command, true);
            case "LAST" -> step(command, false);
            case "OVER", "XOVER" -> over(command);
            case "HDR", "XHDR" -> hdr(command);
            case "NEWGROUPS" -> newgroups(command);
            case "NEWNEWS" -> newnews(command);
            case "LIST" -> list(command);
            case "POST" -> post(command);
            case "IHAVE" -> ihave(command);
            case "CHECK" -> check(command);
            case "TAKETHIS" -> takethis(command);
            default -> error("500 Unknown command");
        }
    }

    // ---------------------------------------------------------------- session commands

    /** RFC 3977 §5.2, with STARTTLS (RFC 4642 §2.1) and AUTHINFO (RFC 4643 §2.1) as they are available now. */
    private void capabilities() {
        List<String> lines = new ArrayList<>();
        lines.add("VERSION 2");
        lines.add("IMPLEMENTATION Torsion");
        lines.add("READER");
        if (postingPossible()) {
            lines.add("POST");
        }
        if (config.feedingAllowed()) {
            lines.add("IHAVE");
            lines.add("STREAMING");
        }
        lines.add("NEWNEWS");
        lines.add("HDR");
        lines.add("OVER MSGID");
        lines.add("LIST ACTIVE NEWSGROUPS OVERVIEW.FMT HEADERS");
        if (startTlsOffered()) {
            lines.add("STARTTLS");
        }
        if (config.portal() != null && user == null) {
            lines.add(loginAllowed() ? "AUTHINFO USER" : "AUTHINFO");
        }
        multiline("101 Capability list:", lines);
    }

    /** RFC 3977 §5.3: this server is always in reader mode; MODE READER reports whether posting is allowed. */
    private void mode(NntpCommand command) {
        if (command.count() == 1 && command.argument(0).equalsIgnoreCase("STREAM")) {
            // RFC 4644 §2.3: CHECK and TAKETHIS work without it too; 203 says they are there.
            if (feedingPossible()) {
                reply("203 Streaming permitted");
            } else {
                error("502 Transfer permission denied");
            }
            return;
        }
        if (command.count() != 1 || !command.argument(0).equalsIgnoreCase("READER")) {
            error("501 Syntax: MODE READER|STREAM");
            return;
        }
        reply(postingPossible() ? "200 Posting allowed" : "201 Posting prohibited");
    }

    private boolean feedingPossible() {
        return config.feedingAllowed() && (user == null ? !config.authRequired() : user.mayFeed());
    }

    private void help() {
        multiline("100 Help text follows", List.of("ARTICLE [message-id|number]", "AUTHINFO USER name|PASS password",
                "BODY [message-id|number]", "CAPABILITIES", "CHECK message-id", "DATE", "GROUP newsgroup", "HDR field [message-id|range]",
                "HEAD [message-id|number]", "HELP", "IHAVE message-id", "LAST",
                "LIST [ACTIVE [wildmat]|NEWSGROUPS [wildmat]|OVERVIEW.FMT|HEADERS]", "LISTGROUP [newsgroup [range]]",
                "MODE READER|STREAM", "NEWGROUPS date time [GMT]", "NEWNEWS wildmat date time [GMT]", "NEXT",
                "OVER [message-id|range]", "POST", "QUIT", "STARTTLS", "STAT [message-id|number]", "TAKETHIS message-id"));
    }

    private void quit() {
        closeWith("205 Connection closing");
    }

    // ---------------------------------------------------------------- STARTTLS and AUTHINFO

    private boolean startTlsOffered() {
        return config.tls() != null && !tls && user == null && transport() instanceof TlsCapableTransport;
    }

    private boolean loginAllowed() {
        return tls || config.plaintextLogin();
    }

    /** RFC 4642 §2.2: 382, then TLS; not twice and not after a login (502). */
    private void starttls(NntpCommand command) {
        if (command.count() != 0) {
            error("501 Syntax: STARTTLS");
            return;
        }
        if (!startTlsOffered()) {
            error("502 STARTTLS not available");
            return;
        }
        reply("382 Continue with TLS negotiation");
        byte[] injected = clearLineBuffer();
        if (injected.length > 0) {
            // RFC 4642 §2.2.2: nothing sent in the clear after STARTTLS may count under TLS.
            log.warn("nntp {}: discarding {} plaintext bytes pipelined after STARTTLS from {}", sessionId, injected.length,
                    transport().getPeer());
        }
        pendingUser = null;
        tls = true;
        ((TlsCapableTransport) transport()).startTLS(config.tls());
    }

    /** RFC 4643 §2.3: AUTHINFO USER then AUTHINFO PASS. */
    private void authinfo(NntpCommand command) {
        if (command.count() != 2) {
            error("501 Syntax: AUTHINFO USER name|PASS password");
            return;
        }
        String sub = command.argument(0).toUpperCase(Locale.ROOT);
        if (!sub.equals("USER") && !sub.equals("PASS")) {
            error("503 Only AUTHINFO USER and PASS are supported");
            return;
        }
        if (config.portal() == null || user != null) {
            // §2.3.1: 502 once authenticated (and where logins are not offered at all).
            error("502 Command unavailable");
            return;
        }
        if (!loginAllowed()) {
            reply("483 Encryption required");
            return;
        }
        if (sub.equals("USER")) {
            pendingUser = command.argument(1);
            reply("381 Password required");
            return;
        }
        if (pendingUser == null) {
            reply("482 Authentication commands issued out of sequence");
            return;
        }
        String name = pendingUser;
        pendingUser = null;
        login(new UsernamePassword(name, command.argument(1).getBytes(StandardCharsets.UTF_8)));
    }

    private void login(UsernamePassword credentials) {
        awaitOrElse(config.portal().login(credentials, null, transport().getPeer(), NewsUser.class), result -> {
            credentials.destroy();
            login = result;
            user = result.avatar(NewsUser.class);
            log.info("nntp {}: {} logged in from {}", sessionId, user.name(), transport().getPeer());
            reply("281 Authentication accepted");
        }, failure -> {
            credentials.destroy();
            if (failure.check(LoginFailed.class) == null) {
                log.warn("nntp {}: login error: {}", sessionId, failure.getErrorMessage());
            }
            failedLogins++;
            log.info("nntp {}: failed login from {}", sessionId, transport().getPeer());
            if (failedLogins >= limits.failedLogins()) {
                closeWith("481 Authentication failed, too many attempts");
            } else {
                reply("481 Authentication failed");
            }
        });
    }

    // ---------------------------------------------------------------- groups and articles

    /** RFC 3977 §6.1.1. */
    private void group(NntpCommand command) {
        if (command.count() != 1) {
            error("501 Syntax: GROUP newsgroup");
            return;
        }
        await(config.store().group(command.argument(0)), found -> {
            if (found.isEmpty()) {
                reply("411 No such newsgroup");
                return;
            }
            select(found.get());
            reply(groupLine(found.get()));
        });
    }

    private void select(GroupInfo info) {
        group = info.name();
        // §6.1.1.2: the current article is the first one, or invalid for an empty group.
        current = info.count() > 0 ? info.low() : 0;
    }

    private static String groupLine(GroupInfo info) {
        return "211 " + info.count() + " " + info.low() + " " + info.high() + " " + info.name();
    }

    /** RFC 3977 §6.1.2. */
    private void listgroup(NntpCommand command) {
        if (command.count() > 2) {
            error("501 Syntax: LISTGROUP [newsgroup [range]]");
            return;
        }
        ArticleRange range = new ArticleRange(1, ArticleRange.MAX_NUMBER);
        if (command.count() == 2) {
            try {
                range = ArticleRange.parse(command.argument(1));
            } catch (NntpSyntaxException e) {
                error(e.reply());
                return;
            }
        }
        String name = command.count() >= 1 ? command.argument(0) : group;
        if (name == null) {
            reply("412 No newsgroup selected");
            return;
        }
        ArticleRange wanted = range;
        await(config.store().group(name), found -> {
            if (found.isEmpty()) {
                reply("411 No such newsgroup");
                return;
            }
            select(found.get());
            await(config.store().overview(name, wanted), entries -> {
                List<String> numbers = new ArrayList<>();
                for (OverviewEntry entry : entries) {
                    numbers.add(Long.toString(entry.number()));
                }
                multiline(groupLine(found.get()) + " list follows", numbers);
            });
        });
    }

    /** ARTICLE, HEAD and BODY (RFC 3977 §6.2.1-§6.2.3). */
    private void retrieve(NntpCommand command) {
        String keyword = command.keyword();
        target(command, keyword + " [message-id|number]", found -> {
            Article article = found.article().article();
            String first = found.number() + " " + article.messageId();
            switch (keyword) {
                case "ARTICLE" -> block("220 " + first + " Article follows", article.bytes());
                case "HEAD" -> block("221 " + first + " Headers follow", article.head());
                default -> block("222 " + first + " Body follows", article.body());
            }
        });
    }

    /** STAT (RFC 3977 §6.2.4): as ARTICLE, without the text. */
    private void stat(NntpCommand command) {
        target(command, "STAT [message-id|number]", found -> reply("223 " + found.number() + " "
                + found.article().article().messageId() + " Article exists"));
    }

    private record Target(StoredArticle article, long number) {
    }

    /** Finds the article a retrieval command names (§6.2.1.2), answering 412, 420, 423 or 430 when there is none. */
    private void target(NntpCommand command, String syntax, Consumer<Target> then) {
        if (command.count() > 1) {
            error("501 Syntax: " + syntax);
            return;
        }
        if (command.count() == 1 && MessageIds.looksLikeMessageId(command.argument(0))) {
            String id = command.argument(0);
            if (!MessageIds.isValid(id)) {
                error("501 Bad message-id");
                return;
            }
            // §6.2.1.2: by message-id the number is 0 and the current article does not change.
            await(config.store().article(id), found -> found.ifPresentOrElse(a -> then.accept(new Target(a, 0)),
                    () -> reply("430 No article with that message-id")));
            return;
        }
        long number;
        if (command.count() == 1) {
            try {
                number = ArticleRange.number(command.argument(0));
            } catch (NntpSyntaxException e) {
                error(e.reply());
                return;
            }
        } else {
            number = current;
        }
        if (group == null) {
            reply("412 No newsgroup selected");
            return;
        }
        if (number == 0) {
            reply(command.count() == 1 ? "423 No article with that number" : "420 Current article number is invalid");
            return;
        }
        boolean explicit = command.count() == 1;
        await(config.store().article(group, number), found -> {
            if (found.isEmpty()) {
                reply(explicit ? "423 No article with that number" : "420 Current article number is invalid");
                return;
            }
            current = number;
            then.accept(new Target(found.get(), number));
        });
    }

    /** NEXT (§6.1.3) and LAST (§6.1.4). */
    private void step(NntpCommand command, boolean forward) {
        if (command.count() != 0) {
            error("501 Syntax: " + command.keyword());
            return;
        }
        if (group == null) {
            reply("412 No newsgroup selected");
            return;
        }
        if (current == 0) {
            reply("420 Current article number is invalid");
            return;
        }
        await(config.store().neighbour(group, current, forward), found -> {
            if (found.isEmpty()) {
                reply(forward ? "421 No next article in this group" : "422 No previous article in this group");
                return;
            }
            current = found.get().number();
            reply("223 " + current + " " + found.get().messageId() + " Article found");
        });
    }

    /** OVER and XOVER (RFC 3977 §8.3). */
    private void over(NntpCommand command) {
        entries(command, "OVER [message-id|range]", entries -> {
            List<String> lines = new ArrayList<>();
            for (OverviewEntry entry : entries) {
                lines.add(entry.line());
            }
            multiline("224 Overview information follows", lines);
        });
    }

    /**
     * HDR and XHDR (RFC 3977 §8.5): overview fields and metadata from the overview, any other
     * field from the articles themselves (LIST HEADERS answers {@code :}, §8.6.2).
     */
    private void hdr(NntpCommand command) {
        if (command.count() < 1 || command.count() > 2) {
            error("501 Syntax: HDR field [message-id|range]");
            return;
        }
        String field = command.argument(0);
        NntpCommand rest = new NntpCommand(command.keyword(), command.arguments().subList(1, command.count()));
        if (field.startsWith(":") && OverviewEntry.FORMAT.stream().noneMatch(field::equalsIgnoreCase)) {
            error("503 No such metadata item");
            return;
        }
        if (OverviewEntry.isOverviewField(field)) {
            entries(rest, "HDR field [message-id|range]", entries -> {
                List<String> lines = new ArrayList<>();
                for (OverviewEntry entry : entries) {
                    lines.add(entry.number() + " " + entry.field(field));
                }
                multiline("225 Headers follow", lines);
            });
            return;
        }
        // Any other field: the overview finds the articles (and answers 412, 420, 423, 430), the store reads them.
        entries(rest, "HDR field [message-id|range]", entries -> {
            Deferred<List<HeaderValue>> values;
            if (rest.count() == 1 && MessageIds.looksLikeMessageId(rest.argument(0))) {
                values = config.store().header(rest.argument(0), field).addCallback(found -> found.map(List::of).orElse(List.of()));
            } else {
                values = config.store().header(group, new ArticleRange(entries.get(0).number(),
                        entries.get(entries.size() - 1).number()), field);
            }
            await(values, found -> {
                List<String> lines = new ArrayList<>();
                for (HeaderValue value : found) {
                    lines.add(value.line());
                }
                multiline("225 Headers follow", lines);
            });
        });
    }

    /** The overview entries OVER and HDR name (§8.3.2): a message-id, a range or the current article. */
    private void entries(NntpCommand command, String syntax, Consumer<List<OverviewEntry>> then) {
        if (command.count() > 1) {
            error("501 Syntax: " + syntax);
            return;
        }
        if (command.count() == 1 && MessageIds.looksLikeMessageId(command.argument(0))) {
            if (!MessageIds.isValid(command.argument(0))) {
                error("501 Bad message-id");
                return;
            }
            await(config.store().overview(command.argument(0)), found -> found.ifPresentOrElse(e -> then.accept(List.of(e)),
                    () -> reply("430 No article with that message-id")));
            return;
        }
        ArticleRange range;
        if (command.count() == 1) {
            try {
                range = ArticleRange.parse(command.argument(0));
            } catch (NntpSyntaxException e) {
                error(e.reply());
                return;
            }
        } else {
            range = new ArticleRange(current, current);
        }
        if (group == null) {
            reply("412 No newsgroup selected");
            return;
        }
        if (command.count() == 0 && current == 0) {
            reply("420 Current article number is invalid");
            return;
        }
        await(config.store().overview(group, range), entries -> {
            if (entries.isEmpty()) {
                reply(command.count() == 0 ? "420 Current article number is invalid" : "423 No articles in that range");
                return;
            }
            then.accept(entries);
        });
    }

    // ---------------------------------------------------------------- lists

    /** NEWGROUPS (RFC 3977 §7.3). */
    private void newgroups(NntpCommand command) {
        Instant since = since(command, 0, "NEWGROUPS date time [GMT]");
        if (since == null) {
            return;
        }
        await(config.store().groups(), groups -> {
            List<String> lines = new ArrayList<>();
            for (GroupInfo info : groups) {
                if (!info.created().isBefore(since)) {
                    lines.add(info.activeLine());
                }
            }
            multiline("231 List of new newsgroups follows", lines);
        });
    }

    /** NEWNEWS (RFC 3977 §7.4). */
    private void newnews(NntpCommand command) {
        if (command.count() < 3) {
            error("501 Syntax: NEWNEWS wildmat date time [GMT]");
            return;
        }
        Wildmat groups;
        try {
            groups = Wildmat.parse(command.argument(0));
        } catch (NntpSyntaxException e) {
            error(e.reply());
            return;
        }
        Instant since = since(command, 1, "NEWNEWS wildmat date time [GMT]");
        if (since != null) {
            await(config.store().newNews(groups, since), ids -> multiline("230 List of new articles follows", ids));
        }
    }

    /** The date and time at {@code first} (§7.3.2), or null after answering 501. */
    private Instant since(NntpCommand command, int first, String syntax) {
        int count = command.count() - first;
        if (count < 2 || count > 3 || count == 3 && !command.argument(first + 2).equals("GMT")) {
            error("501 Syntax: " + syntax);
            return null;
        }
        try {
            return DateTimeArgument.parse(command.argument(first), command.argument(first + 1),
                    ZonedDateTime.now(config.wallClock()).withZoneSameInstant(ZoneOffset.UTC));
        } catch (NntpSyntaxException e) {
            error(e.reply());
            return null;
        }
    }

    /** LIST ACTIVE, NEWSGROUPS, OVERVIEW.FMT and HEADERS (RFC 3977 §7.6, §8.4, §8.6). */
    private void list(NntpCommand command) {
        String keyword = command.count() == 0 ? "ACTIVE" : command.argument(0).toUpperCase(Locale.ROOT);
        if (command.count() > 2) {
            error("501 Syntax: LIST [keyword [argument]]");
            return;
        }
        switch (keyword) {
            case "ACTIVE" -> listGroups(command, GroupInfo::activeLine);
            case "NEWSGROUPS" -> listGroups(command, info -> info.name() + "\t" + info.description());
            case "OVERVIEW.FMT" -> multiline("215 Order of fields in overview database", OverviewEntry.FORMAT);
            case "HEADERS" -> multiline("215 Headers supported", List.of(":", ":bytes", ":lines"));
            default -> error("501 Unknown LIST keyword");
        }
    }

    private void listGroups(NntpCommand command, Function<GroupInfo, String> line) {
        Wildmat filter = Wildmat.any();
        if (command.count() == 2) {
            try {
                filter = Wildmat.parse(command.argument(1));
            } catch (NntpSyntaxException e) {
                error(e.reply());
                return;
            }
        }
        Wildmat wanted = filter;
        await(config.store().groups(), groups -> {
            List<String> lines = new ArrayList<>();
            for (GroupInfo info : groups) {
                if (wanted.matches(info.name())) {
                    lines.add(line.apply(info));
                }
            }
            multiline("215 List of newsgroups follows", lines);
        });
    }

    // ---------------------------------------------------------------- POST and IHAVE

    /** RFC 3977 §6.3.1. */
    private void post(NntpCommand command) {
        if (command.count() != 0) {
            error("501 Syntax: POST");
            return;
        }
        if (!postingPossible()) {
            reply("440 Posting not permitted");
            return;
        }
        state = state.post();
        receive();
        reply("340 Input article; end with <CR-LF>.<CR-LF>");
    }

    /** RFC 3977 §6.3.2. */
    private void ihave(NntpCommand command) {
        if (command.count() != 1 || !MessageIds.isValid(command.argument(0))) {
            error("501 Syntax: IHAVE message-id");
            return;
        }
        if (!config.feedingAllowed() || user != null && !user.mayFeed()) {
            error("502 Transfer permission denied");
            return;
        }
        String id = command.argument(0);
        await(config.store().has(id), known -> {
            if (known) {
                reply("435 Article not wanted");
                return;
            }
            offeredId = id;
            state = state.ihave();
            receive();
            reply("335 Send it; end with <CR-LF>.<CR-LF>");
        });
    }

    /** CHECK (RFC 4644 §2.4): 238 send it, 438 not wanted; the message-id is echoed. */
    private void check(NntpCommand command) {
        if (command.count() != 1 || !MessageIds.isValid(command.argument(0))) {
            error("501 Syntax: CHECK message-id");
            return;
        }
        if (!feedingPossible()) {
            error("502 Transfer permission denied");
            return;
        }
        String id = command.argument(0);
        await(config.store().has(id), known -> reply((known ? "438 " : "238 ") + id));
    }

    /**
     * TAKETHIS (RFC 4644 §2.5): the article follows the command unasked, so it is read even when it
     * will be refused (a refusal before it would make its lines commands); then 239 or 439.
     */
    private void takethis(NntpCommand command) {
        if (command.count() != 1 || !MessageIds.isValid(command.argument(0))) {
            // Without a usable message-id the article that follows cannot be told from commands.
            closeWith("501 Syntax: TAKETHIS message-id");
            return;
        }
        offeredId = command.argument(0);
        takethisRefusal = feedingPossible() ? null : config.authRequired() && user == null ? "Authentication required"
                : "Transfer permission denied";
        state = state.takethis();
        receive();
    }

    /** The article of a TAKETHIS arrived: as IHAVE's, answered with 239 or 439 and the message-id. */
    private void taken(DotStuffedDecoder block) {
        String id = offeredId;
        offeredId = null;
        if (takethisRefusal != null) {
            reply("439 " + id + " " + takethisRefusal);
            return;
        }
        Article article;
        try {
            article = intake.transferred(block, id);
        } catch (ArticleException e) {
            log.info("nntp {}: rejected a streamed article from {}: {}", sessionId, transport().getPeer(), e.getMessage());
            reply("439 " + id + " " + e.getMessage());
            return;
        }
        awaitOrElse(config.store().store(article), result -> reply("239 " + id), failure -> {
            if (failure.check(ArticleException.class, DuplicateArticleException.class) == null) {
                log.warn("nntp {}: storing a streamed article failed: {}", sessionId, failure.getErrorMessage());
            }
            // RFC 4644 has no "try later" for TAKETHIS: a feeder may offer it again by CHECK.
            reply("439 " + id + " " + failure.getErrorMessage());
        });
    }

    private void receive() {
        decoder = new DotStuffedDecoder(limits.articleLineLength(), limits.articleSize());
        setRawMode();
    }

    /** The article of a POST arrived: check it, complete it as an injecting agent (RFC 5537 §3.5), store it. */
    private void posted(DotStuffedDecoder block) {
        Article article;
        try {
            article = intake.posted(block);
        } catch (ArticleException e) {
            log.info("nntp {}: refused a posted article from {}: {}", sessionId, transport().getPeer(), e.getMessage());
            reply("441 " + e.getMessage());
            return;
        }
        Article stored = article;
        awaitOrElse(config.store().store(stored), result -> reply("240 Article received OK " + stored.messageId()), failure -> {
            if (failure.check(ArticleException.class, DuplicateArticleException.class) != null) {
                reply("441 " + failure.getErrorMessage());
            } else {
                log.warn("nntp {}: storing a posted article failed: {}", sessionId, failure.getErrorMessage());
                reply("441 Posting failed");
            }
        });
    }

    /** The article of an IHAVE arrived: check it, add this server to its Path (RFC 5537 §3.2), store it. */
    private void transferred(DotStuffedDecoder block) {
        String id = offeredId;
        offeredId = null;
        Article article;
        try {
            article = intake.transferred(block, id);
        } catch (ArticleException e) {
            log.info("nntp {}: rejected a transferred article from {}: {}", sessionId, transport().getPeer(), e.getMessage());
            reply("437 " + e.getMessage());
            return;
        }
        awaitOrElse(config.store().store(article), result -> reply("235 Article transferred OK"), failure -> {
            if (failure.check(ArticleException.class, DuplicateArticleException.class) != null) {
                reply("437 " + failure.getErrorMessage());
            } else {
                // §6.3.2.2: 436 asks the feeder to offer it again later.
                log.warn("nntp {}: storing a transferred article failed: {}", sessionId, failure.getErrorMessage());
                reply("436 Transfer failed, try again later");
            }
        });
    }

    // ---------------------------------------------------------------- waiting on Deferreds

    /** Pauses reading until {@code deferred} fires, then runs {@code then}; a failure earns 403. */
    private <T> void await(Deferred<T> deferred, Consumer<T> then) {
        awaitOrElse(deferred, then, failure -> {
            log.warn("nntp {}: the news store failed: {}", sessionId, failure.getErrorMessage());
            reply("403 Internal fault");
        });
    }

    private <T> void awaitOrElse(Deferred<T> deferred, Consumer<T> then, Consumer<Failure> otherwise) {
        waiting++;
        pauseProducing();
        deferred.addBoth((value, failure) -> {
            waiting--;
            if (state != NntpState.CLOSED) {
                if (failure == null) {
                    then.accept(value);
                } else {
                    otherwise.accept(failure);
                }
            } else if (failure == null && value instanceof LoginResult result) {
                result.logout();
            }
            if (waiting == 0 && state != NntpState.CLOSED) {
                resumeProducing();
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- replies

    private void reply(String line) {
        transport().write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A 5xx reply: counted, and too many of them end the session. */
    private void error(String line) {
        reply(line);
        errors++;
        if (errors >= limits.errorsBeforeDisconnect() && state != NntpState.CLOSED) {
            log.info("nntp {}: too many errors from {}", sessionId, transport().getPeer());
            closeWith("400 Too many errors");
        }
    }

    private void multiline(String first, List<String> lines) {
        byte[] head = (first + "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = DotStuffedEncoder.encodeLines(lines);
        transport().write(concat(head, body));
    }

    private void block(String first, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 128);
        byte[] head = (first + "\r\n").getBytes(StandardCharsets.UTF_8);
        out.write(head, 0, head.length);
        DotStuffedEncoder.stuff(content, out);
        out.write('.');
        out.write('\r');
        out.write('\n');
        transport().write(out.toByteArray());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private void timedOut() {
        if (state != NntpState.CLOSED) {
            log.info("nntp {}: idle timeout from {}", sessionId, transport().getPeer());
            closeWith("400 Idle timeout, closing connection");
        }
    }

    private void closeWith(String line) {
        boolean wasOpen = state != NntpState.CLOSED;
        state = state.close();
        idle.cancel();
        if (wasOpen) {
            reply(line);
        }
        decoder = null;
        clearLineBuffer();
        logout();
        transport().loseConnection();
    }

    private void logout() {
        if (login != null) {
            LoginResult done = login;
            login = null;
            user = null;
            done.logout();
        }
    }

    /** The user logged in on this session, if any. */
    public Optional<NewsUser> user() {
        return Optional.ofNullable(user);
    }
}
