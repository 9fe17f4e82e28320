package dev.torsion.imap.client;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.imap.ImapLimits;
import dev.torsion.imap.parse.DecoderEvent;
import dev.torsion.imap.parse.ImapCommandDecoder;
import dev.torsion.imap.parse.ModifiedUtf7;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.TlsCapableTransport;
import dev.torsion.tls.TlsOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * An IMAP4rev1 client (RFC 3501) with ENABLE (RFC 5161), CONDSTORE and QRESYNC (RFC 7162): every command a Deferred that fires with its
 * {@link TaggedResult} (or fails with {@link ImapCommandFailed} on NO or BAD), sent one at a time
 * in order; strings that need it go as synchronising literals, each sent after the server's
 * {@code +}. Untagged data that belongs to no command (EXISTS while idle, an ALERT) goes to the
 * listener. Responses are framed by the same decoder the server uses, with its limits.
 */
public final class ImapClient extends Protocol {
    private final ImapCommandDecoder decoder;
    private final Deferred<ImapResponse> greeting = new Deferred<>();
    private final Deque<PendingCommand> queue = new ArrayDeque<>();
    private PendingCommand current;
    private Consumer<ImapResponse> listener = r -> { };
    private ClientState state = ClientState.GREETING;
    private boolean rev2;
    private int nextTag = 1;

    /** A client with the default limits. */
    public ImapClient() {
        this(ImapLimits.DEFAULTS);
    }

    /** A client framing responses within {@code limits}. */
    public ImapClient(ImapLimits limits) {
        this.decoder = new ImapCommandDecoder(limits);
    }

    /** Fires with the server's greeting ({@code * OK}, or {@code * PREAUTH}); fails on {@code * BYE}. */
    public Deferred<ImapResponse> greeting() {
        return greeting;
    }

    /** Receives untagged responses sent while no command runs, and during IDLE. */
    public void setListener(Consumer<ImapResponse> newListener) {
        this.listener = newListener;
    }

    /** Where the client stands. */
    public ClientState state() {
        return state;
    }

