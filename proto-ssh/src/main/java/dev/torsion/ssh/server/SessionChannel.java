package dev.torsion.ssh.server;

import dev.torsion.ssh.SshLimits;
import dev.torsion.ssh.codec.MessageNumbers;
import dev.torsion.ssh.codec.PacketEncoder;
import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;
import dev.torsion.ssh.codec.WireWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server session channel (RFC 4254 section 6): env, exec, windows both ways (section 5.2), and
 * the command's end as exit-status or exit-signal, EOF and CLOSE (sections 6.10 and 5.3).
 */
final class SessionChannel implements ExecChannel, ServerChannel {
    private static final Logger log = LoggerFactory.getLogger(SessionChannel.class);
    private static final long MAX_WINDOW = 0xffffffffL;
    /** Queued output (the peer's window closed) above which the command is paused. */
    static final int PAUSE_ABOVE = 1 << 20;
    /** Queued output at or below which a paused command resumes. */
    static final int RESUME_BELOW = 512 * 1024;
    /** The largest terminal side accepted in pty-req and window-change. */
    static final int MAX_TERMINAL_SIDE = 9999;
    /**
     * The signals a {@code signal} request may deliver (RFC 4254 section 6.9): the names section
     * 6.10 lists, the ones a user at a terminal can send anyway; STOP, CONT and the like are refused.
     */
    static final Set<String> SIGNALS_ALLOWED = Set.of("ABRT", "ALRM", "FPE", "HUP", "ILL", "INT", "KILL", "PIPE",
            "QUIT", "SEGV", "TERM", "USR1", "USR2");

    /**
     * A rate, in bytes per second, that one channel's output never reaches here (1 GiB/s: the
     * packets of one connection are encrypted and written by one event-loop thread, and an SFTP
     * download on loopback ran at about 650 MiB/s, 512 MiB in 0.73-0.86 s). With half the peer's
     * first window in flight a channel cannot send faster than that half per round trip; while the
     * round trip is short enough that this ceiling is above the unreachable rate, holding the other
     * half back costs no throughput (see {@link #sendable()}).
     */
    static final long UNREACHABLE_CHANNEL_RATE = 1L << 30;

    /** Queued output; {@code copied}, when not null, takes the array back once its bytes are in packets. */
    private record Output(int stream, byte[] data, Consumer<byte[]> copied) {
    }

    private final SshServerProtocol server;
    private final int id;
    private final int remoteId;
    private final int remoteMaxPacket;
    private final SshLimits limits;
    private final SshAvatar avatar;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final ArrayDeque<Output> output = new ArrayDeque<>();
    /** The window the peer offered when the channel opened. */
    private final long initialRemoteWindow;
    private long remoteWindow;
    /**
     * Whether the peer has renewed its window by a quarter of the first one at most: it renews as
     * it consumes, so on a short path half of that window in flight keeps it busy (see
     * {@link #sendable()}).
     */
    private boolean renewsEarly;
    /**
     * The longest round trip on which half of the first window in flight still allows
     * {@link #UNREACHABLE_CHANNEL_RATE}: about 1 ms for OpenSSH's 2 MiB window.
     */
    private final Duration shortPathLimit;
    /**
     * Whether the connection's shortest round-trip time, as last asked (at the open and at window
     * adjusts), was known and at most {@link #shortPathLimit}: only then does an early renewer get
     * half the window.
     */
    private boolean shortPath;
    private long localWindow;
    private long consumed;
    private ChannelState state = ChannelState.OPEN;
    private ExecSession exec;
    private byte[] ending;
    private long queuedBytes;
    /** Bytes of the head of {@link #output} already sent. */
    private int headOffset;
    private PtyRequest pty;
    private boolean outputPaused;

    SessionChannel(SshServerProtocol server, int id, int remoteId, long remoteWindow, int remoteMaxPacket,
            SshLimits limits, SshAvatar avatar) {
        this.server = server;
        this.id = id;
        this.remoteId = remoteId;
        this.remoteWindow = remoteWindow;
        this.initialRemoteWindow = remoteWindow;
        this.shortPathLimit = Duration.ofNanos(remoteWindow / 2 * 1_000_000_000L / UNREACHABLE_CHANNEL_RATE);
        this.remoteMaxPacket = Math.max(1, Math.min(remoteMaxPacket, limits.maxPacketLength() - 1024));
        this.limits = limits;
        this.avatar = avatar;
        this.localWindow = limits.channelWindow();
        // Asked before any data flows too, while the kernel's time is the path's, not a queue's.
        checkPath();
    }

