package dev.torsion.ssh.transport;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.protocols.policies.IdleTimeout;
import dev.torsion.ssh.SshLimits;
import dev.torsion.ssh.cipher.CipherAlgorithm;
import dev.torsion.ssh.cipher.MacAlgorithm;
import dev.torsion.ssh.cipher.PacketCipher;
import dev.torsion.ssh.codec.DisconnectReason;
import dev.torsion.ssh.codec.MessageNumbers;
import dev.torsion.ssh.codec.PacketDecoder;
import dev.torsion.ssh.codec.PacketEncoder;
import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.VersionExchange;
import dev.torsion.ssh.codec.WireReader;
import dev.torsion.ssh.codec.WireWriter;
import dev.torsion.ssh.kex.KexMethod;
import dev.torsion.ssh.kex.KexMethods;
import dev.torsion.time.Clock;
import dev.torsion.time.DelayedCall;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSH transport layer (RFC 4253), shared by server and client: identification exchange,
 * binary packets, key exchange and re-exchange, strict key exchange (OpenSSH's
 * {@code kex-strict-*-v00@openssh.com}, the Terrapin fix), and disconnects. Subclasses add the
 * role's half of the key exchange and the services above the transport.
 */
public abstract class SshTransport extends Protocol {
    /** Our identification line, without CR LF. */
    public static final String VERSION = "SSH-2.0-Torsion_0.1";
    /** The client's strict key exchange marker. */
    public static final String STRICT_CLIENT = "kex-strict-c-v00@openssh.com";
    /** The server's strict key exchange marker. */
    public static final String STRICT_SERVER = "kex-strict-s-v00@openssh.com";

    private static final Logger log = LoggerFactory.getLogger(SshTransport.class);

    protected final SshLimits limits;
    protected final Clock clock;
    protected final SecureRandom random;
    protected final TransportConfig config;

    private TransportState state = TransportState.VERSION_EXCHANGE;
    private KexPhase kexPhase = KexPhase.IDLE;
    private final VersionExchange versionReader;
    private final PacketDecoder decoder;
    private final PacketEncoder encoder;
    private final Queue<byte[]> held = new ArrayDeque<>();
    private String peerVersion;
    private KexInit ourKexInit;
    private KexInit peerKexInit;
    private Negotiated negotiated;
    private KexMethod method;
    private byte[] sessionId;
    private boolean strict;
    private boolean ignoreGuessedPacket;
    private boolean firstPacket = true;
    private int quickKexCount;
    private long lastPeerKexNanos;
    private PacketCipher nextIncoming;
    private DelayedCall versionTimer;
    private DelayedCall rekeyTimer;
    private int disconnectReason = -1;
    private long lastSequence;
    private IdleTimeout idle;

    protected SshTransport(TransportConfig config, SshLimits limits, Clock clock, SecureRandom random) {
        this.config = config;
        this.limits = limits;
        this.clock = clock;
        this.random = random;
        this.versionReader = new VersionExchange(limits.maxVersionLineLength(), isServer() ? 0 : limits.maxPreVersionLines());
        this.decoder = new PacketDecoder(limits.maxPacketLength());
        this.encoder = new PacketEncoder(random);
    }

    /** Whether this is the server side. */
    protected abstract boolean isServer();

    /** The transport's state. */
    public TransportState state() {
        return state;
    }

    /** The key exchange's phase. */
    public KexPhase kexPhase() {
        return kexPhase;
    }

    /** The algorithms of the last key exchange, or null before the first. */
    public Negotiated negotiated() {
        return negotiated;
    }

    /** The session identifier (H of the first exchange), or null before it. */
    public byte[] sessionId() {
        return sessionId == null ? null : sessionId.clone();
    }

    /** The peer's identification line. */
    public String peerVersion() {
        return peerVersion;
    }

    /** Bytes of packets sent since the last key exchange. */
    public long bytesSent() {
        return encoder.bytes();
    }

    /** The reason code of the disconnect this side sent, or -1 if it sent none. */
    public int disconnectReason() {
        return disconnectReason;
    }

    /** Whether both sides asked for strict key exchange in the first KEXINIT. */
    public boolean isStrict() {
        return strict;
    }