    @Override
    public void dataReceived(byte[] data) {
        decoder.feed(data);
        DecoderEvent event;
        while ((event = decoder.next()) != null) {
            if (event instanceof DecoderEvent.CommandReady ready) {
                ImapResponse response;
                try {
                    response = ResponseParser.parse(ready.command());
                } catch (IllegalArgumentException e) {
                    abort(new ImapCommandFailed("BAD", null, "unparseable response: " + e.getMessage()));
                    return;
                }
                received(response);
            } else if (event instanceof DecoderEvent.Refused refused) {
                abort(new ImapCommandFailed("BAD", refused.refusal().code(), "response beyond limits: " + refused.refusal().getMessage()));
                return;
            }
            // ContinuationNeeded: a literal in a response needs no "+" from us.
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        state = ClientState.CLOSED;
        failAll(new ImapCommandFailed("BYE", null, "connection lost"));
    }

    private void received(ImapResponse response) {
        if (state == ClientState.GREETING) {
            state = "PREAUTH".equals(response.status()) ? ClientState.AUTHENTICATED : ClientState.READY;
            if ("BYE".equals(response.status())) {
                greeting.errback(new ImapCommandFailed("BYE", response.code(), response.text()));
            } else {
                greeting.callback(response);
            }
            return;
        }
        if (response.tag().equals("+")) {
            if (current != null) {
                current.continued(this, response);
            }
            return;
        }
        if (response.untagged()) {
            if (current != null && !current.idle()) {
                current.untagged.add(response);
            } else {
                listener.accept(response);
            }
            if ("BYE".equals(response.status())) {
                state = ClientState.CLOSED;
            }
            return;
        }
        if (current == null || !current.tag.equals(response.tag())) {
            abort(new ImapCommandFailed("BAD", null, "reply for a command not sent: " + response.tag()));
            return;
        }
        PendingCommand done = current;
        current = null;
        done.finished(response);
        sendNext();
    }

    private void abort(ImapCommandFailed failure) {
        failAll(failure);
        state = ClientState.CLOSED;
        transport().loseConnection();
    }

    private void failAll(ImapCommandFailed failure) {
        if (current != null) {
            PendingCommand failed = current;
            current = null;
            failed.result.errback(failure);
        }
        while (!queue.isEmpty()) {
            queue.poll().result.errback(failure);
        }
    }

    // ---------------------------------------------------------------- sending

    /**
     * Sends a raw command (arguments already in IMAP syntax, literals as {@link #literal} parts)
     * and fires with its result.
     */
    public Deferred<TaggedResult> command(Object... parts) {
        if (state == ClientState.CLOSED) {
            return Deferred.fail(new ImapCommandFailed("BYE", null, "connection closed"));
        }
        PendingCommand command = new PendingCommand("t" + nextTag++, parts, false);
        queue.add(command);
        sendNext();
        return command.result;
    }

    private void sendNext() {
        if (current == null && !queue.isEmpty() && state != ClientState.CLOSED) {
            current = queue.poll();
            current.start(this);
        }
    }

    void write(byte[] octets) {
        transport().write(octets);
    }

    /** A string as an IMAP astring: an atom, a quoted string, or a literal when it must be. */
    public static Object astring(String text) {
        if (!text.isEmpty() && text.chars().allMatch(c -> c > 0x20 && c < 0x7f && "(){%*\"\\]".indexOf(c) < 0)) {
            return text;
        }
        if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return literal(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Octets to send as a synchronising literal. */
    public static Object literal(byte[] octets) {
        return new Literal(octets);
    }

    /** A literal part of a command. */
    record Literal(byte[] octets) {
    }

    /** A mailbox name as the server takes it: modified UTF-7, or UTF-8 once IMAP4rev2 is enabled (RFC 9051 §5.1). */
    private Object mailbox(String name) {
        return astring(rev2 ? name : ModifiedUtf7.encode(name));
    }

    /** A mailbox name as the server sent it, decoded. */
    private String nameOf(String wire) {
        String name = rev2 ? wire : ModifiedUtf7.decode(wire);
        return name == null ? wire : name;
    }

    // ---------------------------------------------------------------- commands (RFC 3501 §6)

    /** CAPABILITY: the capabilities in upper case. */
    public Deferred<Set<String>> capability() {
        return command("CAPABILITY").addCallback(result -> {
            Set<String> caps = new TreeSet<>();
            for (ImapResponse r : result.untagged()) {
                if ("CAPABILITY".equalsIgnoreCase(r.text(0))) {
                    for (Object item : r.items().subList(1, r.items().size())) {
                        caps.add(ImapResponse.asText(item).toUpperCase(Locale.ROOT));
                    }
                }
            }
            return caps;
        });
    }

    /** STARTTLS (RFC 3501 §6.2.1): TLS starts once the server said OK. */
    public Deferred<TaggedResult> startTls(TlsOptions options) {
        return command("STARTTLS").addCallback(result -> {
            ((TlsCapableTransport) transport()).startTLS(options);
            return result;
        });
    }

    /** LOGIN (RFC 3501 §6.2.3). */
    public Deferred<TaggedResult> login(String user, String password) {
        return loggedIn(command("LOGIN", astring(user), astring(password)));
    }

    /** AUTHENTICATE PLAIN with an initial response (RFC 4616, RFC 4959 SASL-IR). */
    public Deferred<TaggedResult> authenticatePlain(String user, String password) {
        String response = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        return loggedIn(command("AUTHENTICATE", "PLAIN", response));
    }

    private Deferred<TaggedResult> loggedIn(Deferred<TaggedResult> login) {
        return login.addCallback(result -> {
            state = ClientState.AUTHENTICATED;
            return result;
        });
    }

    /** SELECT, or EXAMINE when {@code readOnly}: the mailbox's counts and codes. */
    public Deferred<MailboxStatus> select(String mailbox, boolean readOnly) {
        return command(readOnly ? "EXAMINE" : "SELECT", mailbox(mailbox)).addCallback(result -> {
            state = ClientState.SELECTED;
            return MailboxStatus.of(result);
        });
    }

    /**
     * ENABLE (RFC 5161): the capabilities the server says it enabled. Once it enabled IMAP4rev2
     * (RFC 9051), mailbox names go both ways in UTF-8 and SEARCH results come as ESEARCH.
     */
    public Deferred<Set<String>> enable(String... capabilities) {
        return command("ENABLE", String.join(" ", capabilities)).addCallback(result -> {
            Set<String> enabled = new TreeSet<>();
            for (ImapResponse r : result.untagged()) {
                if ("ENABLED".equalsIgnoreCase(r.text(0))) {
                    for (Object item : r.items().subList(1, r.items().size())) {
                        enabled.add(ImapResponse.asText(item).toUpperCase(Locale.ROOT));
                    }
                }
            }
            rev2 |= enabled.contains("IMAP4REV2");
            return enabled;
        });
    }

    /** Whether the server enabled IMAP4rev2 for this session. */
    public boolean rev2() {
        return rev2;
    }

    /** SELECT or EXAMINE with the CONDSTORE parameter (RFC 7162 §3.1.8): the status carries HIGHESTMODSEQ. */
    public Deferred<MailboxStatus> selectCondStore(String mailbox, boolean readOnly) {
        return command(readOnly ? "EXAMINE" : "SELECT", mailbox(mailbox), "(CONDSTORE)").addCallback(result -> {
            state = ClientState.SELECTED;
            return MailboxStatus.of(result);
        });
    }

    /**
     * SELECT or EXAMINE with QRESYNC (RFC 7162 §3.2.5; ENABLE QRESYNC first): what the client knew
     * (UIDVALIDITY, HIGHESTMODSEQ, and optionally its UIDs in IMAP syntax, else null) in, the
     * mailbox's status and what changed since out.
     */
    public Deferred<QresyncSelect> selectQresync(String mailbox, boolean readOnly, long uidValidity, long modSeq, String knownUids) {
        String parameter = "(QRESYNC (" + uidValidity + " " + modSeq + (knownUids == null ? "" : " " + knownUids) + "))";
        return command(readOnly ? "EXAMINE" : "SELECT", mailbox(mailbox), parameter).addCallback(result -> {
            state = ClientState.SELECTED;
            return new QresyncSelect(MailboxStatus.of(result), Changes.of(result.untagged()));
        });
    }

    /**
     * [UID] FETCH set items (CHANGEDSINCE modSeq [VANISHED]) (RFC 7162 §3.1.4.1, §3.2.6): the
     * messages changed since, with MODSEQ, and with {@code vanished} (UID FETCH under QRESYNC
     * only) the UIDs of the set expunged since.
     */
    public Deferred<Changes> fetchChangedSince(String set, String items, long modSeq, boolean uid, boolean vanished) {
        return command(uid ? "UID FETCH" : "FETCH", set, items, "(CHANGEDSINCE " + modSeq + (vanished ? " VANISHED)" : ")"))
                .addCallback(result -> Changes.of(result.untagged()));
    }

    /**
     * [UID] STORE set (UNCHANGEDSINCE modSeq) item flags (RFC 7162 §3.1.3): messages changed after
     * {@code modSeq} are left alone and named in the result.
     */
    public Deferred<ConditionalStore> storeUnchangedSince(String set, long modSeq, String item, String flags, boolean uid) {
        return command(uid ? "UID STORE" : "STORE", set, "(UNCHANGEDSINCE " + modSeq + ")", item, flags).addCallback(result -> {
            String modified = result.code() != null && result.code().toUpperCase(Locale.ROOT).startsWith("MODIFIED ")
                    ? result.code().substring("MODIFIED ".length()) : "";
            return new ConditionalStore(FetchData.of(result.untagged()), modified);
        });
    }

    /** LIST reference pattern: name to attributes. */
    public Deferred<Map<String, List<String>>> list(String reference, String pattern) {
        return command("LIST", astring(reference), astring(pattern)).addCallback(result -> {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (ImapResponse r : result.untagged()) {
                if ("LIST".equalsIgnoreCase(r.text(0)) && r.items().size() >= 4) {
                    List<String> attributes = new ArrayList<>();
                    for (Object attribute : (List<?>) r.items().get(1)) {
                        attributes.add(ImapResponse.asText(attribute));
                    }
                    out.put(nameOf(r.text(3)), attributes);
                }
            }
            return out;
        });
    }

    /** CREATE. */
    public Deferred<TaggedResult> create(String mailbox) {
        return command("CREATE", mailbox(mailbox));
    }

    /** DELETE. */
    public Deferred<TaggedResult> delete(String mailbox) {
        return command("DELETE", mailbox(mailbox));
    }

    /** RENAME. */
    public Deferred<TaggedResult> rename(String from, String to) {
        return command("RENAME", mailbox(from), mailbox(to));
    }

    /** STATUS mailbox (items): item name to number. */
    public Deferred<Map<String, Long>> status(String mailbox, String... items) {
        return command("STATUS", mailbox(mailbox), "(" + String.join(" ", items) + ")").addCallback(result -> {
            Map<String, Long> out = new LinkedHashMap<>();
            for (ImapResponse r : result.untagged()) {
                if ("STATUS".equalsIgnoreCase(r.text(0)) && r.items().size() >= 3) {
                    List<?> values = (List<?>) r.items().get(2);
                    for (int i = 0; i + 1 < values.size(); i += 2) {
                        out.put(ImapResponse.asText(values.get(i)).toUpperCase(Locale.ROOT), Long.parseLong(ImapResponse.asText(values.get(i + 1))));
                    }
                }
            }
            return out;
        });
    }

    /** APPEND mailbox (flags) message: the new UID from APPENDUID (RFC 4315), or -1 when the server gives none. */
    public Deferred<Long> append(String mailbox, byte[] message, String... flags) {
        return command("APPEND", mailbox(mailbox), "(" + String.join(" ", flags) + ")", literal(message))
                .addCallback(result -> result.code() != null && result.code().startsWith("APPENDUID ")
                        ? Long.parseLong(result.code().split(" ")[2]) : -1L);
    }

    /** [UID] FETCH set items: one {@link FetchData} per message. */
    public Deferred<List<FetchData>> fetch(String set, String items, boolean uid) {
        return command(uid ? "UID FETCH" : "FETCH", set, items).addCallback(result -> FetchData.of(result.untagged()));
    }

    /** [UID] SEARCH criteria (already in IMAP syntax): the numbers found. */
    public Deferred<List<Long>> search(String criteria, boolean uid) {
        return command(uid ? "UID SEARCH" : "SEARCH", criteria).addCallback(result -> {
            List<Long> out = new ArrayList<>();
            for (ImapResponse r : result.untagged()) {
                if ("SEARCH".equalsIgnoreCase(r.text(0))) {
                    for (Object n : r.items().subList(1, r.items().size())) {
                        // A trailing (MODSEQ n) list (RFC 7162 §3.1.5) is not a number found.
                        if (!(n instanceof List<?>)) {
                            out.add(Long.parseLong(ImapResponse.asText(n)));
                        }
                    }
                } else if ("ESEARCH".equalsIgnoreCase(r.text(0))) {
                    out.addAll(esearchAll(r));
                }
            }
            return out;
        });
    }

    /**
     * The numbers of an ESEARCH response's ALL (RFC 4731 §3.1; every SEARCH answers so under
     * IMAP4rev2, RFC 9051 §7.3.4): {@code * ESEARCH (TAG "a") UID ALL 1:3,7}.
     */
    private static List<Long> esearchAll(ImapResponse r) {
        List<Long> out = new ArrayList<>();
        List<Object> items = r.items();
        for (int i = 1; i + 1 < items.size(); i++) {
            if (!(items.get(i) instanceof List<?>) && "ALL".equalsIgnoreCase(ImapResponse.asText(items.get(i)))) {
                for (String range : ImapResponse.asText(items.get(i + 1)).split(",")) {
                    int colon = range.indexOf(':');
                    long first = Long.parseLong(colon < 0 ? range : range.substring(0, colon));
                    long last = colon < 0 ? first : Long.parseLong(range.substring(colon + 1));
                    for (long n = Math.min(first, last); n <= Math.max(first, last); n++) {
                        out.add(n);
                    }
                }
            }
        }
        return out;
    }

    /** [UID] STORE set item flags, e.g. {@code +FLAGS (\Seen)}: the FETCH responses it brought. */
    public Deferred<List<FetchData>> store(String set, String item, String flags, boolean uid) {
        return command(uid ? "UID STORE" : "STORE", set, item, flags).addCallback(result -> FetchData.of(result.untagged()));
    }

    /** [UID] COPY set mailbox. */
    public Deferred<TaggedResult> copy(String set, String mailbox, boolean uid) {
        return command(uid ? "UID COPY" : "COPY", set, mailbox(mailbox));
    }

    /** [UID] MOVE set mailbox (RFC 6851). */
    public Deferred<TaggedResult> move(String set, String mailbox, boolean uid) {
        return command(uid ? "UID MOVE" : "MOVE", set, mailbox(mailbox));
    }

    /** EXPUNGE: the sequence numbers expunged, in the order the server sent them. */
    public Deferred<List<Integer>> expunge() {
        return command("EXPUNGE").addCallback(result -> {
            List<Integer> out = new ArrayList<>();
            for (ImapResponse r : result.untagged()) {
                if (r.items().size() == 2 && "EXPUNGE".equalsIgnoreCase(r.text(1))) {
                    out.add(Integer.parseInt(r.text(0)));
                }
            }
            return out;
        });
    }

    /** NOOP: the untagged responses it brought. */
    public Deferred<TaggedResult> noop() {
        return command("NOOP");
    }

    /** CLOSE. */
    public Deferred<TaggedResult> close() {
        return command("CLOSE").addCallback(result -> {
            state = ClientState.AUTHENTICATED;
            return result;
        });
    }

    /** LOGOUT: fires when the server said OK; the server then closes. */
    public Deferred<TaggedResult> logout() {
        return command("LOGOUT").addCallback(result -> {
            state = ClientState.CLOSED;
            return result;
        });
    }

    /**
     * IDLE (RFC 2177): untagged responses go to the listener while idling. {@code started} fires
     * on the server's {@code +}; {@link Idle#done()} ends it and fires with the result.
     */
    public Idle idle() {
        PendingCommand command = new PendingCommand("t" + nextTag++, new Object[] {"IDLE"}, true);
        queue.add(command);
        sendNext();
        return new Idle(command);
    }

    /** One IDLE command. */
    public final class Idle {
        private final PendingCommand command;

        Idle(PendingCommand command) {
            this.command = command;
        }

        /** Fires once the server is idling. */
        public Deferred<Void> started() {
            return command.started;
        }

        /** Sends DONE; fires with the IDLE command's result. */
        public Deferred<TaggedResult> done() {
            command.started.addCallback(v -> {
                write("DONE\r\n".getBytes(StandardCharsets.US_ASCII));
                return null;
            });
            return command.result;
        }
    }

    /** A command in the queue or on the wire. */
    static final class PendingCommand {
        final String tag;
        final List<byte[]> pieces = new ArrayList<>();
        final Deferred<TaggedResult> result = new Deferred<>();
        final Deferred<Void> started = new Deferred<>();
        final List<ImapResponse> untagged = new ArrayList<>();
        private final boolean idle;
        private int sent;

        PendingCommand(String tag, Object[] parts, boolean idle) {
            this.tag = tag;
            this.idle = idle;
            // Cut the command where a literal needs the server's "+": each piece ends with "{n}\r\n" but the last.
            ByteArrayOutputStream piece = new ByteArrayOutputStream();
            piece.writeBytes(tag.getBytes(StandardCharsets.US_ASCII));
            for (Object part : parts) {
                piece.write(' ');
                if (part instanceof Literal literal) {
                    piece.writeBytes(("{" + literal.octets().length + "}\r\n").getBytes(StandardCharsets.US_ASCII));
                    pieces.add(piece.toByteArray());
                    piece.reset();
                    piece.writeBytes(literal.octets());
                } else {
                    piece.writeBytes(part.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
            piece.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            pieces.add(piece.toByteArray());
        }

        boolean idle() {
            return idle && started.isCalled();
        }

        void start(ImapClient client) {
            client.write(pieces.get(sent++));
        }

        /** The server's "+": the next piece of a literal, or IDLE started. */
        void continued(ImapClient client, ImapResponse response) {
            if (sent < pieces.size()) {
                client.write(pieces.get(sent++));
            } else if (idle && !started.isCalled()) {
                started.callback(null);
            }
        }

        void finished(ImapResponse response) {
            if ("OK".equals(response.status())) {
                result.callback(new TaggedResult(response.code(), response.text(), untagged));
            } else {
                ImapCommandFailed failure = new ImapCommandFailed(response.status() == null ? "BAD" : response.status(), response.code(),
                        response.text() == null ? "" : response.text());
                if (idle && !started.isCalled()) {
                    started.errback(failure);
                }
                result.errback(failure);
            }
        }
    }
}
