package dev.torsion.ssh.server;

import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Portal;
import dev.torsion.cred.ValidPublicKey;
import dev.torsion.cred.credentials.Credentials;
import dev.torsion.cred.credentials.SshPublicKey;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.IPv6Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.PushProducer;
import dev.torsion.internet.Transport;
import dev.torsion.ssh.SshLimits;
import dev.torsion.ssh.codec.DisconnectReason;
import dev.torsion.ssh.codec.MessageNumbers;
import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;
import dev.torsion.ssh.codec.WireWriter;
import dev.torsion.ssh.kex.KexMethod;
import dev.torsion.ssh.transport.HostKey;
import dev.torsion.ssh.transport.SshTransport;
import dev.torsion.ssh.transport.TransportConfig;
import dev.torsion.time.Clock;
import dev.torsion.time.DelayedCall;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSH server for one connection: the transport's server half (RFC 4253 section 8), user
 * authentication through a cred {@link Portal} (RFC 4252: none, password, publickey; RFC 4256:
 * keyboard-interactive when offered), and the
 * connection protocol's session channels with {@code exec} (RFC 4254).
 */
public class SshServerProtocol extends SshTransport implements PushProducer {
    /** The authentication methods offered (RFC 4252 section 5.1). */
    static final String METHODS = "publickey,password";
    /** As {@link #METHODS}, with keyboard-interactive (RFC 4256) when the server offers it. */
    static final String METHODS_WITH_KEYBOARD_INTERACTIVE = METHODS + ",keyboard-interactive";
    /** The one prompt of keyboard-interactive: the password, as sshd's PAM-less prompt. */
    static final String PASSWORD_PROMPT = "Password: ";
    /** Environment variables an {@code env} request may set (RFC 4254 section 6.4), as OpenSSH's AcceptEnv. */
    static final Set<String> ENV_ALLOWED_PREFIXES = Set.of("LANG", "LC_");

    private static final Logger log = LoggerFactory.getLogger(SshServerProtocol.class);

    private final List<HostKey> hostKeys;
    private final Portal portal;
    private ServerSessionState session = ServerSessionState.AWAITING_SERVICE;
    private final Queue<byte[]> pendingAuth = new ArrayDeque<>();
    private boolean loginRunning;
    private int failures;
    private LoginResult login;
    private SshAvatar avatar;
    private final Map<Integer, ServerChannel> channels = new HashMap<>();
    /** The TCP transport's output is above its high-water mark: channel data waits in the channels. */
    private boolean transportFull;
    /** The shortest round-trip time reported so far (null: none yet); see {@link #shortestRoundTrip()}. */
    private Duration shortestRoundTrip;
    private int nextChannelId;
    private DelayedCall graceTimer;
    private final TcpForwarding forwarding;
    private final Map<String, ListeningPort> remoteForwards = new HashMap<>();
    private boolean keyboardInteractive;
    /** The user a keyboard-interactive prompt was sent for, while its response is awaited; else null. */
    private String promptedUser;

    /** A server connection with these settings, without TCP forwarding. */
    public SshServerProtocol(TransportConfig config, SshLimits limits, Clock clock, SecureRandom random,
            HostKey hostKey, Portal portal) {
        this(config, limits, clock, random, hostKey, portal, null);
    }

    /** A server connection with these settings; {@code forwarding} null refuses direct-tcpip channels. */
    public SshServerProtocol(TransportConfig config, SshLimits limits, Clock clock, SecureRandom random,
            HostKey hostKey, Portal portal, TcpForwarding forwarding) {
        this(config, limits, clock, random, List.of(hostKey), portal, forwarding);
    }

    /**
     * A server connection with several host keys (one per type: ed25519, RSA, ECDSA), offering in
     * its KEXINIT every algorithm they sign with, in the order given.
     */
    public SshServerProtocol(TransportConfig config, SshLimits limits, Clock clock, SecureRandom random,
            List<HostKey> hostKeys, Portal portal, TcpForwarding forwarding) {
        super(config, limits, clock, random);
        if (hostKeys.isEmpty()) {
            throw new IllegalArgumentException("a server needs a host key");
        }
        this.hostKeys = List.copyOf(hostKeys);
        this.portal = portal;
        this.forwarding = forwarding;
    }