    ChannelState state() {
        return state;
    }

    @Override
    public void message(int type, WireReader reader) throws SshProtocolException {
        switch (type) {
            case MessageNumbers.CHANNEL_WINDOW_ADJUST:
                long bytes = reader.readUint32();
                renewsEarly |= bytes > 0 && bytes <= initialRemoteWindow / 4;
                if (renewsEarly) {
                    checkPath();
                }
                remoteWindow += bytes;
                if (remoteWindow > MAX_WINDOW) {
                    // RFC 4254 section 5.2: a window may not pass 2^32 - 1.
                    throw SshProtocolException.malformed("window overflow on channel " + id);
                }
                flush();
                return;
            case MessageNumbers.CHANNEL_DATA:
                data(reader.readString(), true);
                return;
            case MessageNumbers.CHANNEL_EXTENDED_DATA:
                reader.readUint32();
                data(reader.readString(), false);
                return;
            case MessageNumbers.CHANNEL_EOF:
                if (exec != null) {
                    exec.inputEnded();
                }
                return;
            case MessageNumbers.CHANNEL_CLOSE:
                peerClosed();
                return;
            case MessageNumbers.CHANNEL_REQUEST:
                request(reader);
                return;
            default:
                // CHANNEL_SUCCESS / FAILURE: we send no requests that want a reply.
        }
    }

