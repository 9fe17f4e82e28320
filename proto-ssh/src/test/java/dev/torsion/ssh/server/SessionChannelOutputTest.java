package dev.torsion.ssh.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.torsion.ssh.SshLimits;
import dev.torsion.ssh.codec.MessageNumbers;
import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;
import dev.torsion.ssh.codec.WireWriter;
import dev.torsion.ssh.support.MemorySsh;
import dev.torsion.ssh.transport.TransportConfig;
import dev.torsion.testing.StringTransport;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session channel's output (RFC 4254 section 5.2): writes of one stream packed into packets of
 * the peer's maximum size within its window, and the running command paused and resumed by the
 * bytes queued behind a closed window.
 */
class SessionChannelOutputTest {
    private static final int REMOTE_ID = 7;
    private static final int MAX_PACKET = 32768;

    @TempDir
    Path dir;

    /** What went out: "DATA n", "ERR n", "ADJUST n", other types by number. */
    private final List<String> sent = new ArrayList<>();
    private final ByteArrayOutputStream sentData = new ByteArrayOutputStream();
    private final List<String> flow = new ArrayList<>();
    private ExecChannel output;
    private SshServerProtocol server;
    /** The server's transport in the tests that connect it ({@link #channelOnPath}). */
    private StringTransport transport;

    private SessionChannel channel(long window) throws SshProtocolException {
        return channel(window, null);
    }

    /** A channel whose server is connected to {@code connection} first, when it is not null. */
    private SessionChannel channel(long window, StringTransport connection) throws SshProtocolException {
        MemorySsh ssh = new MemorySsh(dir);
        server = new SshServerProtocol(TransportConfig.DEFAULTS, SshLimits.DEFAULTS, ssh.clock,
                new SecureRandom(), MemorySsh.HOST_KEY, ssh.portal) {
            @Override
            public void sendPacket(byte[] payload) {
                record(payload);
            }
        };
        SshAvatar avatar = new SshAvatar() {
            @Override
            public String username() {
                return "alice";
            }

            @Override
            public ExecSession exec(String command, Map<String, String> environment, ExecChannel channel) {
                output = channel;
                return new ExecSession() {
                    @Override
                    public void input(byte[] data) {
                    }

                    @Override
                    public void inputEnded() {
                    }

                    @Override
                    public void terminate() {
                    }

                    @Override
                    public void pauseOutput() {
                        flow.add("pause");
                    }

                    @Override
                    public void resumeOutput() {
                        flow.add("resume");
                    }
                };
            }
        };
        if (connection != null) {
            server.makeConnection(connection);
        }
        SessionChannel channel = new SessionChannel(server, 0, REMOTE_ID, window, MAX_PACKET, SshLimits.DEFAULTS, avatar);
        byte[] exec = WireWriter.message(MessageNumbers.CHANNEL_REQUEST).writeUint32(0).writeString("exec")
                .writeBoolean(false).writeString("produce").toByteArray();
        channel.message(MessageNumbers.CHANNEL_REQUEST, new WireReader(exec, 5, exec.length - 5));
        return channel;
    }

    private void record(byte[] payload) {
        WireReader reader = new WireReader(payload, 1, payload.length - 1);
        try {
            switch (payload[0]) {
                case MessageNumbers.CHANNEL_DATA -> {
                    assertEquals(REMOTE_ID, reader.readUint32());
                    byte[] data = reader.readString();
                    sentData.writeBytes(data);
                    sent.add("DATA " + data.length);
                }
                case MessageNumbers.CHANNEL_EXTENDED_DATA -> {
                    assertEquals(REMOTE_ID, reader.readUint32());
                    assertEquals(1, reader.readUint32());
                    sent.add("ERR " + reader.readString().length);
                }
                default -> sent.add("type " + payload[0]);
            }
        } catch (SshProtocolException e) {
            throw new AssertionError(e);
        }
    }

    private static void adjust(SessionChannel channel, long bytes) throws SshProtocolException {
        byte[] adjust = WireWriter.message(MessageNumbers.CHANNEL_WINDOW_ADJUST).writeUint32(0).writeUint32(bytes)
                .toByteArray();
        channel.message(MessageNumbers.CHANNEL_WINDOW_ADJUST, new WireReader(adjust, 5, adjust.length - 5));
    }