    /** RFC 4253 section 7.1: the algorithms our host keys can sign the exchange hash with. */
    @Override
    protected List<String> hostKeyAlgorithms() {
        List<String> algorithms = new ArrayList<>();
        for (HostKey key : hostKeys) {
            for (String algorithm : key.signatureAlgorithms()) {
                if (!algorithms.contains(algorithm)) {
                    algorithms.add(algorithm);
                }
            }
        }
        return algorithms;
    }

    /** The host key that signs with the negotiated {@code algorithm}. */
    private HostKey hostKeyFor(String algorithm) {
        for (HostKey key : hostKeys) {
            if (key.signatureAlgorithms().contains(algorithm)) {
                return key;
            }
        }
        throw new IllegalStateException("no host key for " + algorithm); // negotiation picked one of ours
    }

    /**
     * Offers keyboard-interactive (RFC 4256) too: one prompt for the password, checked through the
     * portal as a password login is, with the same attempt limit and failure delay.
     */
    public SshServerProtocol withKeyboardInteractive(boolean offered) {
        this.keyboardInteractive = offered;
        return this;
    }

    @Override
    protected boolean isServer() {
        return true;
    }

    /** The clock of this connection's timers (channels' close deadlines). */
    Clock clock() {
        return clock;
    }

    /** The service state. */
    public ServerSessionState sessionState() {
        return session;
    }

    @Override
    public void connectionMade() {
        super.connectionMade();
        transport().registerProducer(this, true);
        graceTimer = clock.callLater(limits.loginGraceTime(), () -> {
            if (session != ServerSessionState.CONNECTED) {
                disconnect(DisconnectReason.BY_APPLICATION, "login grace time exceeded");
            }
        });
    }

    /**
     * The connection's output passed its high-water mark: session channels stop sending data, so
     * their queues fill and pause what produces (the SFTP server, a command), instead of the
     * connection buffering whatever window the peer grants without reading.
     */
    @Override
    public void pauseProducing() {
        transportFull = true;
    }

    /** The connection's output drained: the channels send what they hold. */
    @Override
    public void resumeProducing() {
        transportFull = false;
        for (ServerChannel channel : List.copyOf(channels.values())) {
            if (transportFull) {
                return;
            }
            channel.outputResumed();
        }
    }

    @Override
    public void stopProducing() {
        // The connection is going away: connectionLost() terminates the channels.
    }

    /** Whether channel data may go to the connection now (its output is under the high-water mark). */
    boolean canSendData() {
        return !transportFull;
    }

    /**
     * The shortest round-trip time the connection's transport has reported (the kernel's smoothed
     * one, on epoll and io_uring), asking it again now; empty while it never could tell. The
     * shortest, not the latest: it is how long the path is, which is what decides whether a window
     * can limit a transfer, where the smoothed time grows with what waits on the way. On loopback
     * it was about 30 us on a quiet connection and 0.1-14 ms, often over 1, during SFTP transfers
     * ({@code ss -ti}: a busy receiver's acknowledgements come late); on a 50 ms path it never
     * goes under 50 ms. (The kernel's own {@code tcpi_min_rtt} is not in Netty's {@code TCP_INFO}.)
     */
    Optional<Duration> shortestRoundTrip() {
        Transport transport = transport();
        if (transport != null) {
            transport.roundTripTime().ifPresent(rtt -> {
                if (shortestRoundTrip == null || rtt.compareTo(shortestRoundTrip) < 0) {
                    shortestRoundTrip = rtt;
                }
            });
        }
        return Optional.ofNullable(shortestRoundTrip);
    }

    @Override
    public void connectionLost(Failure reason) {
        session = ServerSessionState.CLOSED;
        if (graceTimer != null && graceTimer.active()) {
            graceTimer.cancel();
        }
        for (ListeningPort listening : remoteForwards.values()) {
            listening.stopListening();
        }
        remoteForwards.clear();
        for (ServerChannel channel : List.copyOf(channels.values())) {
            channel.terminate();
        }
        channels.clear();
        if (login != null) {
            login.logout();
        }
        super.connectionLost(reason);
    }

