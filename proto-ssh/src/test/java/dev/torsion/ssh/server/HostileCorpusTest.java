package dev.torsion.ssh.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.ssh.SshLimits;
import dev.torsion.ssh.client.ExecResult;
import dev.torsion.ssh.client.SshClientProtocol;
import dev.torsion.ssh.codec.DisconnectReason;
import dev.torsion.ssh.codec.MessageNumbers;
import dev.torsion.ssh.codec.PacketDecoder;
import dev.torsion.ssh.codec.PacketEncoder;
import dev.torsion.ssh.codec.VersionExchange;
import dev.torsion.ssh.codec.WireReader;
import dev.torsion.ssh.codec.WireWriter;
import dev.torsion.ssh.support.MemorySsh;
import dev.torsion.ssh.transport.KexInit;
import dev.torsion.ssh.transport.TransportConfig;
import dev.torsion.ssh.transport.TransportState;
import dev.torsion.testing.IOPump;
import dev.torsion.testing.StringTransport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input and the exact reply each earns. Clear-text attacks (before keys) are replayed whole
 * and byte by byte on a {@link StringTransport}; attacks that need keys are sent by our client
 * through {@link IOPump}, and the server's disconnect reason is checked.
 */
class HostileCorpusTest {
    static final String CLIENT_VERSION = "SSH-2.0-Hostile_1.0\r\n";

    @TempDir
    Path dir;