    private static byte[] bytes(int length, int seed) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (seed + i * 31);
        }
        return data;
    }

    /** Two SFTP-like replies: a 13-byte header each, then 64 KiB of data. */
    private static List<byte[]> replies() {
        return List.of(bytes(13, 1), bytes(65536, 2), bytes(13, 3), bytes(65536, 4));
    }

    private static byte[] joined(List<byte[]> pieces) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        pieces.forEach(joined::writeBytes);
        return joined.toByteArray();
    }

    @Test
    void aSequenceOfWritesIsPackedIntoFullPackets() throws Exception {
        channel(1 << 20);
        output.writeSequence(replies());
        assertEquals(List.of("DATA 32768", "DATA 32768", "DATA 32768", "DATA 32768", "DATA 26"), sent);
        assertArrayEquals(joined(replies()), sentData.toByteArray());
    }

    @Test
    void outputBehindAClosedWindowIsPackedWhenItOpens() throws Exception {
        SessionChannel channel = channel(10);
        for (byte[] piece : replies()) {
            output.write(piece);
        }
        assertEquals(List.of("DATA 10"), sent);
        adjust(channel, 1 << 20);
        assertEquals(List.of("DATA 10", "DATA 32768", "DATA 32768", "DATA 32768", "DATA 32768", "DATA 16"), sent);
        assertArrayEquals(joined(replies()), sentData.toByteArray());
    }

    /**
     * The SFTP server's arrays come back (to be filled by later reads) only once all their bytes
     * are in packets: a piece still waiting behind the window stays the channel's.
     */
    @Test
    void writtenArraysAreHandedBackOnceCopiedIntoPackets() throws Exception {
        SessionChannel channel = channel(10);
        List<byte[]> pieces = replies();
        List<byte[]> copied = new ArrayList<>();
        output.writeSequence(pieces, copied::add);
        assertEquals(List.of(), copied, "3 bytes of the first piece still queued");
        adjust(channel, 3 + 100);
        assertEquals(1, copied.size());
        assertSame(pieces.get(0), copied.get(0));
        adjust(channel, 1 << 20);
        assertEquals(4, copied.size());
        for (int i = 0; i < 4; i++) {
            assertSame(pieces.get(i), copied.get(i));
        }
        assertArrayEquals(joined(pieces), sentData.toByteArray());
    }

    @Test
    void standardErrorIsNotMixedIntoAStandardOutputPacket() throws Exception {
        SessionChannel channel = channel(0);
        output.write(bytes(100, 1));
        output.writeStderr(bytes(50, 2));
        output.write(bytes(100, 3));
        adjust(channel, 1 << 20);
        assertEquals(List.of("DATA 100", "ERR 50", "DATA 100"), sent);
    }

    @Test
    void theCommandPausesAboveTheThresholdAndResumesBelowTheOther() throws Exception {
        SessionChannel channel = channel(0);
        int piece = 64 * 1024;
        int queued = 0;
        while (queued <= SessionChannel.PAUSE_ABOVE - piece) {
            output.write(new byte[piece]);
            queued += piece;
        }
        assertEquals(List.of(), flow);
        output.write(new byte[piece]);
        queued += piece;
        assertEquals(List.of("pause"), flow);
        // Opening the window by less than brings the queue down to the resume mark: still paused.
        int toResume = queued - SessionChannel.RESUME_BELOW;
        adjust(channel, toResume - 1);
        assertEquals(List.of("pause"), flow);
        adjust(channel, 1);
        assertEquals(List.of("pause", "resume"), flow);
    }

    @Test
    void aFullConnectionHoldsChannelDataBackAndPausesTheCommand() throws Exception {
        SessionChannel channel = channel(1 << 30);
        server.pauseProducing();
        output.write(bytes(100, 1));
        assertEquals(List.of(), sent);
        while (flow.isEmpty()) {
            output.write(new byte[65536]);
        }
        assertEquals(List.of(), sent);
        server.resumeProducing();
        channel.outputResumed();
        assertEquals("DATA 32768", sent.get(0));
        assertEquals(List.of("pause", "resume"), flow);
    }

    private long sentBytes() {
        return sentData.size();
    }

    /**
     * A channel opened on a connection whose memory transport reports {@code rtt} as its
     * round-trip time (null: the transport cannot tell).
     */
    private SessionChannel channelOnPath(long window, Duration rtt) throws SshProtocolException {
        transport = new StringTransport();
        transport.setRoundTripTime(rtt);
        return channel(window, transport);
    }

    /**
     * A peer that renews its window as it consumes (OpenSSH's client: every 96 KiB or so) on a
     * short path (100 us, as loopback) keeps at most half of its first window in flight once it has
     * shown it: the rest of the 2 MiB it offered it would only buffer, at a cost in CPU that made it
     * the bottleneck.
     */
    @Test
    void aPeerThatRenewsItsWindowEarlyOnAShortPathGetsHalfOfItInFlight() throws Exception {
        int window = 2 << 20;
        SessionChannel channel = channelOnPath(window, Duration.ofNanos(100_000));
        output.write(new byte[4 << 20]);
        assertEquals(window, sentBytes(), "before it renews, the whole window");
        adjust(channel, 96 * 1024);
        assertEquals(window, sentBytes(), "2 MiB - 96 KiB in flight: over half");
        adjust(channel, (1 << 20) - 96 * 1024);
        assertEquals(window, sentBytes(), "exactly half in flight");
        adjust(channel, 96 * 1024);
        assertEquals(window + 96 * 1024, sentBytes());
        assertEquals(List.of("DATA 32768", "DATA 32768", "DATA 32768"), sent.subList(sent.size() - 3, sent.size()));
        adjust(channel, 1 << 20);
        assertEquals(window + 96 * 1024 + (1 << 20), sentBytes());
    }

    /**
     * The same peer 50 ms away keeps the whole window in flight: there the window is what limits
     * the transfer (2 MiB per 50 ms: 40 MiB/s; half of it would be 20), as with OpenSSH's sshd.
     */
    @Test
    void anEarlyRenewerOnALongPathKeepsTheWholeWindowInFlight() throws Exception {
        int window = 2 << 20;
        SessionChannel channel = channelOnPath(window, Duration.ofMillis(50));
        output.write(new byte[4 << 20]);
        assertEquals(window, sentBytes());
        adjust(channel, 96 * 1024);
        assertEquals(window + 96 * 1024, sentBytes(), "every byte of the window renewed goes at once");
        adjust(channel, 96 * 1024);
        assertEquals(window + 2 * 96 * 1024, sentBytes());
    }

    /** When the transport cannot tell the round-trip time (NIO, a pipe), the path may be long: the whole window. */
    @Test
    void anEarlyRenewerWhoseRoundTripTimeIsUnknownKeepsTheWholeWindowInFlight() throws Exception {
        int window = 2 << 20;
        SessionChannel channel = channelOnPath(window, null);
        output.write(new byte[4 << 20]);
        adjust(channel, 96 * 1024);
        assertEquals(window + 96 * 1024, sentBytes());
    }

    /**
     * The short path ends where half the first window per round trip is 1 GiB/s
     * ({@link SessionChannel#UNREACHABLE_CHANNEL_RATE}): for 2 MiB, 1 MiB / 1 GiB/s = 976.5625 us.
     */
    @Test
    void theShortPathEndsWhereHalfTheWindowPerRoundTripIsTheUnreachableRate() throws Exception {
        int window = 2 << 20;
        SessionChannel under = channelOnPath(window, Duration.ofNanos(976_562));
        output.write(new byte[4 << 20]);
        adjust(under, 96 * 1024);
        assertEquals(window, sentBytes(), "976.562 us: half");
        sentData.reset();
        SessionChannel over = channelOnPath(window, Duration.ofNanos(976_563));
        output.write(new byte[4 << 20]);
        adjust(over, 96 * 1024);
        assertEquals(window + 96 * 1024, sentBytes(), "976.563 us: the whole window");
    }

    /**
     * The round-trip time is asked again at window adjusts: one the transport could not tell at
     * first (no segment timed yet) brings the half once it is known and short.
     */
    @Test
    void aRoundTripTimeLearnedLaterCountsFromTheNextAdjust() throws Exception {
        int window = 2 << 20;
        SessionChannel channel = channelOnPath(window, null);
        output.write(new byte[8 << 20]);
        adjust(channel, 96 * 1024);
        assertEquals(window + 96 * 1024, sentBytes(), "unknown: the whole window");
        transport.setRoundTripTime(Duration.ofNanos(100_000));
        adjust(channel, 96 * 1024);
        assertEquals(window + 96 * 1024, sentBytes(), "short: 2 MiB in flight, held to half");
        adjust(channel, 1 << 20);
        assertEquals(window + 2 * 96 * 1024, sentBytes(), "only what passes half goes");
    }

    /**
     * The shortest time the connection has reported counts, asked at the open already: a loopback
     * connection's smoothed time, about 30 us quiet, went to 0.1-14 ms during SFTP transfers (a
     * busy receiver's acknowledgements come late), but its path did not grow; a 50 ms path never
     * reports less than 50 ms.
     */
    @Test
    void theShortestRoundTripCountsNotOneGrownByAQueue() throws Exception {
        int window = 2 << 20;
        SessionChannel channel = channelOnPath(window, Duration.ofNanos(30_000));
        transport.setRoundTripTime(Duration.ofMillis(5));
        output.write(new byte[8 << 20]);
        adjust(channel, 96 * 1024);
        assertEquals(window, sentBytes(), "30 us at the open: half, though 5 ms now");
        transport.setRoundTripTime(Duration.ofMillis(14));
        adjust(channel, 1 << 20);
        assertEquals(window + 96 * 1024, sentBytes(), "still half");
    }

    /**
     * A peer that renews its window only when most of it is used (by half of it, or whole) gets
     * all of it, always, on a short path too: holding half back would wait for an adjustment it
     * never sends.
     */
    @Test
    void aPeerThatRenewsLateGetsTheWholeWindow() throws Exception {
        int window = 2 << 20;
        SessionChannel channel = channelOnPath(window, Duration.ofNanos(100_000));
        output.write(new byte[8 << 20]);
        assertEquals(window, sentBytes());
        adjust(channel, window / 2);
        assertEquals(window + window / 2, sentBytes());
        adjust(channel, window);
        assertEquals(2L * window + window / 2, sentBytes());
    }
}