    // ---------------------------------------------------------------- key exchange (server half)

    @Override
    protected void kexStarted(KexMethod method) {
        // The client speaks first (SSH_MSG_KEX_ECDH_INIT / KEXDH_INIT).
    }

    @Override
    protected void kexMessage(int type, WireReader message) throws SshProtocolException {
        if (type != MessageNumbers.KEX_ECDH_INIT) {
            throw SshProtocolException.malformed("unexpected key exchange message " + type);
        }
        byte[] clientField = new WireWriter().writeString(message.readString()).toByteArray();
        message.expectEnd();
        KexMethod.ServerReply reply = method().serverReply(clientField);
        String algorithm = negotiated().hostKey();
        HostKey hostKey = hostKeyFor(algorithm);
        byte[] hostKeyBlob = hostKey.publicBlob();
        byte[] hash = exchangeHash(hostKeyBlob, clientField, reply.serverField(), reply.sharedSecret());
        sendPacket(WireWriter.message(MessageNumbers.KEX_ECDH_REPLY).writeString(hostKeyBlob)
                .writeRaw(reply.serverField()).writeString(hostKey.sign(algorithm, hash)).toByteArray());
        sendNewKeys(reply.sharedSecret(), hash);
    }

    @Override
    protected void keysReady() {
        // The client asks for ssh-userauth next (RFC 4253 section 10).
    }

    // ---------------------------------------------------------------- services

    @Override
    protected void serviceMessage(int type, byte[] payload) throws SshProtocolException {
        WireReader reader = new WireReader(payload, 1, payload.length - 1);
        switch (session) {
            case AWAITING_SERVICE:
                if (type != MessageNumbers.SERVICE_REQUEST) {
                    throw SshProtocolException.malformed("message " + type + " before ssh-userauth");
                }
                serviceRequest(reader);
                return;
            case AUTHENTICATING:
                if (type != MessageNumbers.USERAUTH_REQUEST && type != MessageNumbers.USERAUTH_INFO_RESPONSE) {
                    // RFC 4252 section 6: nothing of the connection protocol before authentication.
                    throw SshProtocolException.malformed("message " + type + " before authentication");
                }
                pendingAuth.add(payload);
                nextAuthRequest();
                return;
            case CONNECTED:
                connectionMessage(type, reader);
                return;
            default:
                return;
        }
    }

    private void serviceRequest(WireReader reader) throws SshProtocolException {
        String service = reader.readAscii();
        if (!"ssh-userauth".equals(service)) {
            throw new SshProtocolException(DisconnectReason.SERVICE_NOT_AVAILABLE, "service not available");
        }
        session = ServerSessionState.AUTHENTICATING;
        sendPacket(WireWriter.message(MessageNumbers.SERVICE_ACCEPT).writeString(service).toByteArray());
    }

    // ---------------------------------------------------------------- user authentication (RFC 4252)

    private void nextAuthRequest() throws SshProtocolException {
        while (!loginRunning && !pendingAuth.isEmpty() && session == ServerSessionState.AUTHENTICATING) {
            byte[] payload = pendingAuth.poll();
            authRequest(payload, new WireReader(payload, 1, payload.length - 1));
        }
    }

    private void authRequest(byte[] payload, WireReader reader) throws SshProtocolException {
        if (payload[0] == MessageNumbers.USERAUTH_INFO_RESPONSE) {
            infoResponse(reader);
            return;
        }
        // RFC 4256 section 3.1: a new request abandons a keyboard-interactive exchange under way.
        promptedUser = null;
        String user = reader.readUtf8();
        String service = reader.readAscii();
        String method = reader.readAscii();
        if (!"ssh-connection".equals(service)) {
            throw new SshProtocolException(DisconnectReason.SERVICE_NOT_AVAILABLE, "service not available");
        }
        switch (method) {
            case "password":
                password(user, reader);
                return;
            case "publickey":
                publicKey(user, reader);
                return;
            case "keyboard-interactive":
                if (keyboardInteractive) {
                    keyboardInteractive(user, reader);
                    return;
                }
                sendFailure();
                return;
            default:
                // "none" and methods we lack: the list of what can continue (RFC 4252 section 5.2).
                sendFailure();
        }
    }

