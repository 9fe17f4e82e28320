package dev.torsion.xmpp.server;

import dev.torsion.cred.LoginFailed;
import dev.torsion.cred.LoginResult;
import dev.torsion.cred.credentials.Credentials;
import dev.torsion.cred.credentials.UsernameHashedPassword;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.TlsCapableTransport;
import dev.torsion.protocols.policies.IdleTimeout;
import dev.torsion.time.Clock;
import dev.torsion.xmpp.Jid;
import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.XmppLimits;
import dev.torsion.xmpp.sasl.SaslCondition;
import dev.torsion.xmpp.sasl.SaslException;
import dev.torsion.xmpp.sasl.ScramAlgorithm;
import dev.torsion.xmpp.sasl.ScramCredentials;
import dev.torsion.xmpp.sasl.ScramServer;
import dev.torsion.xmpp.stream.StreamErrorCondition;
import dev.torsion.xmpp.stream.StreamEvent;
import dev.torsion.xmpp.stream.StreamHeader;
import dev.torsion.xmpp.stream.XmlElement;
import dev.torsion.xmpp.stream.XmlStreamReader;
import dev.torsion.xmpp.stream.XmlWriter;
import dev.torsion.xmpp.stream.XmppStreamException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client-to-server stream (RFC 6120): the stream header, STARTTLS (§5), SASL with SCRAM-SHA-256,
 * SCRAM-SHA-1 and PLAIN through cred's portal (§6), stream restarts, resource binding (§7), then
 * the stanzas, which the {@link XmppServer} routes. Every violation ends the stream with its stream
 * error (§4.9). While a login or a roster load is pending, later input waits in order.
 */
