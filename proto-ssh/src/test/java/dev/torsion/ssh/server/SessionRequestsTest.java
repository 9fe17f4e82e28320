package dev.torsion.ssh.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.ssh.SshLimits;
import dev.torsion.ssh.codec.MessageNumbers;
import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;
import dev.torsion.ssh.codec.WireWriter;
import dev.torsion.ssh.support.MemorySsh;
import dev.torsion.ssh.transport.TransportConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Channel requests of a session channel (RFC 4254 section 6): window-change (6.7) and signal
 * (6.9), with the replies each earns and what reaches the running session.
 */
class SessionRequestsTest {
    @TempDir
    Path dir;

    /** Replies the channel sent ("success" / "failure"), and what the session heard. */
    private final List<String> replies = new ArrayList<>();
    private final List<String> heard = new ArrayList<>();

    private SessionChannel channel(boolean terminalCapable) {
        MemorySsh ssh = new MemorySsh(dir);
        SshServerProtocol server = new SshServerProtocol(TransportConfig.DEFAULTS, SshLimits.DEFAULTS, ssh.clock,
                new SecureRandom(), MemorySsh.HOST_KEY, ssh.portal) {
            @Override
            public void sendPacket(byte[] payload) {
                if (payload[0] == MessageNumbers.CHANNEL_SUCCESS) {
                    replies.add("success");
                } else if (payload[0] == MessageNumbers.CHANNEL_FAILURE) {
                    replies.add("failure");
                }
            }
        };
        SshAvatar avatar = new SshAvatar() {
            @Override
            public String username() {
                return "alice";
            }

            @Override
            public ExecSession exec(String command, Map<String, String> environment, ExecChannel channel) {
                return new Recording(false);
            }

            @Override
            public ExecSession shell(PtyRequest pty, Map<String, String> environment, ExecChannel channel) {
                heard.add("shell " + (pty == null ? "no pty" : pty.columns() + "x" + pty.rows() + " " + pty.term()));
                return new Recording(terminalCapable);
            }
        };
        return new SessionChannel(server, 0, 7, 1 << 20, 32768, SshLimits.DEFAULTS, avatar);
    }

    private final class Recording implements ExecSession {
        private final boolean terminal;

        Recording(boolean terminal) {
            this.terminal = terminal;
        }

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
        public boolean windowChanged(int columns, int rows) {
            heard.add("resize " + columns + "x" + rows);
            return terminal;
        }

        @Override
        public boolean signal(String signal) {
            heard.add("signal " + signal);
            return true;
        }
    }

    private static void send(SessionChannel channel, WireWriter request) throws SshProtocolException {
        byte[] payload = request.toByteArray();
        channel.message(MessageNumbers.CHANNEL_REQUEST, new WireReader(payload, 5, payload.length - 5));
    }

    private static WireWriter request(String type) {
        return WireWriter.message(MessageNumbers.CHANNEL_REQUEST).writeUint32(0).writeString(type).writeBoolean(true);
    }

    private static WireWriter ptyReq(int columns, int rows) {
        return request("pty-req").writeString("xterm").writeUint32(columns).writeUint32(rows).writeUint32(0)
                .writeUint32(0).writeString(new byte[] {0});
    }

    private static WireWriter windowChange(long columns, long rows) {
        return request("window-change").writeUint32(columns).writeUint32(rows).writeUint32(640).writeUint32(480);
    }

    @Test
    void windowChangeResizesTheRunningTerminal() throws Exception {
        SessionChannel channel = channel(true);
        send(channel, ptyReq(80, 24));
        send(channel, request("shell"));
        send(channel, windowChange(132, 43));
        assertEquals(List.of("success", "success", "success"), replies);
        assertEquals(List.of("shell 80x24 xterm", "resize 132x43"), heard);
    }

    @Test
    void windowChangeBeforeTheShellChangesTheSizeAskedFor() throws Exception {
        SessionChannel channel = channel(true);
        send(channel, ptyReq(80, 24));
        send(channel, windowChange(100, 30));
        send(channel, request("shell"));
        assertEquals(List.of("success", "success", "success"), replies);
        assertEquals(List.of("shell 100x30 xterm"), heard);
    }

    @Test
    void windowChangeWithoutAPtyOrTooLargeIsRefused() throws Exception {
        SessionChannel channel = channel(true);
        send(channel, request("shell"));
        send(channel, windowChange(100, 30));
        SessionChannel sized = channel(true);
        send(sized, ptyReq(80, 24));
        send(sized, request("shell"));
        send(sized, windowChange(10000, 30));
        send(sized, windowChange(0xffffffffL, 30));
        assertEquals(List.of("success", "failure", "success", "success", "failure", "failure"), replies);
        assertEquals(List.of("shell no pty", "shell 80x24 xterm"), heard);
    }

    @Test
    void windowChangeASessionCannotApplyIsRefused() throws Exception {
        SessionChannel channel = channel(false);
        send(channel, ptyReq(80, 24));
        send(channel, request("shell"));
        send(channel, windowChange(90, 30));
        assertEquals(List.of("success", "success", "failure"), replies);
        assertEquals(List.of("shell 80x24 xterm", "resize 90x30"), heard);
    }

    @Test
    void signalsOnTheAllowListReachTheCommand() throws Exception {
        SessionChannel channel = channel(true);
        send(channel, request("signal").writeString("INT"));
        send(channel, request("exec").writeString("sleep 100"));
        for (String name : List.of("INT", "TERM", "USR1", "KILL", "STOP", "CONT", "SIGINT", "int", "WINCH")) {
            send(channel, request("signal").writeString(name));
        }
        assertEquals(List.of("failure", "success", "success", "success", "success", "success", "failure", "failure",
                "failure", "failure", "failure"), replies);
        assertEquals(List.of("signal INT", "signal TERM", "signal USR1", "signal KILL"), heard);
    }
}