    private void password(String user, WireReader reader) throws SshProtocolException {
        if (reader.readBoolean()) {
            // A password change (RFC 4252 section 8) is not offered.
            countFailure();
            return;
        }
        byte[] password = reader.readString();
        login(new UsernamePassword(user, password), false, null, null);
    }

    /**
     * RFC 4256 section 3.2: whoever the user is (an unknown one included, so that nothing tells
     * them apart), one prompt for the password, not echoed.
     */
    private void keyboardInteractive(String user, WireReader reader) throws SshProtocolException {
        reader.readString(); // language tag, deprecated
        reader.readString(); // submethods: a hint we need not follow
        promptedUser = user;
        sendPacket(WireWriter.message(MessageNumbers.USERAUTH_INFO_REQUEST).writeString("").writeString("")
                .writeString("").writeUint32(1).writeString(PASSWORD_PROMPT).writeBoolean(false).toByteArray());
    }

    /**
     * RFC 4256 section 3.4: the answer to our one prompt is the password, checked as a password
     * login; any other number of responses is a failed attempt.
     */
    private void infoResponse(WireReader reader) throws SshProtocolException {
        String user = promptedUser;
        if (user == null) {
            throw SshProtocolException.malformed("keyboard-interactive response without a prompt");
        }
        promptedUser = null;
        long count = reader.readUint32();
        if (count != 1) {
            log.debug("keyboard-interactive answer with {} responses to 1 prompt", count);
            countFailure();
            return;
        }
        byte[] password = reader.readString();
        reader.expectEnd();
        login(new UsernamePassword(user, password), false, null, null);
    }

    private void publicKey(String user, WireReader reader) throws SshProtocolException {
        boolean signed = reader.readBoolean();
        String algorithm = reader.readAscii();
        byte[] blob = reader.readString();
        SshPublicKey credentials;
        if (signed) {
            byte[] signature = reader.readString();
            // RFC 4252 section 7: what the client signed.
            byte[] data = new WireWriter().writeString(sessionId()).writeByte(MessageNumbers.USERAUTH_REQUEST)
                    .writeString(user).writeString("ssh-connection").writeString("publickey").writeBoolean(true)
                    .writeString(algorithm).writeString(blob).toByteArray();
            credentials = SshPublicKey.signed(user, algorithm, blob, data, signature);
        } else {
            credentials = SshPublicKey.query(user, algorithm, blob);
        }
        String peer = peerHost(transport().getPeer());
        login(peer == null ? credentials : credentials.fromPeer(peer), !signed, algorithm, blob);
    }

    private static String peerHost(Address address) {
        if (address instanceof IPv4Address v4) {
            return v4.host();
        }
        if (address instanceof IPv6Address v6) {
            return v6.host();
        }
        return null;
    }

    private void login(Credentials credentials, boolean query, String algorithm,
            byte[] blob) {
        loginRunning = true;
        portal.login(credentials, this, transport().getPeer(), SshAvatar.class).addCallbacks(result -> {
            loginRunning = false;
            loggedIn((LoginResult) result);
            return null;
        }, failure -> {
            loginRunning = false;
            if (failure.check(ValidPublicKey.class) == null) {
                log.debug("login from {} failed: {}", transport().getPeer(), failure.value().toString());
            }
            if (failure.check(ValidPublicKey.class) != null && query) {
                // RFC 4252 section 7: the key would do; the client signs next.
                sendPacket(WireWriter.message(MessageNumbers.USERAUTH_PK_OK).writeString(algorithm)
                        .writeString(blob).toByteArray());
            } else if (query) {
                sendFailure();
            } else {
                countFailure();
            }
            try {
                nextAuthRequest();
            } catch (SshProtocolException e) {
                disconnect(e.reasonCode(), e.getMessage());
            }
            return null;
        });
    }

    private void countFailure() {
        if (++failures >= limits.maxAuthAttempts()) {
            disconnect(DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE, "too many authentication failures");
            return;
        }
        sendFailure();
    }

