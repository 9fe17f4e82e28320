package dev.torsion.plugin.telnet;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.ssh.server.ExecChannel;
import dev.torsion.ssh.server.ExecSession;
import dev.torsion.ssh.server.PtyRequest;
import dev.torsion.ssh.server.SshAvatar;
import dev.torsion.telnet.manhole.ManholeNamespace;
import dev.torsion.telnet.manhole.ManholeSession;
import dev.torsion.telnet.options.WindowSize;
import dev.torsion.telnet.terminal.TerminalServerProtocol;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An SSH user of the manhole: the shell request starts a manhole session (no second login: SSH
 * authenticated the user through the portal) on the terminal layer over the channel. Commands
 * ({@code exec}) are refused: the manhole is interactive.
 */
final class SshManholeAvatar implements SshAvatar {
    private final Reactor reactor;
    private final ManholeNamespace namespace;
    private final String username;
    private final int maxLineLength;

    SshManholeAvatar(Reactor reactor, ManholeNamespace namespace, String username, int maxLineLength) {
        this.reactor = reactor;
        this.namespace = namespace;
        this.username = username;
        this.maxLineLength = maxLineLength;
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public ExecSession exec(String command, Map<String, String> environment, ExecChannel channel) {
        channel.writeStderr("the manhole runs no commands: open a shell (ssh -t)\r\n".getBytes(StandardCharsets.UTF_8));
        channel.exit(1);
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
        };
    }

    @Override
    public ExecSession shell(PtyRequest pty, Map<String, String> environment, ExecChannel channel) {
        ManholeSession session = ManholeSession.authenticated(reactor, namespace, null, username, maxLineLength);
        TerminalServerProtocol terminal = new TerminalServerProtocol(session);
        ChannelTransport transport = new ChannelTransport(channel, null);
        terminal.makeConnection(transport);
        if (pty != null) {
            terminal.windowSizeChanged(new WindowSize(pty.columns(), pty.rows()));
        }
        return new ExecSession() {
            @Override
            public void input(byte[] data) {
                terminal.dataReceived(data);
            }

            @Override
            public void inputEnded() {
                terminal.transport().loseConnection();
                terminate();
            }

            @Override
            public void terminate() {
                transport.stopOutput();
                if (terminal.isConnected()) {
                    terminal.notifyConnectionLost(Failure.of(new ConnectionDone("channel closed")));
                }
            }

            @Override
            public void pauseOutput() {
                transport.pauseOutput();
            }

            @Override
            public void resumeOutput() {
                transport.resumeOutput();
            }
        };
    }

    @Override
    public boolean allowsPortForwarding() {
        return false;
    }
}