    @Override
    public void connectionMade() {
        transport().write((VERSION + "\r\n").getBytes(StandardCharsets.US_ASCII));
        versionTimer = clock.callLater(limits.versionTimeout(), () -> {
            log.info("no identification line within {}", limits.versionTimeout());
            transport().abortConnection();
        });
        sendKexInit();
        if (!limits.idleTimeout().isZero()) {
            idle = new IdleTimeout(clock, () -> disconnect(DisconnectReason.BY_APPLICATION, "idle timeout"));
            idle.setTimeout(limits.idleTimeout());
        }
    }

    @Override
    public void dataReceived(byte[] data) {
        if (state == TransportState.DISCONNECTED) {
            return;
        }
        if (idle != null) {
            idle.resetTimeout();
        }
        try {
            if (state == TransportState.VERSION_EXCHANGE) {
                if (!versionReader.feed(data)) {
                    return;
                }
                peerVersion = versionReader.version();
                versionTimer.cancel();
                state = TransportState.FIRST_KEX;
                data = versionReader.rest();
            }
            decoder.feed(data);
            byte[] payload;
            while (state != TransportState.DISCONNECTED && (payload = decoder.next()) != null) {
                handlePacket(payload);
            }
            checkRekey();
        } catch (SshProtocolException e) {
            if (state == TransportState.VERSION_EXCHANGE) {
                log.info("bad identification from {}: {}", transport().getPeer(), e.getMessage());
                state = TransportState.DISCONNECTED;
                transport().write("Protocol mismatch.\r\n".getBytes(StandardCharsets.US_ASCII));
                transport().loseConnection();
            } else {
                disconnect(e.reasonCode(), e.getMessage());
            }
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        state = TransportState.DISCONNECTED;
        cancel(versionTimer);
        cancel(rekeyTimer);
        if (idle != null) {
            idle.cancel();
        }
        super.connectionLost(reason);
    }

    private static void cancel(DelayedCall call) {
        if (call != null && call.active()) {
            call.cancel();
        }
    }

    /** Sends SSH_MSG_DISCONNECT (RFC 4253 section 11.1) and closes. */
    public void disconnect(int reason, String description) {
        if (state == TransportState.DISCONNECTED) {
            return;
        }
        log.info("disconnecting {} (reason {}): {}", transport().getPeer(), reason, description);
        disconnectReason = reason;
        byte[] payload = WireWriter.message(MessageNumbers.DISCONNECT).writeUint32(reason)
                .writeString(description).writeString("").toByteArray();
        if (state != TransportState.VERSION_EXCHANGE) {
            transport().write(encoder.encode(payload));
        }
        state = TransportState.DISCONNECTED;
        cancel(rekeyTimer);
        cancel(versionTimer);
        transport().loseConnection();
    }

    /**
     * Sends a payload. During a key exchange, messages of higher layers wait until NEWKEYS has
     * been sent (RFC 4253 section 7.1).
     */
    public void sendPacket(byte[] payload) {
        if (state == TransportState.DISCONNECTED) {
            return;
        }
        int type = payload[0] & 0xff;
        if ((kexPhase != KexPhase.IDLE || state != TransportState.ESTABLISHED)
                && !MessageNumbers.isKex(type) && !MessageNumbers.isTransportGeneric(type)) {
            held.add(payload);
            return;
        }
        transport().write(encoder.encode(payload));
    }

    /**
     * The array to build one packet's payload in, from {@link PacketEncoder#PAYLOAD_OFFSET} on, for
     * {@link #sendFramed}: bulk data is then copied once, into the packet, and encrypted there. The
     * array is the encoder's own, lent again by the next call: build and send one packet at a time.
     */
    public byte[] framePacket(int payloadLength) {
        return encoder.frame(payloadLength);
    }

    /**
     * Sends a payload built in the array from {@link #framePacket}. It waits as a plain payload
     * during a key exchange, and is framed again if the cipher changed since the array was lent.
     * The sealed bytes are handed to the transport as a buffer it copies (transport-netty: once,
     * into a pooled direct buffer, the copy a heap array costs anyway), so the array is free again.
     */
    public void sendFramed(byte[] wire, int payloadLength) {
        if (state == TransportState.DISCONNECTED) {
            return;
        }
        int end = PacketEncoder.PAYLOAD_OFFSET + payloadLength;
        if (kexPhase != KexPhase.IDLE || state != TransportState.ESTABLISHED || !encoder.fits(wire, payloadLength)) {
            sendPacket(Arrays.copyOfRange(wire, PacketEncoder.PAYLOAD_OFFSET, end));
            return;
        }
        transport().write(ByteBuffer.wrap(wire, 0, encoder.seal(wire, payloadLength)));
    }

    /** Answers a message this side does not know with SSH_MSG_UNIMPLEMENTED (RFC 4253 section 11.4). */
    protected void sendUnimplemented() {
        sendPacket(WireWriter.message(MessageNumbers.UNIMPLEMENTED).writeUint32(lastSequence).toByteArray());
    }

    private void handlePacket(byte[] payload) throws SshProtocolException {
        lastSequence = (decoder.sequence() - 1) & 0xffffffffL;
        int type = payload[0] & 0xff;
        boolean first = firstPacket;
        firstPacket = false;
        if (first && type != MessageNumbers.KEXINIT && state == TransportState.FIRST_KEX) {
            // Strict key exchange requires KEXINIT first; we cannot know yet, and RFC 4253 section
            // 7.1 says key exchange begins with it anyway: only IGNORE and DEBUG are forgiven.
            if (type != MessageNumbers.IGNORE && type != MessageNumbers.DEBUG) {
                throw SshProtocolException.malformed("first packet is not KEXINIT");
            }
        }
        if (strict && state == TransportState.FIRST_KEX && !MessageNumbers.isKex(type)
                && type != MessageNumbers.DISCONNECT) {
            throw SshProtocolException.malformed("unexpected message " + type + " during strict key exchange");
        }
        switch (type) {
            case MessageNumbers.DISCONNECT:
                receivedDisconnect(payload);
                return;
            case MessageNumbers.IGNORE:
            case MessageNumbers.DEBUG:
                return;
            case MessageNumbers.UNIMPLEMENTED:
                log.debug("peer did not implement packet {}", new WireReader(payload, 1, payload.length - 1).readUint32());
                return;
            case MessageNumbers.KEXINIT:
                receivedKexInit(payload);
                return;
            case MessageNumbers.NEWKEYS:
                receivedNewKeys();
                return;
            default:
                break;
        }
        if (type >= 30 && type <= 49) {
            if (kexPhase != KexPhase.EXCHANGING) {
                throw SshProtocolException.malformed("key exchange message " + type + " outside a key exchange");
            }
            if (ignoreGuessedPacket) {
                ignoreGuessedPacket = false;
                return;
            }
            kexMessage(type, new WireReader(payload, 1, payload.length - 1));
            return;
        }
        if (state != TransportState.ESTABLISHED) {
            throw SshProtocolException.malformed("message " + type + " before keys were exchanged");
        }
        if (kexPhase == KexPhase.EXCHANGING || (kexPhase == KexPhase.NEWKEYS_SENT && peerKexInit != null)) {
            // RFC 4253 section 7.1: after its KEXINIT the peer sends only key exchange messages until NEWKEYS.
            throw SshProtocolException.malformed("message " + type + " during key exchange");
        }
        serviceMessage(type, payload);
    }

    private void receivedDisconnect(byte[] payload) throws SshProtocolException {
        WireReader reader = new WireReader(payload, 1, payload.length - 1);
        long reason = reader.readUint32();
        String description = reader.readUtf8();
        log.info("peer {} disconnected (reason {}): {}", transport().getPeer(), reason,
                description.replaceAll("\\p{Cntrl}", "?"));
        state = TransportState.DISCONNECTED;
        transport().loseConnection();
    }

    /** A message of a higher layer (50 and up), once keys are in place. */
    protected abstract void serviceMessage(int type, byte[] payload) throws SshProtocolException;

    /** The first key exchange finished both ways. */
    protected abstract void keysReady();

    /** The method-specific messages (30..49) of a key exchange, for this side's role. */
    protected abstract void kexMessage(int type, WireReader message) throws SshProtocolException;

    // ---------------------------------------------------------------- key exchange

    private List<String> ourKexNames() {
        List<String> names = new ArrayList<>(config.kex());
        if (state != TransportState.ESTABLISHED && sessionId == null) {
            // RFC 8308 section 2.1 and OpenSSH's PROTOCOL: the markers go only in the first KEXINIT.
            names.add(isServer() ? STRICT_SERVER : STRICT_CLIENT);
            if (!isServer()) {
                names.add("ext-info-c");
            }
        }
        return names;
    }

    /** Starts a key exchange by sending KEXINIT (RFC 4253 section 7.1). */
    protected void sendKexInit() {
        byte[] cookie = new byte[16];
        random.nextBytes(cookie);
        ourKexInit = KexInit.build(cookie, ourKexNames(), hostKeyAlgorithms(),
                config.ciphers().stream().map(CipherAlgorithm::sshName).toList(),
                config.macs().stream().map(MacAlgorithm::sshName).toList());
        peerKexInit = null;
        kexPhase = KexPhase.INIT_SENT;
        transport().write(encoder.encode(ourKexInit.payload()));
    }

    /**
     * The host key algorithms this side's KEXINIT lists: the ones a client accepts (the config's);
     * a server overrides it with what its host keys sign with.
     */
    protected List<String> hostKeyAlgorithms() {
        return config.hostKeyAlgorithms();
    }

    /** Starts a re-exchange now, if none runs (RFC 4253 section 9). */
    public void rekey() {
        if (state == TransportState.ESTABLISHED && kexPhase == KexPhase.IDLE) {
            sendKexInit();
        }
    }

    private void checkRekey() {
        if (state == TransportState.ESTABLISHED && kexPhase == KexPhase.IDLE
                && (decoder.bytes() > limits.rekeyBytes() || encoder.bytes() > limits.rekeyBytes())) {
            log.debug("rekeying after {} bytes in, {} out", decoder.bytes(), encoder.bytes());
            sendKexInit();
        }
    }

    private void receivedKexInit(byte[] payload) throws SshProtocolException {
        if (kexPhase == KexPhase.EXCHANGING || kexPhase == KexPhase.NEWKEYS_SENT && peerKexInit != null) {
            throw SshProtocolException.malformed("KEXINIT during a key exchange");
        }
        if (state == TransportState.ESTABLISHED) {
            long now = clock.nanoTime();
            if (now - lastPeerKexNanos < limits.minKexInterval().toNanos() && ++quickKexCount > limits.maxQuickKex()) {
                throw SshProtocolException.malformed("key exchange flood");
            }
            lastPeerKexNanos = now;
        }
        KexInit peer = KexInit.parse(payload);
        if (kexPhase == KexPhase.IDLE) {
            sendKexInit();
        }
        peerKexInit = peer;
        KexInit client = isServer() ? peer : ourKexInit;
        KexInit server = isServer() ? ourKexInit : peer;
        if (sessionId == null) {
            strict = client.kex().contains(STRICT_CLIENT) && server.kex().contains(STRICT_SERVER);
            if (strict && decoder.sequence() != 1) {
                throw SshProtocolException.malformed("strict key exchange: KEXINIT was not the first packet");
            }
        }
        negotiated = Negotiated.of(client, server);
        if (peer.firstKexPacketFollows()) {
            // RFC 4253 section 7: a wrong guess means the next key exchange packet is dropped.
            ignoreGuessedPacket = !peer.kex().get(0).equals(negotiated.kex())
                    || !peer.hostKey().get(0).equals(negotiated.hostKey());
        }
        method = KexMethods.create(negotiated.kex(), random).orElseThrow(
                () -> new SshProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED, "unknown key exchange"));
        kexPhase = KexPhase.EXCHANGING;
        log.debug("key exchange with {}: {}", transport().getPeer(), negotiated);
        kexStarted(method);
    }