    private void sendFailure() {
        String methods = keyboardInteractive ? METHODS_WITH_KEYBOARD_INTERACTIVE : METHODS;
        sendPacket(WireWriter.message(MessageNumbers.USERAUTH_FAILURE).writeString(methods).writeBoolean(false)
                .toByteArray());
    }

    private void loggedIn(LoginResult result) {
        if (session != ServerSessionState.AUTHENTICATING) {
            result.logout();
            return;
        }
        login = result;
        avatar = result.avatar(SshAvatar.class);
        session = ServerSessionState.CONNECTED;
        pendingAuth.clear();
        if (graceTimer != null && graceTimer.active()) {
            graceTimer.cancel();
        }
        log.info("{} logged in as {}", transport().getPeer(), avatar.username().replaceAll("\\p{Cntrl}", "?"));
        sendPacket(new byte[] {MessageNumbers.USERAUTH_SUCCESS});
    }

    // ---------------------------------------------------------------- connection protocol (RFC 4254)

    private void connectionMessage(int type, WireReader reader) throws SshProtocolException {
        switch (type) {
            case MessageNumbers.USERAUTH_REQUEST:
                // RFC 4252 section 5.1: requests after success are ignored.
                return;
            case MessageNumbers.GLOBAL_REQUEST:
                globalRequest(reader);
                return;
            case MessageNumbers.CHANNEL_OPEN:
                channelOpen(reader);
                return;
            case MessageNumbers.CHANNEL_OPEN_CONFIRMATION:
            case MessageNumbers.CHANNEL_OPEN_FAILURE:
            case MessageNumbers.CHANNEL_WINDOW_ADJUST:
            case MessageNumbers.CHANNEL_DATA:
            case MessageNumbers.CHANNEL_EXTENDED_DATA:
            case MessageNumbers.CHANNEL_EOF:
            case MessageNumbers.CHANNEL_CLOSE:
            case MessageNumbers.CHANNEL_REQUEST:
            case MessageNumbers.CHANNEL_SUCCESS:
            case MessageNumbers.CHANNEL_FAILURE:
                channel(reader.readInt()).message(type, reader);
                return;
            default:
                sendUnimplemented();
        }
    }

    private ServerChannel channel(int id) throws SshProtocolException {
        ServerChannel channel = channels.get(id);
        if (channel == null) {
            throw SshProtocolException.malformed("no channel " + id);
        }
        return channel;
    }

    /**
     * RFC 4254 section 4: tcpip-forward and cancel-tcpip-forward (section 7.1) when forwarding is
     * on; anything else (keepalive@openssh.com among them) is answered with failure if a reply is wanted.
     */
    private void globalRequest(WireReader reader) throws SshProtocolException {
        String name = reader.readAscii();
        boolean wantReply = reader.readBoolean();
        byte[] reply = new byte[] {MessageNumbers.REQUEST_FAILURE};
        if ("tcpip-forward".equals(name) && forwarding != null && avatar.allowsPortForwarding()) {
            reply = remoteForward(reader.readUtf8(), reader.readInt());
        } else if ("cancel-tcpip-forward".equals(name)) {
            String address = reader.readUtf8();
            ListeningPort listening = remoteForwards.remove(address + ":" + reader.readInt());
            if (listening != null) {
                listening.stopListening();
                reply = new byte[] {MessageNumbers.REQUEST_SUCCESS};
            }
        }
        if (wantReply) {
            sendPacket(reply);
        }
    }