public final class ClientSession extends Protocol {
    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);
    /** Targets of directed presence on other routes remembered per resource (RFC 6121 §4.6.3). */
    private static final int MAX_DIRECTED_PRESENCE = 256;

    private final XmppServer server;
    private final XmppServerConfig config;
    private final XmppLimits limits;
    private final XmlStreamReader reader;
    private final IdleTimeout idle;
    private XmppSessionState state = XmppSessionState.CONNECTED;
    private boolean headerSent;
    private boolean tls;
    private int pending;
    private boolean processing;
    private boolean transportPaused;
    private int saslFailures;
    private String saslMechanism;
    private ScramServer scram;
    private String username;
    private Jid jid;
    private XmlElement presence;
    private boolean rosterInterested;
    private boolean initialPresenceDone;
    private final Set<Jid> directedPresence = new LinkedHashSet<>();

    /** A session of {@code server}, timing out on {@code clock}. */
    public ClientSession(XmppServer server, Clock clock) {
        this.server = server;
        this.config = server.config();
        this.limits = config.limits();
        this.reader = new XmlStreamReader(limits, Namespaces.CLIENT);
        this.idle = new IdleTimeout(clock, this::timedOut);
    }

    /** The session's state. */
    public XmppSessionState state() {
        return state;
    }

    /** The bound full JID, or null before binding. */
    public Jid jid() {
        return jid;
    }

    /** The last available presence this resource sent (stamped), or null when unavailable. */
    XmlElement presence() {
        return presence;
    }

    /** The presence priority (RFC 6121 §4.7.2.3), 0 when absent or unavailable. */
    int priority() {
        if (presence == null) {
            return 0;
        }
        String text = presence.child(Namespaces.CLIENT, "priority").map(XmlElement::text).orElse("0").trim();
        try {
            return Math.max(-128, Math.min(127, Integer.parseInt(text)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Whether this resource asked for the roster (an "interested resource", RFC 6121 §2.1.5). */
    boolean rosterInterested() {
        return rosterInterested;
    }

    void setRosterInterested() {
        rosterInterested = true;
    }

    /** Records this resource's presence (null when it went unavailable); true when this is its first. */
    boolean updatePresence(XmlElement available) {
        presence = available;
        boolean initial = available != null && !initialPresenceDone;
        if (initial) {
            initialPresenceDone = true;
        }
        return initial;
    }

    /** Remembers that available presence went to {@code target} on another route (RFC 6121 §4.6.3). */
    void directedPresenceSent(Jid target) {
        // Bounded: a client cannot grow this set without end by addressing made-up JIDs.
        if (directedPresence.size() < MAX_DIRECTED_PRESENCE) {
            directedPresence.add(target);
        }
    }

    /** Forgets {@code target}: it got unavailable presence. */
    void directedPresenceEnded(Jid target) {
        directedPresence.remove(target);
    }

    /** The targets of directed presence still available, forgotten from then on. */
    List<Jid> takeDirectedPresence() {
        List<Jid> targets = new ArrayList<>(directedPresence);
        directedPresence.clear();
        return targets;
    }

    @Override
    public void connectionMade() {
        idle.setTimeout(limits.negotiationTimeout());
    }

    @Override
    public void dataReceived(byte[] data) {
        if (state == XmppSessionState.CLOSED) {
            return;
        }
        idle.resetTimeout();
        reader.feed(data);
        if (pending > 0 && reader.pendingBytes() > limits.maxPendingBytes() && !transportPaused) {
            transportPaused = true;
            transport().pauseProducing();
        }
        process();
    }

    @Override
    public void connectionLost(Failure reason) {
        idle.cancel();
        XmppSessionState was = state;
        state = state.close();
        if (was == XmppSessionState.BOUND) {
            server.unbind(this);
        }
    }

    private void timedOut() {
        if (state != XmppSessionState.CLOSED) {
            streamError(StreamErrorCondition.CONNECTION_TIMEOUT, state == XmppSessionState.BOUND ? "idle" : "negotiation too slow");
        }
    }

    // ---------------------------------------------------------------- input loop

    private void process() {
        if (processing) {
            return;
        }
        processing = true;
        try {
            while (pending == 0 && state != XmppSessionState.CLOSED) {
                StreamEvent event = reader.next();
                if (event == null) {
                    break;
                }
                handle(event);
            }
        } catch (XmppStreamException e) {
            streamError(e.condition(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("xmpp {}: internal error", transport().getPeer(), e);
            streamError(StreamErrorCondition.INTERNAL_SERVER_ERROR, "internal error");
        } finally {
            processing = false;
        }
        if (pending == 0 && transportPaused && state != XmppSessionState.CLOSED) {
            transportPaused = false;
            transport().resumeProducing();
        }
    }

    /** Holds later input until {@code work} fires, then goes on reading. */
    private <T> void await(Deferred<T> work, Deferred.Callback<T, Void> then) {
        pending++;
        work.addCallback(then).addErrback(failure -> {
            if (failure.value() instanceof XmppStreamException violation) {
                streamError(violation.condition(), violation.getMessage());
                return null;
            }
            log.error("xmpp {}: failed: {}", transport().getPeer(), failure.getErrorMessage());
            streamError(StreamErrorCondition.INTERNAL_SERVER_ERROR, "internal error");
            return null;
        }).addFinally(() -> {
            pending--;
            process();
        });
    }

    private void handle(StreamEvent event) throws XmppStreamException {
        if (event instanceof StreamEvent.Opened opened) {
            streamOpened(opened.header());
        } else if (event instanceof StreamEvent.Stanza stanza) {
            element(stanza.element());
        } else {
            // RFC 6120 §4.4: answer the closing tag with ours, then close.
            log.debug("xmpp {}: stream closed by the client", transport().getPeer());
            send(XmlWriter.streamClose());
            close();
        }
    }

    private void streamOpened(StreamHeader header) throws XmppStreamException {
        sendHeader(header.from());
        // RFC 6120 §4.7.2: 'to' names the domain the client wants.
        if (header.to() != null && !header.to().equalsIgnoreCase(config.domain())) {
            throw new XmppStreamException(StreamErrorCondition.HOST_UNKNOWN, "stream to " + header.to());
        }
        XmlElement.Builder features = XmlElement.builder(Namespaces.STREAMS, "features");
        if (state == XmppSessionState.AUTHENTICATED) {
            state = state.authenticatedStreamOpened();
            features.child(XmlElement.empty(Namespaces.BIND, "bind"));
            // RFC 6121 predecessor's session establishment, advertised as optional (no-op).
            features.child(XmlElement.builder(Namespaces.SESSION, "session").child("optional").build());
        } else {
            boolean tlsFirst = config.requireTls() && !tls;
            state = state.streamOpened(tlsFirst);
            if (tlsOffered()) {
                XmlElement.Builder starttls = XmlElement.builder(Namespaces.TLS, "starttls");
                if (config.requireTls()) {
                    starttls.child("required");
                }
                features.child(starttls.build());
            }
            if (!tlsFirst) {
                XmlElement.Builder mechanisms = XmlElement.builder(Namespaces.SASL, "mechanisms");
                for (String mechanism : mechanisms()) {
                    mechanisms.textChild("mechanism", mechanism);
                }
                features.child(mechanisms.build());
                if (config.registration() != null) {
                    // XEP-0077 §4: registration is offered with the mechanisms, after TLS when required.
                    features.child(XmlElement.empty(Namespaces.REGISTER_FEATURE, "register"));
                }
            }
        }
        send(features.build());
    }

    private void sendHeader(String clientFrom) {
        byte[] id = new byte[12];
        config.random().nextBytes(id);
        Jid to = clientFrom == null ? null : Jid.parse(clientFrom);
        send(XmlWriter.streamHeader(new StreamHeader(config.domain(), to == null ? null : to.toString(),
                HexFormat.of().formatHex(id), "1.0", "en", Namespaces.CLIENT)));
        headerSent = true;
    }

    private boolean tlsOffered() {
        return config.tls() != null && !tls && transport() instanceof TlsCapableTransport;
    }

    /** The mechanisms the portal can check, strongest first; PLAIN only over TLS (RFC 6120 §6.3.3 and §13.9.4). */
    private List<String> mechanisms() {
        List<String> names = new ArrayList<>();
        boolean proofs = config.portal().credentialTypes().contains(UsernameHashedPassword.class);
        if (proofs) {
            names.add(ScramAlgorithm.SHA_256.mechanism());
            names.add(ScramAlgorithm.SHA_1.mechanism());
        }
        if (tls && config.portal().credentialTypes().contains(UsernamePassword.class)) {
            names.add("PLAIN");
        }
        return names;
    }

    private void element(XmlElement element) throws XmppStreamException {
        switch (state) {
            case TLS_OFFERED -> tlsOfferedElement(element);
            case AUTH_OFFERED -> authOfferedElement(element);
            case AUTHENTICATING -> authenticatingElement(element);
            case BIND_OFFERED -> bindOfferedElement(element);
            case BOUND -> routed(server.stanza(this, element));
            default -> throw new XmppStreamException(StreamErrorCondition.BAD_FORMAT, "element in " + state);
        }
    }

    /** Waits for the server's asynchronous part of a stanza (a contact's roster loading), if any. */
    private void routed(Deferred<Void> work) {
        if (work != null) {
            await(work, done -> null);
        }
    }

    private void tlsOfferedElement(XmlElement element) throws XmppStreamException {
        if (element.is(Namespaces.TLS, "starttls")) {
            startTls();
        } else if (element.is(Namespaces.SASL, "auth")) {
            // RFC 6120 §6.5.4: SASL before the required TLS.
            saslFailure(SaslCondition.ENCRYPTION_REQUIRED);
        } else {
            refuseBeforeAuthentication(element);
        }
    }

    private void authOfferedElement(XmlElement element) throws XmppStreamException {
        if (element.is(Namespaces.TLS, "starttls")) {
            startTls();
        } else if (element.is(Namespaces.SASL, "auth")) {
            auth(element);
        } else if (element.is(Namespaces.SASL, "abort")) {
            saslFailure(SaslCondition.ABORTED);
        } else if (config.registration() != null && isRegistration(element)) {
            register(element);
        } else {
            refuseBeforeAuthentication(element);
        }
    }

    private static boolean isRegistration(XmlElement element) {
        return element.is(Namespaces.CLIENT, "iq") && element.elements().size() == 1
                && element.elements().get(0).is(Namespaces.REGISTER, "query");
    }

    /** XEP-0077 §3.1: the registration form, then the account created from the answer. */
    private void register(XmlElement iq) {
        XmlElement query = iq.elements().get(0);
        String type = iq.attribute("type");
        if ("get".equals(type)) {
            send(XmlElement.builder(Namespaces.CLIENT, "iq").attribute("type", "result").attribute("id", iq.attribute("id"))
                    .child(XmlElement.builder(Namespaces.REGISTER, "query")
                            .textChild("instructions", "Choose a user name and a password.")
                            .child("username").child("password").build()).build());
            return;
        }
        String user = query.child(Namespaces.REGISTER, "username").map(XmlElement::text).orElse("").trim();
        String password = query.child(Namespaces.REGISTER, "password").map(XmlElement::text).orElse("");
        Jid account = user.isEmpty() ? null : Jid.parse(user + "@" + config.domain());
        if (!"set".equals(type) || query.child(Namespaces.REGISTER, "remove").isPresent()) {
            // Cancelling needs a logged-in account (§3.2); nothing else is a registration.
            send(StanzaErrors.reply(iq, StanzaErrors.NOT_ALLOWED, config.domain()));
        } else if (account == null || account.local().contains("@") || password.isEmpty()) {
            // XEP-0077 §3.1: missing or unusable fields.
            send(StanzaErrors.reply(iq, StanzaErrors.NOT_ACCEPTABLE, config.domain()));
        } else if (!config.registration().register(account.local(), password.getBytes(StandardCharsets.UTF_8))) {
            send(StanzaErrors.reply(iq, StanzaErrors.CONFLICT, config.domain()));
        } else {
            log.info("xmpp {}: registered {}", transport().getPeer(), account.local());
            send(XmlElement.builder(Namespaces.CLIENT, "iq").attribute("type", "result").attribute("id", iq.attribute("id")).build());
        }
    }

    private void authenticatingElement(XmlElement element) throws XmppStreamException {
        if (element.is(Namespaces.SASL, "response")) {
            saslResponse(element);
        } else if (element.is(Namespaces.SASL, "abort")) {
            // RFC 6120 §6.4.4: the client aborted.
            state = state.saslFailed();
            saslFailure(SaslCondition.ABORTED);
        } else {
            refuseBeforeAuthentication(element);
        }
    }

    private void bindOfferedElement(XmlElement element) throws XmppStreamException {
        XmlElement query = element.firstElement().orElse(null);
        if (element.is(Namespaces.CLIENT, "iq") && "set".equals(element.attribute("type")) && query != null
                && query.is(Namespaces.BIND, "bind")) {
            bind(element, query);
        } else {
            // RFC 6120 §7.1: no stanza before a resource is bound.
            refuseBeforeAuthentication(element);
        }
    }

    /** RFC 6120 §4.9.3.12 for stanzas before the stream is authenticated (and bound), §4.9.3.24 for the rest. */
    private static void refuseBeforeAuthentication(XmlElement element) throws XmppStreamException {
        if (Namespaces.CLIENT.equals(element.namespace())
                && List.of("message", "presence", "iq").contains(element.name())) {
            throw new XmppStreamException(StreamErrorCondition.NOT_AUTHORIZED, element.name() + " before authentication");
        }
        throw new XmppStreamException(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE,
                "{" + element.namespace() + "}" + element.name() + " not expected now");
    }

    // ---------------------------------------------------------------- STARTTLS (RFC 6120 §5)

    private void startTls() throws XmppStreamException {
        if (!tlsOffered()) {
            // RFC 6120 §5.4.2.2: failure, then the stream is closed.
            send(XmlElement.empty(Namespaces.TLS, "failure"));
            send(XmlWriter.streamClose());
            close();
            return;
        }
        send(XmlElement.empty(Namespaces.TLS, "proceed"));
        // RFC 6120 §5.4.3.3: the stream restarts over TLS; nothing sent in the clear after
        // <starttls/> may reach the protected stream.
        reader.restart(false);
        tls = true;
        headerSent = false;
        state = state.tlsStarted();
        ((TlsCapableTransport) transport()).startTLS(config.tls());
    }

    // ---------------------------------------------------------------- SASL (RFC 6120 §6)

    private void auth(XmlElement element) throws XmppStreamException {
        String mechanism = element.attribute("mechanism");
        if (mechanism == null || !mechanisms().contains(mechanism)) {
            saslFailure(!tls && "PLAIN".equals(mechanism) ? SaslCondition.ENCRYPTION_REQUIRED : SaslCondition.INVALID_MECHANISM);
            return;
        }
        byte[] initial;
        try {
            initial = decode(element.text());
        } catch (SaslException e) {
            saslFailure(e.condition());
            return;
        }
        state = state.saslStarted();
        saslMechanism = mechanism;
        ScramAlgorithm algorithm = ScramAlgorithm.forMechanism(mechanism);
        scram = algorithm == null ? null : new ScramServer(algorithm, config.random());
        if (initial == null) {
            // RFC 6120 §6.4.2: no initial response: an empty challenge asks for it.
            send(XmlElement.empty(Namespaces.SASL, "challenge"));
            return;
        }
        saslStep(initial);
    }

    private void saslResponse(XmlElement element) throws XmppStreamException {
        byte[] data;
        try {
            data = decode(element.text());
        } catch (SaslException e) {
            failExchange(e.condition());
            return;
        }
        saslStep(data == null ? new byte[0] : data);
    }

    private void saslStep(byte[] data) throws XmppStreamException {
        try {
            if (scram == null) {
                plain(data);
            } else if (scram.username() == null) {
                send(XmlElement.builder(Namespaces.SASL, "challenge").text(encode(scram.clientFirst(data))).build());
            } else {
                ScramCredentials credentials = scram.clientFinal(data);
                checkAuthzid(scram.authzid(), credentials.username());
                login(credentials, credentials.username());
            }
        } catch (SaslException e) {
            log.info("xmpp {}: SASL {} refused: {}", transport().getPeer(), saslMechanism, e.getMessage());
            failExchange(e.condition());
        }
    }

    /** PLAIN (RFC 4616 §2): [authzid] NUL authcid NUL passwd. */
    private void plain(byte[] data) throws SaslException {
        int first = indexOf(data, 0);
        int second = first < 0 ? -1 : indexOf(data, first + 1);
        if (second < 0 || indexOf(data, second + 1) >= 0) {
            throw new SaslException(SaslCondition.MALFORMED_REQUEST, "PLAIN message needs two NULs");
        }
        String authzid = new String(data, 0, first, StandardCharsets.UTF_8);
        String authcid = new String(data, first + 1, second - first - 1, StandardCharsets.UTF_8);
        byte[] password = Arrays.copyOfRange(data, second + 1, data.length);
        Arrays.fill(data, (byte) 0);
        checkAuthzid(authzid.isEmpty() ? null : authzid, authcid);
        login(new UsernamePassword(authcid, password), authcid);
    }

    /** RFC 6120 §6.3.8: an authorization identity other than the user's own is refused. */
    private void checkAuthzid(String authzid, String user) throws SaslException {
        if (authzid != null && !authzid.equals(user) && !authzid.equals(user + "@" + config.domain())) {
            throw new SaslException(SaslCondition.INVALID_AUTHZID, "authzid differs from the user");
        }
    }

    private void login(Credentials credentials, String claimed) {
        await(config.portal().login(credentials, null, transport().getPeer(), XmppAccount.class)
                .addCallbacks(result -> result, failure -> failure), outcome -> {
                    if (state == XmppSessionState.AUTHENTICATING) {
                        loggedIn(outcome, credentials, claimed);
                    }
                    return null;
                });
    }

    private void loggedIn(Object outcome, Credentials credentials, String claimed) throws XmppStreamException {
        if (outcome instanceof LoginResult result && result.avatar() instanceof XmppAccount account
                && Jid.parse(account.username() + "@" + config.domain()) != null) {
            username = Jid.parse(account.username() + "@" + config.domain()).local();
            state = state.saslSucceeded();
            XmlElement.Builder success = XmlElement.builder(Namespaces.SASL, "success");
            if (credentials instanceof ScramCredentials proof) {
                success.text(encode(scram.serverFinal(proof)));
            }
            send(success.build());
            log.info("xmpp {}: {} logged in with {}", transport().getPeer(), username, saslMechanism);
            scram = null;
            // RFC 6120 §6.4.6: the client restarts the stream; later bytes belong to the new one.
            reader.restart(true);
            headerSent = false;
            return;
        }
        if (outcome instanceof Failure failure && !(failure.value() instanceof LoginFailed)) {
            log.warn("xmpp {}: login of {} failed: {}", transport().getPeer(), claimed, failure.getErrorMessage());
            failExchange(SaslCondition.TEMPORARY_AUTH_FAILURE);
            return;
        }
        log.info("xmpp {}: login refused", transport().getPeer());
        failExchange(SaslCondition.NOT_AUTHORIZED);
    }

    private void failExchange(SaslCondition condition) throws XmppStreamException {
        state = state.saslFailed();
        scram = null;
        saslFailure(condition);
        if (condition != SaslCondition.ABORTED && ++saslFailures >= limits.saslFailures()) {
            // RFC 6120 §6.4.5: too many retries end the stream with <policy-violation/>.
            throw new XmppStreamException(StreamErrorCondition.POLICY_VIOLATION, saslFailures + " failed SASL attempts");
        }
    }

    private void saslFailure(SaslCondition condition) {
        send(XmlElement.builder(Namespaces.SASL, "failure").child(condition.elementName()).build());
    }

    /** RFC 6120 §6.4.2: "=" is an empty response, no content is none; anything else is base64. */
    private static byte[] decode(String text) throws SaslException {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return null;
        }
        if (trimmed.equals("=")) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new SaslException(SaslCondition.INCORRECT_ENCODING, "not base64");
        }
    }

    private static String encode(byte[] data) {
        return data.length == 0 ? "=" : Base64.getEncoder().encodeToString(data);
    }

    private static int indexOf(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- binding (RFC 6120 §7)

    private void bind(XmlElement iq, XmlElement query) {
        String requested = query.child(Namespaces.BIND, "resource").map(XmlElement::text).orElse("").trim();
        String resource = requested;
        if (resource.isEmpty()) {
            // RFC 6120 §7.6.1: the server generates a resource.
            byte[] random = new byte[8];
            config.random().nextBytes(random);
            resource = "torsion-" + HexFormat.of().formatHex(random);
        }
        Jid full = Jid.parse(username + "@" + config.domain() + "/" + resource);
        if (full == null) {
            // RFC 6120 §7.7.2.1: a resource that cannot be processed.
            send(StanzaErrors.reply(iq, StanzaErrors.BAD_REQUEST, config.domain()));
            return;
        }
        if (!server.canBind(full)) {
            send(StanzaErrors.reply(iq, StanzaErrors.RESOURCE_CONSTRAINT, config.domain()));
            return;
        }
        await(server.roster(username), roster -> {
            if (state != XmppSessionState.BIND_OFFERED) {
                return null;
            }
            jid = full;
            state = state.bound();
            server.bind(this);
            idle.setTimeout(limits.idleTimeout());
            send(XmlElement.builder(Namespaces.CLIENT, "iq").attribute("type", "result").attribute("id", iq.attribute("id"))
                    .child(XmlElement.builder(Namespaces.BIND, "bind").textChild("jid", full.toString()).build()).build());
            return null;
        });
    }

    // ---------------------------------------------------------------- output

    /** Sends a stanza or negotiation element on this stream. */
    void send(XmlElement element) {
        if (state != XmppSessionState.CLOSED) {
            transport().write(XmlWriter.bytes(element, Namespaces.CLIENT));
        }
    }

    private void send(String text) {
        transport().write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Ends the stream with {@code condition} (RFC 6120 §4.9.1.1), sending our header first if needed (§4.9.1.2). */
    void streamError(StreamErrorCondition condition, String why) {
        if (state == XmppSessionState.CLOSED) {
            return;
        }
        log.info("xmpp {}: stream error {}: {}", transport().getPeer(), condition.elementName(), why);
        if (!headerSent) {
            sendHeader(null);
        }
        send(XmlWriter.streamError(condition, null));
        close();
    }

    private void close() {
        XmppSessionState was = state;
        state = state.close();
        idle.cancel();
        if (was == XmppSessionState.BOUND) {
            server.unbind(this);
        }
        transport().loseConnection();
    }
}