    static byte[] packets(byte[]... payloads) {
        PacketEncoder encoder = new PacketEncoder(new Random(1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(CLIENT_VERSION.getBytes(StandardCharsets.US_ASCII));
        for (byte[] payload : payloads) {
            out.writeBytes(encoder.encode(payload));
        }
        return out.toByteArray();
    }

    static byte[] kexInit(List<String> ciphers) {
        return KexInit.build(new byte[16], List.of("curve25519-sha256", "kex-strict-c-v00@openssh.com"),
                List.of("ssh-ed25519"), ciphers, List.of("hmac-sha2-256-etm@openssh.com")).payload();
    }

    static byte[] ecdhInit(byte[] point) {
        return WireWriter.message(MessageNumbers.KEX_ECDH_INIT).writeString(point).toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Input, then the reply: "mismatch" for the plain-text line, or the disconnect reason code. */
    static Stream<Arguments> clearCorpus() {
        List<String> aes = List.of("aes128-ctr");
        return Stream.of(
                Arguments.of("not SSH", "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII), -1),
                Arguments.of("banner that never ends", ("SSH-2.0-" + "x".repeat(400)).getBytes(StandardCharsets.US_ASCII), -1),
                Arguments.of("SSH-1", "SSH-1.5-old\r\n".getBytes(StandardCharsets.US_ASCII), -1),
                Arguments.of("packet length 2^32-1",
                        concat(CLIENT_VERSION.getBytes(StandardCharsets.US_ASCII), new byte[] {-1, -1, -1, -1, 0, 0, 0, 0}),
                        DisconnectReason.PROTOCOL_ERROR),
                Arguments.of("padding under 4 bytes",
                        concat(CLIENT_VERSION.getBytes(StandardCharsets.US_ASCII),
                                new byte[] {0, 0, 0, 12, 3, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
                        DisconnectReason.PROTOCOL_ERROR),
                Arguments.of("first packet not KEXINIT",
                        packets(WireWriter.message(MessageNumbers.SERVICE_REQUEST).writeString("ssh-userauth").toByteArray()),
                        DisconnectReason.PROTOCOL_ERROR),
                Arguments.of("no cipher in common", packets(kexInit(List.of("3des-cbc"))), DisconnectReason.KEY_EXCHANGE_FAILED),
                Arguments.of("NEWKEYS before the exchange", packets(kexInit(aes), new byte[] {MessageNumbers.NEWKEYS}),
                        DisconnectReason.PROTOCOL_ERROR),
                Arguments.of("IGNORE during strict kex", packets(kexInit(aes),
                        WireWriter.message(MessageNumbers.IGNORE).writeString("x").toByteArray()),
                        DisconnectReason.PROTOCOL_ERROR),
                Arguments.of("X25519 key of 31 bytes", packets(kexInit(aes), ecdhInit(new byte[31])),
                        DisconnectReason.KEY_EXCHANGE_FAILED),
                Arguments.of("X25519 low-order point", packets(kexInit(aes), ecdhInit(new byte[32])),
                        DisconnectReason.KEY_EXCHANGE_FAILED),
                Arguments.of("second KEXINIT during the exchange", packets(kexInit(aes), kexInit(aes)),
                        DisconnectReason.PROTOCOL_ERROR),
                Arguments.of("truncated KEXINIT", packets(new byte[] {MessageNumbers.KEXINIT, 1, 2, 3}),
                        DisconnectReason.PROTOCOL_ERROR));
    }

    /** What the server wrote: "mismatch", or the reason code of its DISCONNECT packet, or -2 for none. */
    static int reply(StringTransport transport) throws Exception {
        byte[] out = transport.value();
        String text = new String(out, StandardCharsets.ISO_8859_1);
        if (text.contains("Protocol mismatch.\r\n")) {
            return -1;
        }
        VersionExchange version = new VersionExchange(255, 0);
        assertTrue(version.feed(out));
        PacketDecoder decoder = new PacketDecoder(1 << 20);
        decoder.feed(version.rest());
        int reason = -2;
        for (byte[] payload = decoder.next(); payload != null; payload = decoder.next()) {
            if (payload[0] == MessageNumbers.DISCONNECT) {
                reason = (int) new WireReader(payload, 1, payload.length - 1).readUint32();
            }
        }
        return reason;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clearCorpus")
    void clearCorpusWholeAndByteByByte(String name, byte[] input, int expected) throws Exception {
        for (boolean byteByByte : new boolean[] {false, true}) {
            MemorySsh ssh = new MemorySsh(dir);
            SshServerProtocol server = ssh.server(TransportConfig.DEFAULTS, SshLimits.DEFAULTS);
            StringTransport transport = new StringTransport();
            server.makeConnection(transport);
            if (byteByByte) {
                for (byte b : input) {
                    server.dataReceived(new byte[] {b});
                }
            } else {
                server.dataReceived(input);
            }
            assertEquals(expected, reply(transport), name + (byteByByte ? " byte by byte" : " whole"));
            assertTrue(transport.isDisconnecting(), name + " leaves the connection open");
            assertEquals(TransportState.DISCONNECTED, server.state());
        }
    }

    @Test
    void idleTimeout() {
        Pair pair = connect(false, SshLimits.DEFAULTS.withIdleTimeout(Duration.ofMinutes(5)));
        pair.ssh.clock.advance(Duration.ofMinutes(4));
        assertEquals(-1, pair.server.disconnectReason());
        pair.ssh.clock.advance(Duration.ofMinutes(1));
        assertEquals(DisconnectReason.BY_APPLICATION, pair.server.disconnectReason());
    }

    @Test
    void loginGraceTime() {
        Pair pair = connect(true, SshLimits.DEFAULTS);
        pair.ssh.clock.advance(Duration.ofSeconds(120));
        assertEquals(DisconnectReason.BY_APPLICATION, pair.server.disconnectReason());
    }

    @Test
    void identificationTimeout() {
        MemorySsh ssh = new MemorySsh(dir);
        SshServerProtocol server = ssh.server(TransportConfig.DEFAULTS, SshLimits.DEFAULTS);
        StringTransport transport = new StringTransport();
        server.makeConnection(transport);
        server.dataReceived("SSH-2.0-slow".getBytes(StandardCharsets.US_ASCII));
        ssh.clock.advance(Duration.ofSeconds(29));
        assertTrue(!transport.isDisconnecting());
        ssh.clock.advance(Duration.ofSeconds(1));
        assertTrue(transport.isDisconnecting());
    }

    // ---------------------------------------------------------------- with keys

    record Pair(MemorySsh ssh, SshServerProtocol server, SshClientProtocol client, IOPump pump) {
    }

    /** A pair logged in with alice's key, or (manual) one whose client sends no authentication itself. */
    Pair connect(boolean manual, SshLimits limits) {
        return connect(manual, limits, false);
    }

    /** As above, the server offering keyboard-interactive or not. */
    Pair connect(boolean manual, SshLimits limits, boolean keyboardInteractive) {
        MemorySsh ssh = new MemorySsh(dir);
        SshServerProtocol server = ssh.server(TransportConfig.DEFAULTS, limits).withKeyboardInteractive(keyboardInteractive);
        SshClientProtocol client = ssh.client(TransportConfig.DEFAULTS.withKex(List.of("curve25519-sha256")),
                manual ? null : MemorySsh.ALICE_KEY, null);
        return new Pair(ssh, server, client, IOPump.connect(server, client));
    }

    static byte[] channelOpen(int id) {
        return WireWriter.message(MessageNumbers.CHANNEL_OPEN).writeString("session").writeUint32(id)
                .writeUint32(1 << 20).writeUint32(32768).toByteArray();
    }

    @Test
    void channelOpenBeforeAuthentication() {
        Pair pair = connect(true, SshLimits.DEFAULTS);
        pair.client.sendPacket(channelOpen(0));
        pair.pump.flush();
        assertEquals(DisconnectReason.PROTOCOL_ERROR, pair.server.disconnectReason());
    }

    @Test
    void tooManyFailedLogins() {
        Pair pair = connect(true, SshLimits.DEFAULTS.withAuthAndChannels(3, 10));
        byte[] request = WireWriter.message(MessageNumbers.USERAUTH_REQUEST).writeString("alice")
                .writeString("ssh-connection").writeString("password").writeBoolean(false).writeString("bad").toByteArray();
        for (int i = 0; i < 3; i++) {
            pair.client.sendPacket(request);
            pair.pump.flush();
            pair.ssh.clock.advance(Duration.ofSeconds(1));
            pair.pump.flush();
        }
        assertEquals(DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE, pair.server.disconnectReason());
    }

    @Test
    void unknownUserTakesTheSameTimeAsAWrongPassword() {
        List<Integer> bytesAt999 = new ArrayList<>();
        List<Integer> bytesAt1000 = new ArrayList<>();
        for (String user : new String[] {"alice", "mallory"}) {
            Pair pair = connect(true, SshLimits.DEFAULTS);
            pair.client.sendPacket(WireWriter.message(MessageNumbers.USERAUTH_REQUEST).writeString(user)
                    .writeString("ssh-connection").writeString("password").writeBoolean(false).writeString("x")
                    .toByteArray());
            pair.pump.flush();
            long sent = pair.server.bytesSent();
            pair.ssh.clock.advance(Duration.ofMillis(999));
            pair.pump.flush();
            bytesAt999.add((int) (pair.server.bytesSent() - sent));
            pair.ssh.clock.advance(Duration.ofMillis(1));
            pair.pump.flush();
            bytesAt1000.add((int) (pair.server.bytesSent() - sent));
            assertEquals(ServerSessionState.AUTHENTICATING, pair.server.sessionState(), user);
        }
        assertEquals(List.of(0, 0), bytesAt999);
        assertEquals(bytesAt1000.get(0), bytesAt1000.get(1));
        assertTrue(bytesAt1000.get(0) > 0);
    }

    @Test
    void windowOverflow() {
        Pair pair = connect(false, SshLimits.DEFAULTS);
        pair.client.exec("cat");
        pair.pump.flush();
        byte[] adjust = WireWriter.message(MessageNumbers.CHANNEL_WINDOW_ADJUST).writeUint32(0).writeUint32(0xffffffffL)
                .toByteArray();
        pair.client.sendPacket(adjust);
        pair.pump.flush();
        assertEquals(DisconnectReason.PROTOCOL_ERROR, pair.server.disconnectReason());
    }

    @Test
    void dataBeyondTheWindowOrPacketSize() {
        Pair pair = connect(false, SshLimits.DEFAULTS);
        pair.client.exec("cat");
        pair.pump.flush();
        pair.client.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_DATA).writeUint32(0)
                .writeString(new byte[40000]).toByteArray());
        pair.pump.flush();
        assertEquals(DisconnectReason.PROTOCOL_ERROR, pair.server.disconnectReason());
    }

    @Test
    void messageForAnUnknownChannel() {
        Pair pair = connect(false, SshLimits.DEFAULTS);
        pair.client.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_EOF).writeUint32(42).toByteArray());
        pair.pump.flush();
        assertEquals(DisconnectReason.PROTOCOL_ERROR, pair.server.disconnectReason());
    }

    @Test
    void keyExchangeFlood() {
        Pair pair = connect(false, SshLimits.DEFAULTS);
        for (int i = 0; i < 12 && pair.server.disconnectReason() == -1; i++) {
            pair.client.rekey();
            pair.pump.flush();
        }
        assertEquals(DisconnectReason.PROTOCOL_ERROR, pair.server.disconnectReason());
    }

    @Test
    void channelLimitRefusesTheOpenNotTheConnection() {
        Pair pair = connect(false, SshLimits.DEFAULTS.withAuthAndChannels(6, 1));
        pair.client.exec("cat");
        pair.pump.flush();
        Deferred<ExecResult> second = pair.client.exec("echo no");
        pair.pump.flush();
        AtomicReference<String> error = new AtomicReference<>();
        second.addErrback(failure -> {
            error.set(failure.value().getMessage());
            return null;
        });
        assertEquals("channel refused: too many channels", error.get());
        assertEquals(-1, pair.server.disconnectReason());
    }

    @Test
    void unknownServiceRequestAfterKex() {
        Pair pair = connect(false, SshLimits.DEFAULTS);
        pair.client.sendPacket(WireWriter.message(MessageNumbers.GLOBAL_REQUEST).writeString("nope@x").writeBoolean(true)
                .toByteArray());
        pair.pump.flush();
        assertEquals(-1, pair.server.disconnectReason());
        pair.client.sendPacket(new byte[] {(byte) 200});
        pair.pump.flush();
        assertEquals(-1, pair.server.disconnectReason());
    }

    // ---------------------------------------------------------------- keyboard-interactive (RFC 4256)

    static byte[] keyboardInteractiveRequest(String user) {
        return WireWriter.message(MessageNumbers.USERAUTH_REQUEST).writeString(user).writeString("ssh-connection")
                .writeString("keyboard-interactive").writeString("").writeString("").toByteArray();
    }

    static byte[] infoResponse(String... answers) {
        WireWriter response = WireWriter.message(MessageNumbers.USERAUTH_INFO_RESPONSE).writeUint32(answers.length);
        for (String answer : answers) {
            response.writeString(answer);
        }
        return response.toByteArray();
    }

    @Test
    void keyboardInteractiveResponseWithoutAPrompt() {
        Pair pair = connect(true, SshLimits.DEFAULTS, true);
        pair.client.sendPacket(infoResponse("secret"));
        pair.pump.flush();
        assertEquals(DisconnectReason.PROTOCOL_ERROR, pair.server.disconnectReason());
    }

    @Test
    void keyboardInteractiveWithTheWrongNumberOfResponsesIsAFailedAttempt() {
        Pair pair = connect(true, SshLimits.DEFAULTS.withAuthAndChannels(2, 10), true);
        pair.client.sendPacket(keyboardInteractiveRequest("alice"));
        pair.client.sendPacket(infoResponse("secret", "secret"));
        pair.pump.flush();
        assertEquals(-1, pair.server.disconnectReason());
        pair.client.sendPacket(keyboardInteractiveRequest("alice"));
        pair.client.sendPacket(infoResponse());
        pair.pump.flush();
        assertEquals(DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE, pair.server.disconnectReason());
    }

    @Test
    void keyboardInteractiveNotOfferedIsRefusedWithoutCounting() {
        Pair pair = connect(true, SshLimits.DEFAULTS.withAuthAndChannels(1, 10), false);
        pair.client.sendPacket(keyboardInteractiveRequest("alice"));
        pair.pump.flush();
        assertEquals(-1, pair.server.disconnectReason());
        assertEquals(ServerSessionState.AUTHENTICATING, pair.server.sessionState());
        pair.client.sendPacket(infoResponse("secret"));
        pair.pump.flush();
        assertEquals(DisconnectReason.PROTOCOL_ERROR, pair.server.disconnectReason());
    }

    @Test
    void keyboardInteractiveLogsInWithThePassword() {
        Pair pair = connect(true, SshLimits.DEFAULTS, true);
        pair.client.sendPacket(keyboardInteractiveRequest("alice"));
        pair.pump.flush();
        pair.client.sendPacket(infoResponse("secret"));
        pair.pump.flush();
        assertEquals(ServerSessionState.CONNECTED, pair.server.sessionState());
    }

    /** A wrong answer, an unknown user and a wrong password: the same delay, the same reply. */
    @Test
    void keyboardInteractiveTakesTheSameTimeAsAPassword() {
        List<Integer> bytesAt999 = new ArrayList<>();
        List<Integer> bytesAt1000 = new ArrayList<>();
        for (String user : new String[] {"alice", "mallory", "password"}) {
            Pair pair = connect(true, SshLimits.DEFAULTS, true);
            if (user.equals("password")) {
                pair.client.sendPacket(WireWriter.message(MessageNumbers.USERAUTH_REQUEST).writeString("alice")
                        .writeString("ssh-connection").writeString("password").writeBoolean(false).writeString("x")
                        .toByteArray());
                pair.pump.flush();
            } else {
                pair.client.sendPacket(keyboardInteractiveRequest(user));
                pair.pump.flush();
                pair.client.sendPacket(infoResponse("x"));
                pair.pump.flush();
            }
            long sent = pair.server.bytesSent();
            pair.ssh.clock.advance(Duration.ofMillis(999));
            pair.pump.flush();
            bytesAt999.add((int) (pair.server.bytesSent() - sent));
            pair.ssh.clock.advance(Duration.ofMillis(1));
            pair.pump.flush();
            bytesAt1000.add((int) (pair.server.bytesSent() - sent));
            assertEquals(ServerSessionState.AUTHENTICATING, pair.server.sessionState(), user);
        }
        assertEquals(List.of(0, 0, 0), bytesAt999);
        assertEquals(bytesAt1000.get(0), bytesAt1000.get(1));
        assertEquals(bytesAt1000.get(0), bytesAt1000.get(2));
        assertTrue(bytesAt1000.get(0) > 0);
    }
}