    private byte[] remoteForward(String address, int port) {
        if (port < 0 || port > 65535 || remoteForwards.size() >= limits.maxChannels()) {
            return new byte[] {MessageNumbers.REQUEST_FAILURE};
        }
        if (!avatar.permitsListen(address, port)) {
            // sshd(8) permitlisten: only the listed ports (and addresses).
            log.info("{} may not listen on {}:{} (permitlisten)", avatar.username(),
                    address.replaceAll("\\p{Cntrl}", "?"), port);
            return new byte[] {MessageNumbers.REQUEST_FAILURE};
        }
        int[] bound = {port};
        ListeningPort listening;
        try {
            listening = forwarding.listen(avatar.username(), port, peer -> {
                if (channels.size() >= limits.maxChannels() || session != ServerSessionState.CONNECTED) {
                    return null;
                }
                int id = nextChannelId++;
                String host = peer instanceof IPv4Address v4 ? v4.host() : "127.0.0.1";
                int peerPort = peer instanceof IPv4Address v4 ? v4.port() : 0;
                ForwardChannel channel = ForwardChannel.forwarded(this, id, limits, address, bound[0], host, peerPort);
                channels.put(id, channel);
                return channel.tcpProtocol();
            });
        } catch (RuntimeException e) {
            log.info("remote forward of port {} refused: {}", port, e.toString());
            return new byte[] {MessageNumbers.REQUEST_FAILURE};
        }
        bound[0] = ((IPv4Address) listening.getHost()).port();
        remoteForwards.put(address + ":" + port, listening);
        log.info("{} forwards remote port {}", avatar.username(), bound[0]);
        WireWriter success = WireWriter.message(MessageNumbers.REQUEST_SUCCESS);
        return port == 0 ? success.writeUint32(bound[0]).toByteArray() : success.toByteArray();
    }

    private void channelOpen(WireReader reader) throws SshProtocolException {
        String type = reader.readAscii();
        int sender = reader.readInt();
        long window = reader.readUint32();
        int maxPacket = reader.readInt();
        if (!"session".equals(type) && !"direct-tcpip".equals(type)) {
            openFailure(sender, ChannelOpenFailure.UNKNOWN_CHANNEL_TYPE, "unknown channel type");
            return;
        }
        if (channels.size() >= limits.maxChannels()) {
            openFailure(sender, ChannelOpenFailure.RESOURCE_SHORTAGE, "too many channels");
            return;
        }
        if ("direct-tcpip".equals(type)) {
            directTcpip(sender, window, maxPacket, reader);
            return;
        }
        int id = nextChannelId++;
        SessionChannel channel = new SessionChannel(this, id, sender, window, maxPacket, limits, avatar);
        channels.put(id, channel);
        sendPacket(WireWriter.message(MessageNumbers.CHANNEL_OPEN_CONFIRMATION).writeUint32(sender).writeUint32(id)
                .writeUint32(limits.channelWindow()).writeUint32(limits.channelMaxPacket()).toByteArray());
    }

    /** RFC 4254 section 7.2: the channel is confirmed once the TCP connection is made. */
    private void directTcpip(int sender, long window, int maxPacket, WireReader reader) throws SshProtocolException {
        String host = reader.readUtf8();
        int port = reader.readInt();
        if (forwarding == null || !avatar.allowsPortForwarding()) {
            openFailure(sender, ChannelOpenFailure.ADMINISTRATIVELY_PROHIBITED, "forwarding is off");
            return;
        }
        if (port < 1 || port > 65535) {
            openFailure(sender, ChannelOpenFailure.CONNECT_FAILED, "bad port");
            return;
        }
        if (!avatar.permitsOpen(host, port)) {
            // sshd(8) permitopen: only the listed destinations.
            log.info("{} may not forward to {}:{} (permitopen)", avatar.username(), host.replaceAll("\\p{Cntrl}", "?"),
                    port);
            openFailure(sender, ChannelOpenFailure.ADMINISTRATIVELY_PROHIBITED, "destination not permitted");
            return;
        }
        int id = nextChannelId++;
        ForwardChannel channel = ForwardChannel.direct(this, id, sender, window, maxPacket, limits);
        channels.put(id, channel);
        log.info("{} forwards to {}:{}", avatar.username(), host.replaceAll("\\p{Cntrl}", "?"), port);
        forwarding.connect(avatar.username(), host, port, address -> channel.tcpProtocol()).addErrback(failure -> {
            if (channels.remove(id) != null) {
                openFailure(sender, ChannelOpenFailure.CONNECT_FAILED, "connect failed");
            }
            return null;
        });
    }

    private void openFailure(int sender, int reason, String description) {
        sendPacket(WireWriter.message(MessageNumbers.CHANNEL_OPEN_FAILURE).writeUint32(sender).writeUint32(reason)
                .writeString(description).writeString("").toByteArray());
    }

    /** The channel is closed both ways: forget it. */
    void channelClosed(int id) {
        channels.remove(id);
    }
}
