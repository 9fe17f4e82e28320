package dev.torsion.irc.client;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.irc.codec.CaseMapping;
import dev.torsion.irc.codec.IrcLineFramer;
import dev.torsion.irc.codec.IrcLineFramer.Frame;
import dev.torsion.irc.codec.IrcMessage;
import dev.torsion.irc.codec.IrcMessageParser;
import dev.torsion.irc.codec.IrcMessageWriter;
import dev.torsion.irc.codec.IrcParseException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An IRC client connection in the model of Twisted's {@code IRCClient}: subclass it and override
 * the callbacks ({@link #signedOn()}, {@link #privmsg}, {@link #joined}, ...), or use it as it
 * is with the Deferred API ({@link #registered()}, {@link #whois}, {@link #names}).
 *
 * <p>Registration negotiates IRCv3 capabilities ({@code CAP LS 302}, REQ of those wanted and
 * offered) and SASL PLAIN when an account is configured, then NICK and USER; a nickname in use
 * (433) is retried with {@code _} appended. PINGs are answered; CTCP VERSION, PING and TIME
 * are answered by NOTICE (CTCP, "draft-oakley-irc-ctcp"), ACTION goes to {@link #action}.
 */
public class IrcClient extends Protocol {
    private static final Logger log = LoggerFactory.getLogger(IrcClient.class);
    private static final char CTCP = '\u0001';
    /** Servers may send long tagged lines; the client is lenient (8191 + 8191 bytes). */
    private static final int MAX_LINE = 8191;
    /** The longest text sent in one PRIVMSG; longer text is split (RFC 1459 §2.3: 512 with the prefix the server adds). */
    private static final int MAX_TEXT = 400;
    private static final int SASL_CHUNK = 400;

    private final IrcClientConfig config;
    private final IrcLineFramer framer = new IrcLineFramer(2 * MAX_LINE, 1 << 20);
    private final IrcMessageParser parser = new IrcMessageParser(MAX_LINE, MAX_LINE);
    private final IrcMessageWriter writer = new IrcMessageWriter(512);
    private final Deferred<String> registered = new Deferred<>();
    private final Set<String> enabled = new LinkedHashSet<>();
    private final Set<String> offered = new LinkedHashSet<>();
    private final Map<String, Deque<WhoisCollector>> whois = new HashMap<>();
    private final Map<String, Deque<NamesCollector>> names = new HashMap<>();
    private CaseMapping caseMapping = CaseMapping.RFC1459;
    private IrcClientState state = IrcClientState.NEGOTIATING;
    private String nick;
    private int nickAttempts;

    /** A client configured by {@code config}. */
    public IrcClient(IrcClientConfig config) {
        this.config = config;
        this.nick = config.nick();
    }

    /** The state of the connection. */
    public IrcClientState state() {
        return state;
    }

    /** The nickname now in use (or being tried). */
    public String nickname() {
        return nick;
    }

    /** The IRCv3 capabilities the server acknowledged. */
    public Set<String> capabilities() {
        return Set.copyOf(enabled);
    }

    /** Fires with the nickname once the server sent 001; fails if registration fails. */
    public Deferred<String> registered() {
        return registered;
    }

    // ---------------------------------------------------------------- connection

    @Override
    public void connectionMade() {
        // IRCv3 capability negotiation: CAP LS 302 first suspends registration until CAP END.
        send("CAP", "LS", "302");
        if (config.password() != null) {
            send("PASS", config.password());
        }
        send("NICK", nick);
        send("USER", config.username(), "0", "*", config.realname());
    }

    @Override
    public void dataReceived(byte[] data) {
        framer.feed(data);
        for (Frame frame = framer.next(); frame != null && state != IrcClientState.CLOSED; frame = framer.next()) {
            if (frame.isTooLong()) {
                log.warn("irc client: line too long from the server, dropped");
                continue;
            }
            try {
                handle(parser.parse(frame.line()));
            } catch (IrcParseException e) {
                log.warn("irc client: bad line from the server: {}", e.getMessage());
            }
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        state = state.close();
        IrcClientException lost = new IrcClientException("", "connection lost");
        if (!registered.isCalled()) {
            registered.errback(lost);
        }
        for (Deque<WhoisCollector> pending : whois.values()) {
            pending.forEach(c -> c.result.errback(lost));
        }
        for (Deque<NamesCollector> pending : names.values()) {
            pending.forEach(c -> c.result.errback(lost));
        }
        whois.clear();
        names.clear();
    }

    // ---------------------------------------------------------------- commands

    /** Sends one message built from {@code command} and {@code params}. */
    public void send(String command, String... params) {
        sendMessage(IrcMessage.of(command, params));
    }

    /** Sends {@code message} as it is. */
    public void sendMessage(IrcMessage message) {
        transport().write(writer.write(message));
    }

    /** JOIN {@code channel}. */
    public void join(String channel) {
        send("JOIN", channel);
    }

    /** JOIN {@code channel} with its key. */
    public void join(String channel, String key) {
        send("JOIN", channel, key);
    }

    /** PART {@code channel} with {@code reason}. */
    public void part(String channel, String reason) {
        send("PART", channel, reason);
    }

    /** PRIVMSG, split into several messages when long. */
    public void msg(String target, String text) {
        for (String piece : split(text)) {
            send("PRIVMSG", target, piece);
        }
    }

    /** NOTICE. */
    public void notice(String target, String text) {
        send("NOTICE", target, text);
    }

    /** CTCP ACTION ("/me"). */
    public void describe(String target, String action) {
        send("PRIVMSG", target, CTCP + "ACTION " + action + CTCP);
    }

    /** A CTCP query (VERSION, PING token, TIME); the answer comes to {@link #ctcpReply}. */
    public void ctcpQuery(String target, String tag, String data) {
        send("PRIVMSG", target, CTCP + tag + (data == null || data.isEmpty() ? "" : " " + data) + CTCP);
    }

    /** TOPIC {@code channel} {@code topic}. */
    public void topic(String channel, String topic) {
        send("TOPIC", channel, topic);
    }

    /** MODE {@code target} {@code modes} {@code args...}. */
    public void mode(String target, String modes, String... args) {
        String[] params = new String[args.length + 2];
        params[0] = target;
        params[1] = modes;
        System.arraycopy(args, 0, params, 2, args.length);
        send("MODE", params);
    }

    /** KICK. */
    public void kick(String channel, String nickname, String reason) {
        send("KICK", channel, nickname, reason);
    }

    /** AWAY with a message, or back with null. */
    public void away(String message) {
        if (message == null) {
            send("AWAY");
        } else {
            send("AWAY", message);
        }
    }

    /** NICK: asks for another nickname; {@link #nickChanged} says when it is taken. */
    public void setNick(String newNick) {
        send("NICK", newNick);
    }

    /** QUIT with {@code reason}; the server closes the connection. */
    public void quit(String reason) {
        send("QUIT", reason);
    }

    /** WHOIS {@code nickname}: fires with what the server said, fails with 401 for nobody. */
    public Deferred<WhoisReply> whois(String nickname) {
        WhoisCollector collector = new WhoisCollector(nickname);
        whois.computeIfAbsent(fold(nickname), k -> new ArrayDeque<>()).add(collector);
        send("WHOIS", nickname);
        return collector.result;
    }

    /** NAMES {@code channel}: fires with the members, status prefixes included. */
    public Deferred<List<String>> names(String channel) {
        NamesCollector collector = new NamesCollector();
        names.computeIfAbsent(fold(channel), k -> new ArrayDeque<>()).add(collector);
        send("NAMES", channel);
        return collector.result;
    }

    // ---------------------------------------------------------------- callbacks (override)

    /** Registration completed (001). */
    protected void signedOn() {
    }

    /** A PRIVMSG (not CTCP) from {@code user} ({@code nick!user@host}) to {@code target}. */
    protected void privmsg(String user, String target, String message) {
    }

    /** A NOTICE (not a CTCP reply). */
    protected void noticed(String user, String target, String message) {
    }

    /** A CTCP ACTION. */
    protected void action(String user, String target, String action) {
    }

    /** A CTCP reply (a NOTICE wrapped in \u0001) to one of our {@link #ctcpQuery}s. */
    protected void ctcpReply(String user, String tag, String data) {
    }

    /** We joined {@code channel}. */
    protected void joined(String channel) {
    }

    /** We left {@code channel}. */
    protected void left(String channel) {
    }

    /** Someone else joined. */
    protected void userJoined(String user, String channel) {
    }

    /** Someone else left (PART). */
    protected void userLeft(String user, String channel) {
    }

    /** Someone quit. */
    protected void userQuit(String user, String reason) {
    }

    /** We were kicked. */
    protected void kickedFrom(String channel, String kicker, String reason) {
    }

    /** A topic was set. */
    protected void topicUpdated(String user, String channel, String topic) {
    }

    /** Modes changed on a channel or on us. */
    protected void modeChanged(String user, String target, String modes, List<String> args) {
    }

    /** A user sharing a channel went away ({@code message}) or came back (null) (IRCv3 away-notify). */
    protected void userAway(String user, String message) {
    }

    /** A user sharing a channel logged in as {@code account}, or out ("*") (IRCv3 account-notify). */
    protected void userAccount(String user, String account) {
    }

    /** Our nickname changed (NICK accepted, or a collision during registration). */
    protected void nickChanged(String newNick) {
    }

    /** Every message, before the callbacks above. */
    protected void messageReceived(IrcMessage message) {
    }

    // ---------------------------------------------------------------- dispatch

    private void handle(IrcMessage m) {
        messageReceived(m);
        switch (m.command()) {
            case "PING" -> send("PONG", m.param(0) == null ? "" : m.param(0));
            case "CAP" -> cap(m);
            case "AUTHENTICATE" -> authenticate(m);
            case "001" -> welcomed(m);
            case "005" -> isupport(m);
            case "433", "432" -> nickInUse(m);
            case "903", "904", "905", "906", "907" -> saslDone(m);
            case "PRIVMSG" -> privmsgReceived(m);
            case "NOTICE" -> noticeReceived(m);
            case "JOIN" -> joinReceived(m);
            case "PART" -> partReceived(m);
            case "KICK" -> kickReceived(m);
            case "QUIT" -> userQuit(m.source(), m.param(0));
            case "NICK" -> nickReceived(m);
            case "TOPIC" -> topicUpdated(m.source(), m.param(0), m.param(1));
            case "AWAY" -> userAway(m.source(), m.param(0));
            case "ACCOUNT" -> userAccount(m.source(), m.param(0));
            case "MODE" -> modeChanged(m.source(), m.param(0), m.param(1), m.params().subList(Math.min(2, m.params().size()),
                    m.params().size()));
            case "ERROR" -> {
                if (!registered.isCalled()) {
                    registered.errback(new IrcClientException("ERROR", String.valueOf(m.param(0))));
                }
            }
            default -> replies(m);
        }
    }

    private void replies(IrcMessage m) {
        if (m.isNumeric()) {
            WhoisCollector.numeric(this, m);
            NamesCollector.numeric(this, m);
            if (!registered.isCalled() && (m.command().equals("464") || m.command().equals("465"))) {
                registered.errback(new IrcClientException(m.command(), String.valueOf(m.trailing())));
            }
        }
    }

    /** IRCv3: LS (maybe over several lines, "*" marking more), ACK, NAK. */
    private void cap(IrcMessage m) {
        String sub = m.param(1) == null ? "" : m.param(1).toUpperCase(Locale.ROOT);
        switch (sub) {
            case "LS" -> {
                boolean more = m.params().size() > 3 && m.param(2).equals("*");
                for (String token : m.trailing().split(" ")) {
                    if (!token.isEmpty()) {
                        int equals = token.indexOf('=');
                        offered.add(equals < 0 ? token : token.substring(0, equals));
                    }
                }
                if (!more && state == IrcClientState.NEGOTIATING) {
                    requestCapabilities();
                }
            }
            case "ACK" -> {
                for (String token : m.trailing().split(" ")) {
                    if (token.startsWith("-")) {
                        enabled.remove(token.substring(1));
                    } else if (!token.isEmpty()) {
                        enabled.add(token);
                    }
                }
                afterAck();
            }
            case "NAK" -> endNegotiation();
            default -> {
                // CAP NEW, DEL, LIST: nothing to do for a client that does not re-request.
            }
        }
    }

    private void requestCapabilities() {
        List<String> wanted = new ArrayList<>();
        for (String cap : config.capabilities()) {
            if (offered.contains(cap)) {
                wanted.add(cap);
            }
        }
        if (config.saslAccount() != null) {
            if (!offered.contains("sasl")) {
                // A client told to log in does not go on anonymously.
                registered.errback(new IrcClientException("", "the server offers no SASL"));
                send("QUIT", "SASL unavailable");
                return;
            }
            wanted.add("sasl");
        }
        if (wanted.isEmpty()) {
            endNegotiation();
        } else {
            send("CAP", "REQ", String.join(" ", wanted));
        }
    }

    private void afterAck() {
        if (state != IrcClientState.NEGOTIATING) {
            return;
        }
        if (enabled.contains("sasl") && config.saslAccount() != null) {
            state = state.saslStarted();
            send("AUTHENTICATE", "PLAIN");
        } else {
            endNegotiation();
        }
    }

    private void endNegotiation() {
        if (state == IrcClientState.NEGOTIATING || state == IrcClientState.AUTHENTICATING) {
            state = state.negotiationEnded();
            send("CAP", "END");
        }
    }

    /** RFC 4616 PLAIN in chunks of 400 (IRCv3 sasl), "+" after a full last chunk. */
    private void authenticate(IrcMessage m) {
        if (state != IrcClientState.AUTHENTICATING || !"+".equals(m.param(0))) {
            return;
        }
        String response = Base64.getEncoder().encodeToString(("\0" + config.saslAccount() + "\0" + config.saslPassword())
                .getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < response.length(); i += SASL_CHUNK) {
            send("AUTHENTICATE", response.substring(i, Math.min(response.length(), i + SASL_CHUNK)));
        }
        if (response.length() % SASL_CHUNK == 0) {
            send("AUTHENTICATE", "+");
        }
    }

    private void saslDone(IrcMessage m) {
        if (!m.command().equals("903") && !registered.isCalled()) {
            log.info("irc client: SASL failed: {}", m.trailing());
            registered.errback(new IrcClientException(m.command(), String.valueOf(m.trailing())));
            send("QUIT", "SASL failed");
            return;
        }
        endNegotiation();
    }

    private void welcomed(IrcMessage m) {
        state = state.welcomed();
        nick = m.param(0);
        if (!registered.isCalled()) {
            registered.callback(nick);
        }
        signedOn();
    }

    private void isupport(IrcMessage m) {
        for (String token : m.params()) {
            if (token.startsWith("CASEMAPPING=")) {
                String value = token.substring("CASEMAPPING=".length());
                for (CaseMapping mapping : CaseMapping.values()) {
                    if (mapping.token().equals(value)) {
                        caseMapping = mapping;
                    }
                }
            }
        }
    }

    /** Twisted's alterCollidedNick: during registration, try the nickname with '_' appended. */
    private void nickInUse(IrcMessage m) {
        if (state == IrcClientState.REGISTERED) {
            return;
        }
        if (++nickAttempts > config.maxNickAttempts()) {
            registered.errback(new IrcClientException(m.command(), "no free nickname"));
            send("QUIT", "no free nickname");
            return;
        }
        nick = nick + "_";
        send("NICK", nick);
        nickChanged(nick);
    }

    private void privmsgReceived(IrcMessage m) {
        String text = m.param(1) == null ? "" : m.param(1);
        if (text.length() >= 2 && text.charAt(0) == CTCP) {
            ctcpQueryReceived(m, text);
        } else {
            privmsg(m.source(), m.param(0), text);
        }
    }

    private void ctcpQueryReceived(IrcMessage m, String text) {
        String body = text.substring(1, text.charAt(text.length() - 1) == CTCP ? text.length() - 1 : text.length());
        int space = body.indexOf(' ');
        String tag = (space < 0 ? body : body.substring(0, space)).toUpperCase(Locale.ROOT);
        String data = space < 0 ? "" : body.substring(space + 1);
        String from = m.sourceNick();
        switch (tag) {
            case "ACTION" -> action(m.source(), m.param(0), data);
            case "VERSION" -> ctcpAnswer(from, "VERSION " + config.version());
            case "PING" -> ctcpAnswer(from, data.isEmpty() ? "PING" : "PING " + data);
            case "TIME" -> ctcpAnswer(from, "TIME " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
            default -> log.debug("irc client: unanswered CTCP {} from {}", tag, from);
        }
    }

    private void ctcpAnswer(String to, String body) {
        if (to != null) {
            send("NOTICE", to, CTCP + body + CTCP);
        }
    }

    private void noticeReceived(IrcMessage m) {
        String text = m.param(1) == null ? "" : m.param(1);
        if (text.length() >= 2 && text.charAt(0) == CTCP) {
            String body = text.substring(1, text.charAt(text.length() - 1) == CTCP ? text.length() - 1 : text.length());
            int space = body.indexOf(' ');
            ctcpReply(m.source(), space < 0 ? body : body.substring(0, space), space < 0 ? "" : body.substring(space + 1));
        } else {
            noticed(m.source(), m.param(0), text);
        }
    }

    private boolean isMe(IrcMessage m) {
        return m.sourceNick() != null && caseMapping.equal(m.sourceNick(), nick);
    }

    private void joinReceived(IrcMessage m) {
        if (isMe(m)) {
            joined(m.param(0));
        } else {
            userJoined(m.source(), m.param(0));
        }
    }

    private void partReceived(IrcMessage m) {
        if (isMe(m)) {
            left(m.param(0));
        } else {
            userLeft(m.source(), m.param(0));
        }
    }

    private void kickReceived(IrcMessage m) {
        if (m.param(1) != null && caseMapping.equal(m.param(1), nick)) {
            kickedFrom(m.param(0), m.source(), m.param(2));
        }
    }

    private void nickReceived(IrcMessage m) {
        if (isMe(m)) {
            nick = m.param(0);
            nickChanged(nick);
        }
    }

    String fold(String name) {
        return caseMapping.fold(name);
    }

    Map<String, Deque<WhoisCollector>> pendingWhois() {
        return whois;
    }

    Map<String, Deque<NamesCollector>> pendingNames() {
        return names;
    }

    /** Splits text into pieces of at most {@link #MAX_TEXT} UTF-8 bytes, at character boundaries. */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_TEXT) {
                out.add(piece.toString());
                piece.setLength(0);
                bytes = 0;
            }
            piece.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        if (piece.length() > 0 || out.isEmpty()) {
            out.add(piece.toString());
        }
        return out;
    }

    /** Gathers 311-319, 301, 330 for one WHOIS until 318. */
    static final class WhoisCollector {
        final Deferred<WhoisReply> result = new Deferred<>();
        private final String asked;
        private String nick;
        private String username;
        private String host;
        private String realname;
        private String server;
        private final List<String> channels = new ArrayList<>();
        private String away;
        private String account;
        private long idle = -1;
        private boolean noSuchNick;

        WhoisCollector(String asked) {
            this.asked = asked;
            this.nick = asked;
        }

        /** Feeds a numeric to the oldest WHOIS pending for the nickname it names. */
        static void numeric(IrcClient client, IrcMessage m) {
            String target = m.param(1);
            if (target == null) {
                return;
            }
            Deque<WhoisCollector> pending = client.pendingWhois().get(client.fold(target));
            if (pending == null || pending.isEmpty()) {
                return;
            }
            WhoisCollector c = pending.peek();
            switch (m.command()) {
                case "311" -> {
                    c.nick = m.param(1);
                    c.username = m.param(2);
                    c.host = m.param(3);
                    c.realname = m.trailing();
                }
                case "312" -> c.server = m.param(2);
                case "319" -> c.channels.addAll(Arrays.asList(m.trailing().trim().split(" +")));
                case "301" -> c.away = m.trailing();
                case "330" -> c.account = m.param(2);
                case "317" -> c.idle = Long.parseLong(m.param(2));
                case "401" -> c.noSuchNick = true;
                case "318" -> {
                    pending.poll();
                    if (pending.isEmpty()) {
                        client.pendingWhois().remove(client.fold(target));
                    }
                    c.finish();
                }
                default -> {
                    // Other WHOIS numerics (313, 338, 671, ...) are not collected.
                }
            }
        }

        private void finish() {
            if (noSuchNick || username == null) {
                result.errback(new IrcClientException("401", asked + " :No such nick/channel"));
            } else {
                result.callback(new WhoisReply(nick, username, host, realname, server, channels, away, account, idle));
            }
        }
    }

    /** Gathers 353 lines for one NAMES until 366. */
    static final class NamesCollector {
        final Deferred<List<String>> result = new Deferred<>();
        private final List<String> members = new ArrayList<>();

        static void numeric(IrcClient client, IrcMessage m) {
            boolean reply = m.command().equals("353");
            if (!reply && !m.command().equals("366")) {
                return;
            }
            String channel = reply ? m.param(2) : m.param(1);
            Deque<NamesCollector> pending = channel == null ? null : client.pendingNames().get(client.fold(channel));
            if (pending == null || pending.isEmpty()) {
                return;
            }
            NamesCollector c = pending.peek();
            if (reply) {
                for (String name : m.trailing().trim().split(" +")) {
                    if (!name.isEmpty()) {
                        c.members.add(name);
                    }
                }
                return;
            }
            pending.poll();
            if (pending.isEmpty()) {
                client.pendingNames().remove(client.fold(channel));
            }
            c.result.callback(List.copyOf(c.members));
        }
    }
}
