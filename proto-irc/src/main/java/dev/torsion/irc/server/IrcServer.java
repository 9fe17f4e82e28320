package dev.torsion.irc.server;

import dev.torsion.cred.ConstantTime;
import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.PushProducer;
import dev.torsion.irc.IrcLimits;
import dev.torsion.irc.codec.IrcLineFramer;
import dev.torsion.irc.codec.IrcLineFramer.Frame;
import dev.torsion.irc.codec.IrcLineFramer.FramerState;
import dev.torsion.irc.codec.IrcMessage;
import dev.torsion.irc.codec.IrcMessageParser;
import dev.torsion.irc.codec.IrcMessageWriter;
import dev.torsion.irc.codec.IrcParseException;
import dev.torsion.protocols.policies.IdleTimeout;
import dev.torsion.time.Clock;
import dev.torsion.time.DelayedCall;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IRC client connection on the server side: RFC 1459/2812 as the Modern IRC documents
 * describe them, with IRCv3 capability negotiation, message-tags, server-time, echo-message,
 * multi-prefix, away-notify, account-notify, cap-notify and SASL PLAIN through a cred portal.
 *
 * <p>Lines are framed by {@link IrcLineFramer} and parsed by {@link IrcMessageParser}; a bad
 * line earns its numeric (417, 400, 421) and the connection stays. Reading follows the message
 * timer of RFC 1459 §8.10: each command adds {@link IrcLimits#floodPenalty()}, and once the timer
 * runs {@link IrcLimits#floodAllowance()} ahead of the clock the server stops reading from the
 * client until it catches up; a client whose unread lines overflow the receive queue is closed
 * with "Excess Flood". Output relies on the transport's backpressure and send deadline.
 *
 * <p>The session's lifecycle is {@link IrcSessionState}; capability negotiation lives in
 * {@link CapNegotiation}, SASL in {@link SaslExchange}, channel commands in
 * {@link ChannelCommands}, queries and messages in {@link UserCommands}.
 */
public final class IrcServer extends Protocol {
    private static final Logger log = LoggerFactory.getLogger(IrcServer.class);
    private static final DateTimeFormatter SERVER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** RFC 2812 §2.3.1: nickname = ( letter / special ) *( letter / digit / special / "-" ). */
    private static final String NICK_SPECIAL = "[]\\`_^{|}";

    private final IrcServerConfig config;
    private final IrcLimits limits;
    private final IrcNetwork network;
    private final Clock clock;
    private final InstantSource wallClock;
    private final IrcLineFramer framer;
    private final IrcMessageParser parser;
    private final IrcMessageWriter writer;
    private final IdleTimeout idle;
    private final ChannelCommands channels;
    private final UserCommands users;
    private final CapNegotiation capabilities;
    private final SaslExchange sasl;

    private IrcSessionState state = IrcSessionState.UNREGISTERED;
    private IrcUser user;
    private byte[] givenPassword;
    private long floodTimerNanos;
    private DelayedCall resumeCall;
    private Deferred<?> pendingWork;
    private final SendQueue sendQueue = new SendQueue();
    /** The labeled command's replies being gathered now (only while that command runs). */
    private LabeledResponse labeled;
    /** A labeled command waiting for a Deferred: its replies are gathered again when it fires. */
    private LabeledResponse labelAwaitingWork;
    private int batches;
    private DelayedCall pongDeadline;
    private DelayedCall registrationDeadline;

    IrcServer(IrcServerConfig config, IrcNetwork network, Clock clock, InstantSource wallClock) {
        this.config = config;
        this.limits = config.limits();
        this.network = network;
        this.clock = clock;
        this.wallClock = wallClock;
        this.framer = new IrcLineFramer(limits.tagBytes() + limits.lineBytes() - 1, limits.receiveQueueBytes());
        // message-tags: a client's tag data stops at clientTagBytes; the rest of the 8191 is the server's.
        this.parser = new IrcMessageParser(limits.lineBytes(), limits.clientTagBytes() + 2);
        this.writer = new IrcMessageWriter(limits.lineBytes());
        this.idle = new IdleTimeout(clock, this::idleTimedOut);
        this.channels = new ChannelCommands(this);
        this.users = new UserCommands(this);
        this.capabilities = new CapNegotiation(this);
        this.sasl = new SaslExchange(this);
    }

    /** The session's state. */
    public IrcSessionState state() {
        return state;
    }

    /** The client's nickname, or null before NICK. */
    public String nick() {
        return user == null ? null : user.nick();
    }

    // ---------------------------------------------------------------- connection

    @Override
    public void connectionMade() {
        network.connected();
        try {
            transport().registerProducer(sendQueue, true);
        } catch (IllegalStateException taken) {
            // A transport that already has a producer: the send deadline alone guards this client.
            log.debug("irc: no send queue bound on {}: {}", transport(), taken.getMessage());
        }
        user = new IrcUser(this, hostOf(transport().getPeer()), nowSeconds(), clock.nanoTime());
        floodTimerNanos = clock.nanoTime();
        idle.setTimeout(limits.pingInterval());
        registrationDeadline = clock.callLater(limits.registrationTimeout(), () -> {
            registrationDeadline = null;
            if (!state.isRegistered()) {
                closeLink("Registration timeout");
            }
        });
    }

    /** The host part of masks: the peer's address (no DNS lookups on the reactor thread). */
    private static String hostOf(Address peer) {
        if (peer instanceof IPAddress ip) {
            String host = ip.host();
            // RFC 2812 §2.3.1: a host cannot start with ':' in a prefix; "::1" becomes "0::1".
            return host.startsWith(":") ? "0" + host : host;
        }
        return "unknown";
    }

    @Override
    public void dataReceived(byte[] data) {
        if (state == IrcSessionState.CLOSED) {
            return;
        }
        // One line at a time, so that the verdict (lines taken, Excess Flood) does not depend on
        // how the stream was cut into reads.
        int from = 0;
        while (from < data.length && state != IrcSessionState.CLOSED) {
            int end = from;
            while (end < data.length && data[end] != '\n') {
                end++;
            }
            end = Math.min(end + 1, data.length);
            framer.feed(from == 0 && end == data.length ? data : Arrays.copyOfRange(data, from, end));
            from = end;
            if (framer.state() == FramerState.FAILED) {
                log.info("irc: excess flood from {}", user.host());
                closeLink("Excess Flood");
                return;
            }
            process();
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        if (state != IrcSessionState.CLOSED) {
            depart("Connection closed");
        }
    }

    /** Takes lines while the message timer allows (RFC 1459 §8.10) and no login is pending. */
    private void process() {
        while (state != IrcSessionState.CLOSED && resumeCall == null && pendingWork == null
                && !transport().isDisconnecting()) {
            long now = clock.nanoTime();
            long ahead = floodTimerNanos - now;
            if (ahead > limits.floodAllowance().toNanos()) {
                throttle(Duration.ofNanos(ahead - limits.floodAllowance().toNanos()));
                return;
            }
            Frame frame = framer.next();
            if (frame == null) {
                return;
            }
            floodTimerNanos = Math.max(floodTimerNanos, now) + limits.floodPenalty().toNanos();
            handle(frame);
        }
    }

    /** RFC 1459 §8.10: stop reading until the message timer is back within the allowance. */
    private void throttle(Duration wait) {
        transport().pauseProducing();
        resumeCall = clock.callLater(wait, () -> {
            resumeCall = null;
            if (state != IrcSessionState.CLOSED) {
                transport().resumeProducing();
                process();
            }
        });
    }

    private void handle(Frame frame) {
        if (idle.isActive()) {
            idle.resetTimeout();
        } else {
            // The timer expired into a PING: any line answers it and starts a new idle period.
            idle.setTimeout(limits.pingInterval());
        }
        cancelPongDeadline();
        if (frame.isTooLong()) {
            reply("417", "Input line was too long");
            return;
        }
        IrcMessage message;
        try {
            message = parser.parse(frame.line());
        } catch (IrcParseException e) {
            refuse(e);
            return;
        }
        String label = message.tags().get("label");
        if (label != null && user.has(Capability.LABELED_RESPONSE) && user.has(Capability.BATCH)) {
            labeled = new LabeledResponse(label);
        }
        try {
            dispatch(message);
        } catch (RuntimeException e) {
            // A bug must cost this connection at most, never the reactor or the other sessions.
            log.error("irc: {} from {} failed", message.command(), user.host(), e);
            closeLink("Internal error");
        }
        if (pendingWork == null) {
            finishLabel();
        } else {
            // Messages from others meanwhile are not replies: they go out at once.
            labelAwaitingWork = labeled;
            labeled = null;
        }
    }

    /** The labeled command that waited for a Deferred runs on: gather its replies again. */
    private boolean resumeLabel() {
        if (labelAwaitingWork == null) {
            return false;
        }
        labeled = labelAwaitingWork;
        labelAwaitingWork = null;
        return true;
    }

    /** Sends the replies of the labeled command that just finished (IRCv3 labeled-response). */
    private void finishLabel() {
        LabeledResponse done = labeled;
        labeled = null;
        if (done != null && state != IrcSessionState.CLOSED) {
            done.flush(this::send, config.serverName(), "L" + Integer.toString(++batches, 36));
        }
    }

    private void refuse(IrcParseException e) {
        log.debug("irc: bad line from {}: {}", user.host(), e.getMessage());
        switch (e.reason().numeric()) {
            case "417" -> reply("417", "Input line was too long");
            case "421" -> reply("421", e.command(), "Unknown command");
            default -> reply("400", e.command(), e.getMessage());
        }
    }

    private void dispatch(IrcMessage m) {
        switch (m.command()) {
            case "CAP" -> capabilities.handle(m);
            case "PASS" -> pass(m);
            case "NICK" -> nick(m);
            case "USER" -> userCommand(m);
            case "AUTHENTICATE" -> sasl.authenticate(m);
            case "PING" -> ping(m);
            case "PONG" -> {
                // Any line proves the client alive (handle cancelled the deadline).
            }
            case "QUIT" -> closeLink(m.param(0) == null ? "Client Quit" : "Quit: " + m.param(0));
            default -> {
                if (state.isRegistered()) {
                    registeredCommand(m);
                } else if (isRegisteredCommand(m.command())) {
                    reply("451", "You have not registered");
                } else {
                    reply("421", m.command(), "Unknown command");
                }
            }
        }
    }

    private static boolean isRegisteredCommand(String command) {
        return switch (command) {
            case "JOIN", "PART", "KICK", "INVITE", "TOPIC", "NAMES", "LIST", "MODE", "PRIVMSG", "NOTICE", "WHO",
                    "WHOIS", "WHOWAS", "AWAY", "ISON", "USERHOST", "LUSERS", "MOTD", "VERSION", "TIME" -> true;
            default -> false;
        };
    }

    private void registeredCommand(IrcMessage m) {
        switch (m.command()) {
            case "JOIN" -> channels.join(m);
            case "PART" -> channels.part(m);
            case "KICK" -> channels.kick(m);
            case "INVITE" -> channels.invite(m);
            case "TOPIC" -> channels.topic(m);
            case "NAMES" -> channels.names(m);
            case "LIST" -> channels.list(m);
            case "MODE" -> mode(m);
            case "PRIVMSG" -> users.message(m, false);
            case "NOTICE" -> users.message(m, true);
            case "WHO" -> users.who(m);
            case "WHOIS" -> users.whois(m);
            case "WHOWAS" -> users.whowas(m);
            case "AWAY" -> users.away(m);
            case "ISON" -> users.ison(m);
            case "LUSERS" -> users.lusers();
            case "MOTD" -> users.motd();
            case "USERHOST" -> users.userhost(m);
            case "VERSION" -> version();
            case "TIME" -> reply("391", config.serverName(), users.timeText(wallClock.instant()));
            default -> reply("421", m.command(), "Unknown command");
        }
    }

    private void mode(IrcMessage m) {
        if (m.param(0) == null) {
            reply("461", "MODE", "Not enough parameters");
        } else if (m.param(0).startsWith("#")) {
            channels.mode(m);
        } else {
            users.mode(m);
        }
    }

    // ---------------------------------------------------------------- registration

    /** CAP LS or REQ before registration suspends it (IRCv3 capability negotiation). */
    void capStarted() {
        state = state.capStarted();
    }

    /** CAP END: registration may complete. */
    void capEnded() {
        state = state.capEnded();
        tryRegister();
    }

    private void pass(IrcMessage m) {
        if (state.isRegistered()) {
            reply("462", "You may not reregister");
        } else if (m.param(0) == null) {
            reply("461", "PASS", "Not enough parameters");
        } else {
            givenPassword = m.param(0).getBytes(StandardCharsets.UTF_8);
        }
    }

    private void nick(IrcMessage m) {
        String nick = m.param(0);
        if (nick == null || nick.isEmpty()) {
            reply("431", "No nickname given");
            return;
        }
        if (!validNick(nick)) {
            reply("432", nick, "Erroneous nickname");
            return;
        }
        if (nick.equals(user.nick())) {
            return;
        }
        String old = user.mask();
        String oldNick = user.nick();
        if (!network.claimNick(user, nick)) {
            reply("433", nick, "Nickname is already in use");
            return;
        }
        if (!state.isRegistered()) {
            user.setNick(nick);
            tryRegister();
            return;
        }
        network.remember(user, nowSeconds());
        user.setNick(nick);
        IrcMessage change = IrcMessage.from(old, "NICK", nick);
        deliver(change);
        for (IrcUser peer : peers()) {
            peer.deliver(change);
        }
        log.debug("irc: {} is now {}", oldNick, nick);
    }

    /** RFC 2812 §2.3.1 nicknames, at most NICKLEN long. */
    private boolean validNick(String nick) {
        if (nick.length() > limits.nickLength()) {
            return false;
        }
        char first = nick.charAt(0);
        if (!Character.isLetter(first) && NICK_SPECIAL.indexOf(first) < 0 || first > 127) {
            return false;
        }
        for (int i = 1; i < nick.length(); i++) {
            char c = nick.charAt(i);
            boolean ok = (c < 128 && Character.isLetterOrDigit(c)) || NICK_SPECIAL.indexOf(c) >= 0 || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** RFC 2812 §3.1.3: USER user mode unused :realname. */
    private void userCommand(IrcMessage m) {
        if (state.isRegistered()) {
            reply("462", "You may not reregister");
            return;
        }
        if (m.params().size() < 4 || m.param(0).isEmpty()) {
            reply("461", "USER", "Not enough parameters");
            return;
        }
        String name = m.param(0).replaceAll("[^A-Za-z0-9._\\-\\[\\]\\\\`^{}|~]", "");
        if (name.isEmpty()) {
            name = "user";
        }
        user.setUser("~" + name.substring(0, Math.min(name.length(), 10)), m.param(3));
        tryRegister();
    }

    /** Registration completes once NICK and USER are in, CAP is over and no login is pending. */
    void tryRegister() {
        if (state != IrcSessionState.UNREGISTERED || user.nick() == null || user.username() == null
                || sasl.isChecking()) {
            return;
        }
        byte[] expected = config.password();
        if (expected != null && (givenPassword == null || !ConstantTime.equals(expected, givenPassword))) {
            log.info("irc: wrong or missing server password from {}", user.host());
            reply("464", "Password incorrect");
            closeLink("Bad Password");
            return;
        }
        givenPassword = null;
        state = state.registered();
        if (registrationDeadline != null) {
            registrationDeadline.cancel();
            registrationDeadline = null;
        }
        network.registered();
        welcome();
    }

    /** 001-005, then LUSERS and MOTD (Modern IRC "Connection Registration"). */
    private void welcome() {
        reply("001", "Welcome to the " + config.network() + " IRC Network " + user.mask());
        reply("002", "Your host is " + config.serverName() + ", running version " + IrcServerConfig.VERSION);
        reply("003", "This server was created " + users.startedText());
        reply("004", config.serverName(), IrcServerConfig.VERSION, "i", "biklmnostv", "bklov");
        sendIsupport();
        users.lusers();
        users.motd();
    }

    /** RFC 2812 §3.4.3: 351, then the ISUPPORT lines again (Modern IRC). */
    private void version() {
        reply("351", IrcServerConfig.VERSION + ".", config.serverName(), "Torsion IRC server");
        sendIsupport();
    }

    private void sendIsupport() {
        List<String> tokens = isupport();
        for (int i = 0; i < tokens.size(); i += 12) {
            List<String> params = new ArrayList<>(tokens.subList(i, Math.min(tokens.size(), i + 12)));
            params.add("are supported by this server");
            reply("005", params.toArray(String[]::new));
        }
    }

    private List<String> isupport() {
        int targets = limits.targetsPerMessage();
        return List.of("AWAYLEN=" + limits.awayLength(), "CASEMAPPING=" + network.caseMapping().token(),
                "CHANLIMIT=#:" + limits.channelsPerUser(), "CHANMODES=b,k,l,imnst",
                "CHANNELLEN=" + limits.channelLength(), "CHANTYPES=#", "KICKLEN=" + limits.kickLength(),
                "MAXLIST=b:" + limits.bansPerChannel(), "MODES=" + limits.modesPerCommand(), "NETWORK=" + config.network(),
                "NICKLEN=" + limits.nickLength(), "PREFIX=(ov)@+",
                "TARGMAX=PRIVMSG:" + targets + ",NOTICE:" + targets + ",JOIN:" + targets + ",WHOIS:1,NAMES:1",
                "TOPICLEN=" + limits.topicLength());
    }

    // ---------------------------------------------------------------- keep-alive and closing

    private void ping(IrcMessage m) {
        if (m.param(0) == null || m.param(0).isEmpty()) {
            reply("409", "No origin specified");
            return;
        }
        deliver(IrcMessage.from(config.serverName(), "PONG", config.serverName(), m.param(0)));
    }

    /** RFC 2812 §3.7.2: a quiet client is PINGed, and closed if it does not answer in time. */
    private void idleTimedOut() {
        if (state == IrcSessionState.CLOSED || pongDeadline != null) {
            return;
        }
        deliver(IrcMessage.from(null, "PING", config.serverName()));
        pongDeadline = clock.callLater(limits.pingTimeout(), () -> {
            pongDeadline = null;
            closeLink("Ping timeout: " + limits.pingTimeout().toSeconds() + " seconds");
        });
    }

    private void cancelPongDeadline() {
        if (pongDeadline != null) {
            pongDeadline.cancel();
            pongDeadline = null;
        }
    }

    /** Ends the session: ERROR to the client (RFC 2812 §3.7.4), QUIT to its peers, then close. */
    void closeLink(String reason) {
        if (state == IrcSessionState.CLOSED) {
            return;
        }
        finishLabel();
        deliver(IrcMessage.of("ERROR", "Closing Link: " + user.host() + " (" + reason + ")"));
        depart(reason);
        transport().loseConnection();
    }

    private void depart(String reason) {
        boolean wasRegistered = state.isRegistered();
        if (wasRegistered) {
            IrcMessage quit = IrcMessage.from(user.mask(), "QUIT", reason);
            for (IrcUser peer : peers()) {
                peer.deliver(quit);
            }
            for (IrcChannel channel : List.copyOf(user.channels())) {
                channel.remove(user);
                network.removeIfEmpty(channel);
            }
            network.remember(user, nowSeconds());
        }
        network.releaseNick(user);
        network.disconnected(wasRegistered);
        state = state.close();
        framer.clear();
        idle.cancel();
        cancelPongDeadline();
        for (DelayedCall call : new DelayedCall[] {resumeCall, registrationDeadline}) {
            if (call != null && call.active()) {
                call.cancel();
            }
        }
        sasl.logout();
    }

    /**
     * Runs {@code then} once {@code work} fires; until then no further command is taken and the
     * transport is paused, so that the client's commands keep their order (a {@link MessageFilter}
     * answering later, say).
     */
    <T> void whenDone(Deferred<T> work, BiConsumer<T, Failure> then) {
        whenDone(work, then, value -> { });
    }

    /** As above; {@code abandoned} gets the result of work that ends after the connection did. */
    <T> void whenDone(Deferred<T> work, BiConsumer<T, Failure> then, Consumer<T> abandoned) {
        pendingWork = work;
        boolean[] paused = {false};
        work.addBoth((value, failure) -> {
            pendingWork = null;
            if (state == IrcSessionState.CLOSED) {
                if (value != null) {
                    abandoned.accept(value);
                }
                return null;
            }
            // Fired at once (paused[0] still false): the command is still running, its label too.
            boolean resumed = paused[0] && resumeLabel();
            try {
                then.accept(value, failure);
            } catch (RuntimeException e) {
                log.error("irc: a deferred step for {} failed", user.host(), e);
                closeLink("Internal error");
            }
            if (resumed) {
                finishLabel();
            }
            if (paused[0] && state != IrcSessionState.CLOSED) {
                transport().resumeProducing();
                process();
            }
            return null;
        });
        if (pendingWork == work) {
            paused[0] = true;
            transport().pauseProducing();
        }
    }

    // ---------------------------------------------------------------- output

    /** Sends {@code message} to this client, tagged as its capabilities ask (message-tags, server-time). */
    void deliver(IrcMessage message) {
        if (state == IrcSessionState.CLOSED || transport() == null) {
            return;
        }
        if (labeled != null) {
            labeled.add(message);
            return;
        }
        send(message);
    }

    private void send(IrcMessage message) {
        if (state == IrcSessionState.CLOSED) {
            return;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        message.tags().forEach((key, value) -> {
            if (tagWanted(key)) {
                tags.put(key, value);
            }
        });
        if (user.has(Capability.SERVER_TIME)) {
            tags.putIfAbsent("time", SERVER_TIME.format(wallClock.instant()));
        }
        IrcMessage out = tags.equals(message.tags()) ? message : message.withTags(tags);
        byte[] bytes = writer.write(out);
        if (!sendQueue.admit(bytes.length)) {
            log.info("irc: max SendQ exceeded for {}", user.host());
            depart("Max SendQ exceeded");
            transport().abortConnection();
            return;
        }
        transport().write(bytes);
    }

    /**
     * Told by the transport when this client's unsent output passes its high-water mark (the
     * client reads too slowly) and when it drains; counts what is sent meanwhile against
     * {@link IrcLimits#sendQueueBytes()}.
     */
    private final class SendQueue implements PushProducer {
        private long sentWhileBacklogged = -1;

        @Override
        public void pauseProducing() {
            sentWhileBacklogged = 0;
        }

        @Override
        public void resumeProducing() {
            sentWhileBacklogged = -1;
        }

        @Override
        public void stopProducing() {
            sentWhileBacklogged = -1;
        }

        /** Whether {@code bytes} more may be sent. */
        boolean admit(int bytes) {
            if (sentWhileBacklogged < 0) {
                return true;
            }
            sentWhileBacklogged += bytes;
            return sentWhileBacklogged <= limits.sendQueueBytes();
        }
    }

    /** Each server tag goes only to clients that enabled its capability; client-only tags need message-tags. */
    private boolean tagWanted(String key) {
        return switch (key) {
            case "account" -> user.has(Capability.ACCOUNT_TAG);
            case "time" -> user.has(Capability.SERVER_TIME);
            case "label" -> user.has(Capability.LABELED_RESPONSE);
            case "batch" -> user.has(Capability.BATCH);
            default -> user.has(Capability.MESSAGE_TAGS);
        };
    }

    /** A numeric reply from the server: {@code :server NUMERIC nick params...}. */
    void reply(String numeric, String... params) {
        List<String> all = new ArrayList<>(params.length + 1);
        all.add(user.nickOrStar());
        all.addAll(List.of(params));
        deliver(new IrcMessage(Map.of(), config.serverName(), numeric, all));
    }

    /** The users sharing a channel with this one, each once. */
    Set<IrcUser> peers() {
        Set<IrcUser> out = new LinkedHashSet<>();
        for (IrcChannel channel : user.channels()) {
            out.addAll(channel.members().keySet());
        }
        out.remove(user);
        return out;
    }

    IrcUser user() {
        return user;
    }

    IrcNetwork network() {
        return network;
    }

    IrcServerConfig config() {
        return config;
    }

    IrcLimits limits() {
        return limits;
    }

    long nowSeconds() {
        return wallClock.millis() / 1000;
    }

    long nowNanos() {
        return clock.nanoTime();
    }

    long idleSeconds(IrcUser who) {
        return TimeUnit.NANOSECONDS.toSeconds(clock.nanoTime() - who.lastActiveNanos());
    }
}