    private void data(byte[] data, boolean stdin) throws SshProtocolException {
        if (data.length > localWindow || data.length > limits.channelMaxPacket()) {
            throw SshProtocolException.malformed("data beyond the window or packet size on channel " + id);
        }
        localWindow -= data.length;
        consumed += data.length;
        if (stdin && exec != null && state == ChannelState.RUNNING) {
            exec.input(data);
        }
        if (consumed >= limits.channelWindow() / 2) {
            server.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_WINDOW_ADJUST).writeUint32(remoteId)
                    .writeUint32(consumed).toByteArray());
            localWindow += consumed;
            consumed = 0;
        }
    }

    private void request(WireReader reader) throws SshProtocolException {
        String type = reader.readAscii();
        boolean wantReply = reader.readBoolean();
        boolean ok;
        switch (type) {
            case "env":
                ok = env(reader.readUtf8(), reader.readUtf8());
                break;
            case "exec":
                String command = reader.readUtf8();
                ok = state == ChannelState.OPEN;
                if (ok) {
                    reply(wantReply, true);
                    start(command);
                    return;
                }
                break;
            case "pty-req":
                String term = reader.readAscii();
                long columns = reader.readUint32();
                long rows = reader.readUint32();
                ok = state == ChannelState.OPEN && pty == null && terminalSize(columns, rows) && avatar.allowsPty();
                if (ok) {
                    pty = new PtyRequest(term, (int) columns, (int) rows);
                }
                break;
            case "window-change":
                ok = windowChange(reader.readUint32(), reader.readUint32());
                break;
            case "signal":
                ok = signal(reader.readAscii());
                break;
            case "shell":
                ok = state == ChannelState.OPEN && startShell();
                break;
            case "subsystem":
                String name = reader.readAscii();
                ok = state == ChannelState.OPEN && startSubsystem(name);
                break;
            default:
                // x11-req, auth-agent-req@openssh.com, ...: not served (RFC 4254 section 6).
                ok = false;
        }
        reply(wantReply, ok);
    }

    private void reply(boolean wantReply, boolean ok) {
        if (wantReply) {
            server.sendPacket(WireWriter.message(ok ? MessageNumbers.CHANNEL_SUCCESS : MessageNumbers.CHANNEL_FAILURE)
                    .writeUint32(remoteId).toByteArray());
        }
    }

    private static boolean terminalSize(long columns, long rows) {
        return columns <= MAX_TERMINAL_SIDE && rows <= MAX_TERMINAL_SIDE;
    }

    /**
     * RFC 4254 section 6.7: the terminal's new size, for a channel that asked for a pty. Before the
     * shell starts it only changes the size asked for; afterwards the running session resizes its terminal.
     */
    private boolean windowChange(long columns, long rows) {
        if (pty == null || !terminalSize(columns, rows)) {
            return false;
        }
        pty = new PtyRequest(pty.term(), (int) columns, (int) rows);
        if (state == ChannelState.OPEN) {
            return true;
        }
        return state == ChannelState.RUNNING && exec != null && exec.windowChanged((int) columns, (int) rows);
    }

    /** RFC 4254 section 6.9: a signal from the allow-list, to a running command. */
    private boolean signal(String name) {
        if (!SIGNALS_ALLOWED.contains(name) || state != ChannelState.RUNNING || exec == null) {
            log.debug("signal {} refused on channel {}", name.replaceAll("\\p{Cntrl}", "?"), id);
            return false;
        }
        return exec.signal(name);
    }

    /** RFC 4254 section 6.4: only allowed names, and only so many. */
    private boolean env(String name, String value) {
        boolean allowed = SshServerProtocol.ENV_ALLOWED_PREFIXES.stream().anyMatch(name::startsWith)
                && name.matches("[A-Za-z_][A-Za-z0-9_]*") && state == ChannelState.OPEN
                && environment.size() < limits.maxEnvVariables();
        if (allowed) {
            environment.put(name, value);
        }
        return allowed;
    }

    private boolean startShell() {
        ExecSession session = avatar.shell(pty, Map.copyOf(environment), this);
        if (session == null) {
            return false;
        }
        log.info("{} shell{}", avatar.username(), pty == null ? "" : " with a pty");
        state = ChannelState.RUNNING;
        exec = session;
        return true;
    }

    private boolean startSubsystem(String name) {
        ExecSession session = avatar.subsystem(name, this);
        if (session == null) {
            return false;
        }
        log.info("{} subsystem {}", avatar.username(), name);
        state = ChannelState.RUNNING;
        exec = session;
        return true;
    }

    private void start(String command) {
        state = ChannelState.RUNNING;
        log.info("{} exec {}", avatar.username(), command.replaceAll("\\p{Cntrl}", "?"));
        try {
            exec = avatar.exec(command, Map.copyOf(environment), this);
        } catch (RuntimeException e) {
            log.warn("exec failed: {}", e.toString());
            writeStderr(("cannot run command: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
            exit(127);
        }
    }

    @Override
    public void write(byte[] data) {
        queue(0, data);
    }

    @Override
    public void writeStderr(byte[] data) {
        queue(1, data);
    }

    @Override
    public void writeSequence(List<byte[]> data) {
        writeSequence(data, null);
    }

    @Override
    public void writeSequence(List<byte[]> data, Consumer<byte[]> copied) {
        if (state == ChannelState.RUNNING) {
            for (byte[] piece : data) {
                if (piece.length > 0) {
                    output.add(new Output(0, piece, copied));
                    queuedBytes += piece.length;
                }
            }
            flush();
        }
    }

    private void queue(int stream, byte[] data) {
        if (state == ChannelState.RUNNING && data.length > 0) {
            output.add(new Output(stream, data, null));
            queuedBytes += data.length;
            flush();
        }
    }

    @Override
    public void exit(int status) {
        end(WireWriter.message(MessageNumbers.CHANNEL_REQUEST).writeUint32(remoteId).writeString("exit-status")
                .writeBoolean(false).writeUint32(status).toByteArray());
    }

    @Override
    public void exitSignal(String signal) {
        end(WireWriter.message(MessageNumbers.CHANNEL_REQUEST).writeUint32(remoteId).writeString("exit-signal")
                .writeBoolean(false).writeString(signal).writeBoolean(false).writeString("").writeString("")
                .toByteArray());
    }

    private void end(byte[] exitRequest) {
        if (state != ChannelState.RUNNING) {
            return;
        }
        ending = exitRequest;
        state = ChannelState.ENDING;
        flush();
    }

    private static void putUint32(byte[] array, int offset, long value) {
        array[offset] = (byte) (value >>> 24);
        array[offset + 1] = (byte) (value >>> 16);
        array[offset + 2] = (byte) (value >>> 8);
        array[offset + 3] = (byte) value;
    }

    /**
     * Sends queued output within the peer's window and packet size, while the connection's output
     * is under its high-water mark; then the ending once all is out.
     * Output of one stream is a byte stream: each packet is filled from as many queued writes as fit
     * ({@link #writeSequence} of SFTP replies of 13 bytes of header and 64 KiB of data: two packets
     * a reply, not three).
     */
    private void flush() {
        while (!output.isEmpty() && sendable() > 0 && server.canSendData()) {
            int stream = output.peek().stream;
            int size = (int) Math.min(Math.min(queuedOf(stream, remoteMaxPacket), sendable()), remoteMaxPacket);
            int header = stream == 0 ? 9 : 13;
            byte[] wire = server.framePacket(header + size);
            int at = PacketEncoder.PAYLOAD_OFFSET;
            wire[at] = (byte) (stream == 0 ? MessageNumbers.CHANNEL_DATA : MessageNumbers.CHANNEL_EXTENDED_DATA);
            putUint32(wire, at + 1, remoteId);
            if (stream != 0) {
                putUint32(wire, at + 5, 1);
            }
            putUint32(wire, at + header - 4, size);
            int position = at + header;
            int left = size;
            while (left > 0) {
                Output next = output.peek();
                int part = Math.min(left, next.data.length - headOffset);
                System.arraycopy(next.data, headOffset, wire, position, part);
                position += part;
                headOffset += part;
                left -= part;
                if (headOffset == next.data.length) {
                    output.poll();
                    headOffset = 0;
                    if (next.copied != null) {
                        next.copied.accept(next.data);
                    }
                }
            }
            server.sendFramed(wire, header + size);
            remoteWindow -= size;
            queuedBytes -= size;
        }
        applyBackpressure();
        if (state == ChannelState.ENDING && output.isEmpty()) {
            server.sendPacket(ending);
            server.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_EOF).writeUint32(remoteId).toByteArray());
            server.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_CLOSE).writeUint32(remoteId).toByteArray());
            state = ChannelState.CLOSE_SENT;
        }
    }

    /**
     * Asks the connection's shortest round-trip time again, at the open and at window adjusts
     * rather than per packet (it may be a system call): a path whose time was unknown at first,
     * or first timed in a queue, may turn out short later.
     */
    private void checkPath() {
        Optional<Duration> rtt = server.shortestRoundTrip();
        boolean now = rtt.map(time -> time.compareTo(shortPathLimit) <= 0).orElse(false);
        if (now != shortPath) {
            log.debug("channel {}: round trip {}, {} of the peer's window in flight", id,
                    rtt.map(Duration::toString).orElse("unknown"), now ? "half" : "all");
            shortPath = now;
        }
    }

    /**
     * The bytes that may go now. The whole window, for a peer that renews it only when much of it
     * is used; but half of the first window at most in flight for one that renews it as it
     * consumes (OpenSSH's, every 96 KiB) on a short path: OpenSSH's client reads whatever arrives
     * into its own buffer, and given its whole 2 MiB window by a fast server it spent twice the CPU
     * per byte (1.8 s against 0.9 for a 512 MiB SFTP download), the bottleneck of a transfer on
     * loopback. Such a peer, consuming what is in flight, renews the window again before running
     * dry. On a longer path (or one whose round trip the transport cannot tell) the window is what
     * limits the transfer, window / RTT (2 MiB over 50 ms: 40 MiB/s, half of it 20), so the peer
     * gets all of it, as OpenSSH's sshd gives it.
     */
    private long sendable() {
        if (!renewsEarly || !shortPath) {
            return remoteWindow;
        }
        return remoteWindow - (initialRemoteWindow - initialRemoteWindow / 2);
    }

    @Override
    public void outputResumed() {
        if (state == ChannelState.RUNNING || state == ChannelState.ENDING) {
            flush();
        }
    }

    /** The bytes queued at the head of the output for {@code stream}, counting up to {@code enough}. */
    private int queuedOf(int stream, int enough) {
        long total = -headOffset;
        for (Output queued : output) {
            if (queued.stream != stream || total >= enough) {
                break;
            }
            total += queued.data.length;
        }
        return (int) Math.min(total, enough);
    }

    /**
     * Output held for a closed window pauses the command above {@link #PAUSE_ABOVE} bytes and
     * resumes it at {@link #RESUME_BELOW}: a command that produces in bursts (the SFTP server's
     * batches) keeps one burst ready while the peer's next window adjustment is on its way,
     * instead of starting the next only after the queue has run dry.
     */
    private void applyBackpressure() {
        if (exec == null || state != ChannelState.RUNNING) {
            return;
        }
        if (!outputPaused && queuedBytes > PAUSE_ABOVE) {
            outputPaused = true;
            exec.pauseOutput();
        } else if (outputPaused && queuedBytes <= RESUME_BELOW) {
            outputPaused = false;
            exec.resumeOutput();
        }
    }

    private void peerClosed() {
        if (state != ChannelState.CLOSE_SENT) {
            server.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_CLOSE).writeUint32(remoteId).toByteArray());
            terminate();
        }
        state = ChannelState.CLOSED;
        server.channelClosed(id);
    }

    /** Stops a command still running (the channel or the connection went away). */
    @Override
    public void terminate() {
        if (exec != null && (state == ChannelState.RUNNING || state == ChannelState.OPEN)) {
            exec.terminate();
        }
        output.clear();
        headOffset = 0;
        queuedBytes = 0;
        state = ChannelState.CLOSED;
    }
}
