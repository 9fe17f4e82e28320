package dev.torsion.ssh.client;

import dev.torsion.cred.ssh.SshFormatException;
import dev.torsion.cred.ssh.SshPublicKeys;
import dev.torsion.cred.ssh.SshSignatures;
import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.ssh.SshLimits;
import dev.torsion.ssh.codec.DisconnectReason;
import dev.torsion.ssh.codec.MessageNumbers;
import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;
import dev.torsion.ssh.codec.WireWriter;
import dev.torsion.ssh.kex.KexMethod;
import dev.torsion.ssh.sftp.SftpClient;
import dev.torsion.ssh.sftp.SftpClientChannel;
import dev.torsion.ssh.transport.HostKey;
import dev.torsion.ssh.transport.SshTransport;
import dev.torsion.ssh.transport.TransportConfig;
import dev.torsion.time.Clock;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSH client for one connection: the transport's client half (RFC 4253 section 8), the host
 * key checked by a {@link HostKeyVerifier} and by the exchange hash signature, then the methods the
 * server lists in OpenSSH's order: publickey (ed25519, ECDSA, RSA with SHA-2), keyboard-interactive
 * answered with the password (RFC 4256), password (RFC 4252), and {@code exec} on session channels
 * (RFC 4254) answered with a Deferred.
 */
public class SshClientProtocol extends SshTransport {
    private static final Logger log = LoggerFactory.getLogger(SshClientProtocol.class);

    private final String host;
    private final int port;
    private final String username;
    private final HostKey identity;
    private final String password;
    private final HostKeyVerifier verifier;
    private final Deferred<SshClientProtocol> authenticated = new Deferred<>();
    /** The methods this client can use, in OpenSSH's order (publickey, keyboard-interactive, password). */
    private final Queue<String> methods = new ArrayDeque<>();
    /** The most prompts one keyboard-interactive request may carry (RFC 4256 sets no limit). */
    static final int MAX_PROMPTS = 16;
    private String currentMethod;
    private final Map<Integer, ClientChannel> channels = new HashMap<>();
    private final Map<Integer, SftpClientChannel> sftpChannels = new HashMap<>();
    private ClientAuthState authState = ClientAuthState.CONNECTING;
    private byte[] clientField;
    private int nextChannelId;

    /**
     * A client logging in as {@code username} with {@code identity} (may be null) and then
     * {@code password} (may be null), accepting host keys {@code verifier} accepts for {@code host}:{@code port}.
     */
    public SshClientProtocol(TransportConfig config, SshLimits limits, Clock clock, SecureRandom random, String host,
            int port, String username, HostKey identity, String password, HostKeyVerifier verifier) {
        super(config, limits, clock, random);
        this.host = host;
        this.port = port;
        this.username = username;
        this.identity = identity;
        this.password = password;
        this.verifier = verifier;
        if (identity != null) {
            methods.add("publickey");
        }
        if (password != null) {
            methods.add("keyboard-interactive");
            methods.add("password");
        }
    }

    @Override
    protected boolean isServer() {
        return false;
    }

    /** Fires with this protocol once logged in; fails if the login or the connection fails. */
    public Deferred<SshClientProtocol> whenAuthenticated() {
        return authenticated;
    }

    /** The authentication state. */
    public ClientAuthState authState() {
        return authState;
    }

    @Override
    public void connectionLost(Failure reason) {
        if (authState != ClientAuthState.AUTHENTICATED) {
            fail(new SshProtocolException(DisconnectReason.CONNECTION_LOST, "connection lost before login"));
        }
        authState = ClientAuthState.FAILED;
        for (ClientChannel channel : channels.values()) {
            channel.lost();
        }
        channels.clear();
        List.copyOf(sftpChannels.values()).forEach(SftpClientChannel::connectionLost);
        sftpChannels.clear();
        super.connectionLost(reason);
    }

    private void fail(Exception error) {
        authState = ClientAuthState.FAILED;
        if (!authenticated.isCalled()) {
            authenticated.errback(error);
        }
    }

    // ---------------------------------------------------------------- key exchange (client half)

    @Override
    protected void kexStarted(KexMethod method) {
        clientField = method.clientInit();
        sendPacket(WireWriter.message(MessageNumbers.KEX_ECDH_INIT).writeRaw(clientField).toByteArray());
    }

