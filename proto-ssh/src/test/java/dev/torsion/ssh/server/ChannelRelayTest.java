package dev.torsion.ssh.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.PushProducer;
import dev.torsion.ssh.SshLimits;
import dev.torsion.ssh.codec.MessageNumbers;
import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;
import dev.torsion.ssh.codec.WireWriter;
import dev.torsion.ssh.support.MemorySsh;
import dev.torsion.ssh.transport.TransportConfig;
import dev.torsion.testing.StringTransport;
import dev.torsion.testing.StringTransport.ProducerState;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A direct-tcpip channel joined to its TCP connection by the core relay, the TCP side on a
 * {@link StringTransport}: bytes both ways, the SSH window and pauseProducing as backpressure in
 * each direction, half-close and close passed on, and the close deadline.
 */
class ChannelRelayTest {
    private static final int REMOTE_ID = 9;

    @TempDir
    Path dir;

    private MemorySsh ssh;
    /** What the channel sent the SSH peer, as "TYPE" or "DATA n" / "ADJUST n". */
    private final List<String> sent = new ArrayList<>();
    private final ByteArrayOutputStream sentData = new ByteArrayOutputStream();
    private final StringTransport tcp = new StringTransport();
    private ForwardChannel channel;
    private SshServerProtocol server;

    @BeforeEach
    void open() {
        ssh = new MemorySsh(dir);
        server = new SshServerProtocol(TransportConfig.DEFAULTS, SshLimits.DEFAULTS, ssh.clock,
                new SecureRandom(), MemorySsh.HOST_KEY, ssh.portal) {
            @Override
            public void sendPacket(byte[] payload) {
                record(payload);
            }
        };
        // The SSH peer offers a window of 64 KiB in packets of 16 KiB.
        channel = ForwardChannel.direct(server, 0, REMOTE_ID, 65536, 16384, SshLimits.DEFAULTS);
        channel.tcpProtocol().makeConnection(tcp);
    }

    private void record(byte[] payload) {
        try {
            WireReader reader = new WireReader(payload, 1, payload.length - 1);
            switch (payload[0]) {
                case MessageNumbers.CHANNEL_DATA -> {
                    assertEquals(REMOTE_ID, reader.readInt());
                    byte[] data = reader.readString();
                    sentData.writeBytes(data);
                    sent.add("DATA " + data.length);
                }
                case MessageNumbers.CHANNEL_WINDOW_ADJUST -> {
                    reader.readInt();
                    sent.add("ADJUST " + reader.readUint32());
                }
                case MessageNumbers.CHANNEL_OPEN_CONFIRMATION -> sent.add("CONFIRM");
                case MessageNumbers.CHANNEL_EOF -> sent.add("EOF");
                case MessageNumbers.CHANNEL_CLOSE -> sent.add("CLOSE");
                default -> sent.add("type " + payload[0]);
            }
        } catch (SshProtocolException e) {
            throw new AssertionError(e);
        }
    }

    private void fromPeer(WireWriter message) throws SshProtocolException {
        byte[] payload = message.toByteArray();
        channel.message(payload[0], new WireReader(payload, 5, payload.length - 5));
    }

    private static WireWriter message(int type) {
        return WireWriter.message(type).writeUint32(0);
    }

    @Test
    void confirmedOnceConnectedThenBytesFlowBothWays() throws Exception {
        assertEquals(List.of("CONFIRM"), sent);
        fromPeer(message(MessageNumbers.CHANNEL_DATA).writeString("to tcp".getBytes()));
        assertEquals("to tcp", tcp.valueAsString());
        channel.tcpProtocol().dataReceived("to ssh".getBytes());
        assertEquals(List.of("CONFIRM", "DATA 6"), sent);
        assertEquals("to ssh", sentData.toString());
    }

    /** TCP to SSH: the peer's window and packet size bound what goes; above the high-water mark the TCP side stops reading. */
    @Test
    void aClosedWindowPausesReadingFromTcp() throws Exception {
        byte[] burst = new byte[200_000];
        new Random(1).nextBytes(burst);
        channel.tcpProtocol().dataReceived(burst);
        assertEquals(List.of("CONFIRM", "DATA 16384", "DATA 16384", "DATA 16384", "DATA 16384"), sent);
        assertEquals(ProducerState.PAUSED, tcp.producerState());
        fromPeer(message(MessageNumbers.CHANNEL_WINDOW_ADJUST).writeUint32(1 << 20));
        assertEquals(ProducerState.PRODUCING, tcp.producerState());
        assertArrayEquals(burst, sentData.toByteArray());
    }