    /** Both KEXINITs are known: the client sends its first method message here. */
    protected abstract void kexStarted(KexMethod method);

    /** The exchange hash H (RFC 4253 section 8, RFC 5656 section 4, RFC 8731 section 3). */
    protected byte[] exchangeHash(byte[] hostKeyBlob, byte[] clientField, byte[] serverField, byte[] sharedSecret) {
        String clientVersion = isServer() ? peerVersion : VERSION;
        String serverVersion = isServer() ? VERSION : peerVersion;
        KexInit client = isServer() ? peerKexInit : ourKexInit;
        KexInit server = isServer() ? ourKexInit : peerKexInit;
        WireWriter data = new WireWriter(4096).writeString(clientVersion).writeString(serverVersion)
                .writeString(client.payload()).writeString(server.payload()).writeString(hostKeyBlob)
                .writeRaw(clientField).writeRaw(serverField).writeRaw(sharedSecret);
        try {
            return MessageDigest.getInstance(method.hash()).digest(data.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The current method. */
    protected KexMethod method() {
        return method;
    }

    /**
     * Derives the keys from K and H, then sends NEWKEYS and switches the outgoing keys (RFC 4253
     * sections 7.2 and 7.3); the incoming keys switch when the peer's NEWKEYS comes.
     */
    protected void sendNewKeys(byte[] sharedSecret, byte[] exchangeHash) {
        if (sessionId == null) {
            sessionId = exchangeHash;
        }
        KeyDerivation keys = new KeyDerivation(method.hash(), sharedSecret, exchangeHash, sessionId);
        PacketCipher clientToServer = cipher(keys, negotiated.cipherClientToServer(), negotiated.macClientToServer(),
                'A', 'C', 'E', !isServer());
        PacketCipher serverToClient = cipher(keys, negotiated.cipherServerToClient(), negotiated.macServerToClient(),
                'B', 'D', 'F', isServer());
        nextIncoming = isServer() ? clientToServer : serverToClient;
        transport().write(encoder.encode(new byte[] {MessageNumbers.NEWKEYS}));
        encoder.setCipher(isServer() ? serverToClient : clientToServer);
        encoder.resetBytes();
        if (strict) {
            encoder.resetSequence();
        }
        kexPhase = KexPhase.NEWKEYS_SENT;
        if (isServer() && state == TransportState.FIRST_KEX && peerKexInit.kex().contains("ext-info-c")) {
            sendExtInfo();
        }
    }

    /** RFC 8308 section 2.4: the server's EXT_INFO comes right after its first NEWKEYS. */
    private void sendExtInfo() {
        transport().write(encoder.encode(WireWriter.message(MessageNumbers.EXT_INFO).writeUint32(1)
                .writeString("server-sig-algs").writeNameList(config.serverSigAlgs()).toByteArray()));
    }

    private static PacketCipher cipher(KeyDerivation keys, CipherAlgorithm cipher, MacAlgorithm mac, char iv,
            char key, char macKey, boolean encrypting) {
        byte[] ivBytes = cipher.ivLength() == 0 ? new byte[0] : keys.derive(iv, cipher.ivLength());
        byte[] keyBytes = keys.derive(key, cipher.keyLength());
        byte[] macBytes = mac == null ? null : keys.derive(macKey, mac.keyLength());
        return cipher.create(keyBytes, ivBytes, mac, macBytes, encrypting);
    }

    private void receivedNewKeys() throws SshProtocolException {
        if (kexPhase != KexPhase.NEWKEYS_SENT) {
            throw SshProtocolException.malformed("NEWKEYS out of order");
        }
        decoder.setCipher(nextIncoming);
        decoder.resetBytes();
        nextIncoming = null;
        if (strict) {
            decoder.resetSequence();
        }
        kexPhase = KexPhase.IDLE;
        peerKexInit = null;
        method = null;
        scheduleRekey();
        boolean first = state == TransportState.FIRST_KEX;
        state = TransportState.ESTABLISHED;
        while (!held.isEmpty() && kexPhase == KexPhase.IDLE) {
            transport().write(encoder.encode(held.poll()));
        }
        if (first) {
            keysReady();
        }
    }

    private void scheduleRekey() {
        cancel(rekeyTimer);
        if (!limits.rekeyInterval().isZero()) {
            rekeyTimer = clock.callLater(limits.rekeyInterval(), this::rekey);
        }
    }
}