    @Override
    protected void kexMessage(int type, WireReader message) throws SshProtocolException {
        if (type != MessageNumbers.KEX_ECDH_REPLY) {
            throw SshProtocolException.malformed("unexpected key exchange message " + type);
        }
        byte[] hostKeyBlob = message.readString();
        byte[] serverField = new WireWriter().writeString(message.readString()).toByteArray();
        byte[] signature = message.readString();
        message.expectEnd();
        byte[] secret = method().clientFinish(serverField);
        byte[] hash = exchangeHash(hostKeyBlob, clientField, serverField, secret);
        if (!verifier.verify(host, port, hostKeyBlob)) {
            fail(new SshProtocolException(DisconnectReason.HOST_KEY_NOT_VERIFIABLE, "host key not known"));
            throw new SshProtocolException(DisconnectReason.HOST_KEY_NOT_VERIFIABLE, "host key not verifiable");
        }
        try {
            // RFC 4253 section 8: the server proves it holds the host key by signing H.
            if (!SshSignatures.verify(SshPublicKeys.decode(hostKeyBlob), negotiated().hostKey(), signature, hash, false)) {
                throw new SshProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED, "bad host key signature");
            }
        } catch (SshFormatException e) {
            throw new SshProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED, "bad host key", e);
        }
        sendNewKeys(secret, hash);
    }

    @Override
    protected void keysReady() {
        authState = ClientAuthState.AUTHENTICATING;
        sendPacket(WireWriter.message(MessageNumbers.SERVICE_REQUEST).writeString("ssh-userauth").toByteArray());
    }

    // ---------------------------------------------------------------- services

    @Override
    protected void serviceMessage(int type, byte[] payload) throws SshProtocolException {
        WireReader reader = new WireReader(payload, 1, payload.length - 1);
        switch (type) {
            case MessageNumbers.EXT_INFO:
            case MessageNumbers.USERAUTH_BANNER:
            case MessageNumbers.GLOBAL_REQUEST:
                if (type == MessageNumbers.GLOBAL_REQUEST) {
                    reader.readAscii();
                    if (reader.readBoolean()) {
                        sendPacket(new byte[] {MessageNumbers.REQUEST_FAILURE});
                    }
                }
                return;
            case MessageNumbers.SERVICE_ACCEPT:
                firstRequest();
                return;
            case MessageNumbers.USERAUTH_FAILURE:
                nextMethod(reader.readNameList());
                return;
            case MessageNumbers.USERAUTH_INFO_REQUEST:
                infoRequest(reader);
                return;
            case MessageNumbers.USERAUTH_SUCCESS:
                authState = ClientAuthState.AUTHENTICATED;
                authenticated.callback(this);
                return;
            default:
                if (authState != ClientAuthState.AUTHENTICATED) {
                    throw SshProtocolException.malformed("message " + type + " before authentication");
                }
                channelMessage(type, reader);
        }
    }

    /** RFC 4252 section 5.2: "none" first, whose failure lists the methods the server takes. */
    private void firstRequest() {
        if (identity == null && password == null) {
            // No credentials given: the caller drives authentication itself with sendPacket.
            return;
        }
        currentMethod = "none";
        sendPacket(WireWriter.message(MessageNumbers.USERAUTH_REQUEST).writeString(username)
                .writeString("ssh-connection").writeString("none").toByteArray());
    }

    /** The next of our methods that the server lists as able to continue. */
    private void nextMethod(List<String> canContinue) {
        if (identity == null && password == null) {
            return;
        }
        String method = methods.poll();
        while (method != null && !canContinue.contains(method)) {
            method = methods.poll();
        }
        currentMethod = method;
        if (method == null) {
            fail(new SshProtocolException(DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE, "authentication failed"));
            disconnect(DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE, "no more authentication methods");
            return;
        }
        WireWriter request = WireWriter.message(MessageNumbers.USERAUTH_REQUEST).writeString(username)
                .writeString("ssh-connection").writeString(method);
        if ("password".equals(method)) {
            sendPacket(request.writeBoolean(false).writeString(password).toByteArray());
            return;
        }
        if ("keyboard-interactive".equals(method)) {
            // RFC 4256 section 3.1: no language tag, no submethods.
            sendPacket(request.writeString("").writeString("").toByteArray());
            return;
        }
        String algorithm = identity.signatureAlgorithm();
        byte[] blob = identity.publicBlob();
        // RFC 4252 section 7: sign session id, then the request itself up to the key blob.
        byte[] signed = new WireWriter().writeString(sessionId()).writeByte(MessageNumbers.USERAUTH_REQUEST)
                .writeString(username).writeString("ssh-connection").writeString("publickey").writeBoolean(true)
                .writeString(algorithm).writeString(blob).toByteArray();
        sendPacket(request.writeBoolean(true).writeString(algorithm).writeString(blob)
                .writeString(identity.sign(signed)).toByteArray());
    }

    /**
     * RFC 4256 section 3.2: the server's prompts during keyboard-interactive, each answered with the
     * password (a server asking for more than the password is not one this client can satisfy).
     */
    private void infoRequest(WireReader reader) throws SshProtocolException {
        if (!"keyboard-interactive".equals(currentMethod)) {
            if (identity == null && password == null) {
                return; // the caller drives authentication itself
            }
            throw SshProtocolException.malformed("unexpected SSH_MSG_USERAUTH_INFO_REQUEST / PK_OK");
        }
        reader.readUtf8();
        reader.readUtf8();
        reader.readString();
        long prompts = reader.readUint32();
        if (prompts > MAX_PROMPTS) {
            throw SshProtocolException.malformed("keyboard-interactive request with " + prompts + " prompts");
        }
        WireWriter response = WireWriter.message(MessageNumbers.USERAUTH_INFO_RESPONSE).writeUint32(prompts);
        for (long i = 0; i < prompts; i++) {
            reader.readUtf8();
            reader.readBoolean();
            response.writeString(password);
        }
        reader.expectEnd();
        sendPacket(response.toByteArray());
    }

    // ---------------------------------------------------------------- channels (RFC 4254)

    /** Runs {@code command} on a new session channel; fires with its status and output when the channel closes. */
    public Deferred<ExecResult> exec(String command) {
        int id = nextChannelId++;
        ClientChannel channel = new ClientChannel(id, command);
        channels.put(id, channel);
        sendPacket(WireWriter.message(MessageNumbers.CHANNEL_OPEN).writeString("session").writeUint32(id)
                .writeUint32(limits.channelWindow()).writeUint32(limits.channelMaxPacket()).toByteArray());
        return channel.result;
    }

    /** Opens the {@code sftp} subsystem (RFC 4254 section 6.5) on a new session channel. */
    public Deferred<SftpClient> sftp() {
        int id = nextChannelId++;
        SftpClientChannel channel = new SftpClientChannel(this, id, limits, () -> sftpChannels.remove(id));
        sftpChannels.put(id, channel);
        return channel.open();
    }

    private void channelMessage(int type, WireReader reader) throws SshProtocolException {
        if (type < MessageNumbers.CHANNEL_OPEN_CONFIRMATION || type > MessageNumbers.CHANNEL_FAILURE) {
            sendUnimplemented();
            return;
        }
        int recipient = reader.readInt();
        if (sftpChannels.containsKey(recipient)) {
            sftpChannels.get(recipient).message(type, reader);
            return;
        }
        ClientChannel channel = channels.get(recipient);
        if (channel == null) {
            throw SshProtocolException.malformed("message for an unknown channel");
        }
        channel.message(type, reader);
    }

    /** One exec channel of this client. */
    private final class ClientChannel {
        final int id;
        final String command;
        final Deferred<ExecResult> result = new Deferred<>();
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int remoteId;
        long consumed;
        int status = -1;
        String signal;
        boolean closeSent;

        ClientChannel(int id, String command) {
            this.id = id;
            this.command = command;
        }

        void message(int type, WireReader reader) throws SshProtocolException {
            switch (type) {
                case MessageNumbers.CHANNEL_OPEN_CONFIRMATION:
                    remoteId = reader.readInt();
                    sendPacket(WireWriter.message(MessageNumbers.CHANNEL_REQUEST).writeUint32(remoteId)
                            .writeString("exec").writeBoolean(true).writeString(command).toByteArray());
                    return;
                case MessageNumbers.CHANNEL_OPEN_FAILURE:
                    reader.readUint32();
                    channels.remove(id);
                    result.errback(new SshProtocolException(DisconnectReason.BY_APPLICATION,
                            "channel refused: " + reader.readUtf8()));
                    return;
                case MessageNumbers.CHANNEL_DATA:
                    received(reader.readString(), stdout);
                    return;
                case MessageNumbers.CHANNEL_EXTENDED_DATA:
                    reader.readUint32();
                    received(reader.readString(), stderr);
                    return;
                case MessageNumbers.CHANNEL_REQUEST:
                    request(reader);
                    return;
                case MessageNumbers.CHANNEL_FAILURE:
                    close();
                    return;
                case MessageNumbers.CHANNEL_CLOSE:
                    close();
                    channels.remove(id);
                    result.callback(new ExecResult(status, signal, stdout.toByteArray(), stderr.toByteArray()));
                    return;
                default:
                    // SUCCESS, EOF, WINDOW_ADJUST: we send nothing but the request.
            }
        }

        private void received(byte[] data, ByteArrayOutputStream into) {
            if (into.size() + data.length > limits.maxPacketLength() * 64L) {
                log.warn("exec output over the client's buffer limit: truncated");
            } else {
                into.writeBytes(data);
            }
            consumed += data.length;
            if (consumed >= limits.channelWindow() / 2) {
                sendPacket(WireWriter.message(MessageNumbers.CHANNEL_WINDOW_ADJUST).writeUint32(remoteId)
                        .writeUint32(consumed).toByteArray());
                consumed = 0;
            }
        }

        private void request(WireReader reader) throws SshProtocolException {
            String type = reader.readAscii();
            boolean wantReply = reader.readBoolean();
            if ("exit-status".equals(type)) {
                status = reader.readInt();
            } else if ("exit-signal".equals(type)) {
                signal = reader.readAscii();
            } else if (wantReply) {
                sendPacket(WireWriter.message(MessageNumbers.CHANNEL_FAILURE).writeUint32(remoteId).toByteArray());
            }
        }

        private void close() {
            if (!closeSent) {
                closeSent = true;
                sendPacket(WireWriter.message(MessageNumbers.CHANNEL_CLOSE).writeUint32(remoteId).toByteArray());
            }
        }

        void lost() {
            if (!result.isCalled()) {
                result.errback(new SshProtocolException(DisconnectReason.CONNECTION_LOST, "connection lost"));
            }
        }
    }
}