    /** TCP to SSH: while the SSH connection's output is above its high-water mark, data waits and TCP stops. */
    @Test
    void aFullSshConnectionPausesReadingFromTcp() throws Exception {
        byte[] burst = new byte[200_000];
        new Random(2).nextBytes(burst);
        server.pauseProducing();
        channel.tcpProtocol().dataReceived(burst);
        assertEquals(List.of("CONFIRM"), sent);
        assertEquals(ProducerState.PAUSED, tcp.producerState());
        server.resumeProducing();
        channel.outputResumed();
        assertEquals(List.of("CONFIRM", "DATA 16384", "DATA 16384", "DATA 16384", "DATA 16384"), sent);
        fromPeer(message(MessageNumbers.CHANNEL_WINDOW_ADJUST).writeUint32(1 << 20));
        assertEquals(ProducerState.PRODUCING, tcp.producerState());
        assertArrayEquals(burst, sentData.toByteArray());
    }

    /** SSH to TCP: while the TCP side cannot take more, the SSH peer's window is not reopened. */
    @Test
    void aSlowTcpReaderHoldsBackTheWindow() throws Exception {
        int half = SshLimits.DEFAULTS.channelWindow() / 2;
        // The relay registered the channel as the TCP transport's producer: the transport pauses it when full.
        PushProducer channelAsProducer = (PushProducer) tcp.producer();
        channelAsProducer.pauseProducing();
        for (int sentBytes = 0; sentBytes < half; sentBytes += 32768) {
            fromPeer(message(MessageNumbers.CHANNEL_DATA).writeString(new byte[32768]));
        }
        assertEquals(List.of("CONFIRM"), sent);
        channelAsProducer.resumeProducing();
        assertEquals(List.of("CONFIRM", "ADJUST " + half), sent);
        assertEquals(half, tcp.value().length);
    }

    @Test
    void halfClosesPassBothWays() throws Exception {
        fromPeer(message(MessageNumbers.CHANNEL_EOF));
        assertTrue(tcp.isWriteConnectionClosed());
        channel.tcpProtocol().dataReceived("last".getBytes());
        ((HalfCloseableProtocol) channel.tcpProtocol()).readConnectionLost();
        assertEquals(List.of("CONFIRM", "DATA 4", "EOF", "CLOSE"), sent);
    }

    @Test
    void tcpLostClosesTheChannelAfterItsData() throws Exception {
        channel.tcpProtocol().dataReceived(new byte[70000]);
        tcp.closeConnection(channel.tcpProtocol(), true);
        assertEquals(List.of("CONFIRM", "DATA 16384", "DATA 16384", "DATA 16384", "DATA 16384"), sent);
        fromPeer(message(MessageNumbers.CHANNEL_WINDOW_ADJUST).writeUint32(65536));
        assertEquals("EOF", sent.get(sent.size() - 2));
        assertEquals("CLOSE", sent.get(sent.size() - 1));
        assertEquals(70000, sentData.size());
    }

    @Test
    void aPeerThatNeverOpensItsWindowMeetsTheCloseDeadline() throws Exception {
        channel.tcpProtocol().dataReceived(new byte[70000]);
        tcp.closeConnection(channel.tcpProtocol(), true);
        ssh.clock.advance(Duration.ofSeconds(14));
        assertEquals("DATA 16384", sent.get(sent.size() - 1));
        ssh.clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of("EOF", "CLOSE"), sent.subList(sent.size() - 2, sent.size()));
    }

    @Test
    void thePeersCloseClosesTcp() throws Exception {
        fromPeer(message(MessageNumbers.CHANNEL_CLOSE));
        assertEquals(List.of("CONFIRM", "CLOSE"), sent);
        assertTrue(tcp.isDisconnecting());
    }

    @Test
    void dataBeyondTheWindowIsAProtocolError() {
        ((PushProducer) tcp.producer()).pauseProducing(); // no window adjustment from now on
        try {
            for (int i = 0; i < 100; i++) {
                fromPeer(message(MessageNumbers.CHANNEL_DATA).writeString(new byte[32768]));
            }
        } catch (SshProtocolException expected) {
            assertTrue(expected.getMessage().contains("beyond the window"), expected.getMessage());
            return;
        }
        throw new AssertionError("64 windows' worth accepted");
    }
}
