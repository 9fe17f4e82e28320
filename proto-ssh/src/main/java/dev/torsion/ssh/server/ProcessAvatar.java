package dev.torsion.ssh.server;

import dev.torsion.cred.ssh.AuthorizedKeyOptions;
import dev.torsion.defer.Failure;
import dev.torsion.internet.ProcessProtocol;
import dev.torsion.internet.ProcessTransport;
import dev.torsion.internet.PushProducer;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.error.ProcessTerminated;
import dev.torsion.ssh.sftp.SftpServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An avatar that runs each {@code exec} command as a child process of the server, through
 * {@code shell -c command}, with the reactor's {@code spawnProcess}: as the server's own user, or,
 * given a {@link RunAs}, as the logged-in UNIX account with that account's shell.
 */
public final class ProcessAvatar implements SshAvatar {
    private static final Logger log = LoggerFactory.getLogger(ProcessAvatar.class);

    /** util-linux's script(1), which runs a command under a new pseudo-terminal. */
    static final String SCRIPT = "/usr/bin/script";

    private final Reactor reactor;
    private final String username;
    private final String shell;
    private final Path home;
    private final Path sftpRoot;
    private final AuthorizedKeyOptions keyOptions;
    private final RunAs runAs;
    private final PermittedForwards permitted;

    /** An avatar for {@code username} running commands with {@code shell} in {@code home} (null: the server's). */
    public ProcessAvatar(Reactor reactor, String username, String shell, Path home) {
        this(reactor, username, shell, home, null);
    }

    /** As above, also serving SFTP confined to {@code sftpRoot} (null: no SFTP). */
    public ProcessAvatar(Reactor reactor, String username, String shell, Path home, Path sftpRoot) {
        this(reactor, username, shell, home, sftpRoot, AuthorizedKeyOptions.NONE);
    }

    /**
     * As above, bound by the options of the {@code authorized_keys} line the user logged in with
     * (cred's {@code SshPublicKeyChecker} gives them with the avatar id): {@code command=} replaces
     * every exec, shell and subsystem, with the request in {@code SSH_ORIGINAL_COMMAND}, as sshd(8)
     * does; {@code no-pty}, {@code no-port-forwarding} and {@code restrict} refuse those requests;
     * {@code permitopen} and {@code permitlisten} limit where forwarding may connect and listen.
     */
    public ProcessAvatar(Reactor reactor, String username, String shell, Path home, Path sftpRoot,
            AuthorizedKeyOptions keyOptions) {
        this(reactor, username, shell, home, sftpRoot, keyOptions, null);
    }

    private ProcessAvatar(Reactor reactor, String username, String shell, Path home, Path sftpRoot,
            AuthorizedKeyOptions keyOptions, RunAs runAs) {
        this.reactor = reactor;
        this.username = username;
        this.shell = shell;
        this.home = home;
        this.sftpRoot = sftpRoot;
        this.keyOptions = keyOptions;
        this.runAs = runAs;
        this.permitted = PermittedForwards.of(keyOptions);
    }

    /**
     * An avatar whose processes run as {@code account} (the server must run as root): commands
     * through the account's shell, in its home directory when that exists. It serves no SFTP: the
     * SFTP server runs inside the server process, whose file access would be root's.
     */
    public static ProcessAvatar runningAs(Reactor reactor, RunAs account, AuthorizedKeyOptions keyOptions) {
        Path home = account.home().toFile().isDirectory() ? account.home() : Path.of("/");
        return new ProcessAvatar(reactor, account.name(), account.shell(), home, null, keyOptions, account);
    }

    @Override
    public boolean allowsPty() {
        return keyOptions.allowsPty();
    }

    @Override
    public boolean allowsPortForwarding() {
        return keyOptions.allowsPortForwarding();
    }

    @Override
    public boolean permitsOpen(String host, int port) {
        return permitted.allowsOpen(host, port);
    }

    @Override
    public boolean permitsListen(String address, int port) {
        return permitted.allowsListen(address, port);
    }

    /** The forced command in place of {@code original} (null for a shell), or null when none is forced. */
    private ExecSession forced(String original, Map<String, String> environment, ExecChannel channel) {
        if (keyOptions.command().isEmpty()) {
            return null;
        }
        Map<String, String> env = new HashMap<>(environment);
        if (original != null) {
            env.put("SSH_ORIGINAL_COMMAND", original);
        }
        return launch(shell, List.of("-c", keyOptions.command().get()), env, channel);
    }

    @Override
    public ExecSession subsystem(String name, ExecChannel channel) {
        ExecSession forced = forced(name, Map.of(), channel);
        if (forced != null) {
            return forced;
        }
        if (!"sftp".equals(name) || sftpRoot == null) {
            return null;
        }
        try {
            return new SftpServer(reactor, sftpRoot, channel);
        } catch (IOException e) {
            log.warn("no SFTP for {}: {}", username, e.toString());
            return null;
        }
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public ExecSession exec(String command, Map<String, String> environment, ExecChannel channel) {
        ExecSession forced = forced(command, environment, channel);
        if (forced != null) {
            return forced;
        }
        return launch(shell, List.of("-c", command), environment, channel);
    }

    /**
     * The shell, under a real pseudo-terminal when one was asked for: util-linux {@code script}
     * allocates it, sets its size, and passes the shell's exit status on; window-change and
     * signals reach it through {@link ScriptTerminal}.
     */
    @Override
    public ExecSession shell(PtyRequest pty, Map<String, String> environment, ExecChannel channel) {
        ExecSession forced = forced(null, environment, channel);
        if (forced != null) {
            return forced;
        }
        if (pty == null) {
            return launch(shell, List.of(), environment, channel);
        }
        Map<String, String> env = new HashMap<>(environment);
        env.put("TERM", pty.term().isEmpty() ? "dumb" : pty.term());
        String start = "stty rows " + pty.rows() + " cols " + pty.columns() + " 2>/dev/null; exec " + shell + " -l";
        return launch(SCRIPT, List.of("-qefc", start, "/dev/null"), env, channel, true);
    }

    private ExecSession launch(String executable, List<String> arguments, Map<String, String> environment,
            ExecChannel channel) {
        return launch(executable, arguments, environment, channel, false);
    }

    /** Starts the process; {@code underScript} when it is script(1) holding a pseudo-terminal. */
    private ExecSession launch(String executable, List<String> arguments, Map<String, String> environment,
            ExecChannel channel, boolean underScript) {
        Map<String, String> env = new HashMap<>(runAs == null ? System.getenv() : runAs.environment());
        if (runAs == null) {
            env.putAll(environment);
        }
        env.put("USER", username);
        env.put("LOGNAME", username);
        ProcessProtocol protocol = new ProcessProtocol() {
            @Override
            public void outReceived(byte[] data) {
                channel.write(data);
            }

            @Override
            public void errReceived(byte[] data) {
                channel.writeStderr(data);
            }

            @Override
            public void processEnded(Failure reason) {
                ProcessTerminated terminated = reason.value() instanceof ProcessTerminated t ? t : null;
                if (terminated != null && terminated.signal() != null) {
                    channel.exitSignal(signalName(terminated.signal()));
                } else {
                    channel.exit(terminated == null || terminated.exitCode() == null ? 0 : terminated.exitCode());
                }
            }
        };
        ProcessTransport process;
        if (runAs == null) {
            process = reactor.spawnProcess(protocol, executable, arguments, env, home);
        } else {
            // setpriv and env(1) exec what follows them: the process id stays the command's.
            List<String> command = runAs.command(executable, arguments, environment);
            process = reactor.spawnProcess(protocol, command.get(0), command.subList(1, command.size()), env, home);
        }
        log.debug("{} runs pid {}", username, process.pid());
        return new ProcessSession(process, underScript ? new ScriptTerminal(reactor, process.pid()) : null);
    }

    /** A running child process as its channel drives it. */
    private static final class ProcessSession implements ExecSession {
        private final ProcessTransport process;
        private final ScriptTerminal terminal;

        ProcessSession(ProcessTransport process, ScriptTerminal terminal) {
            this.process = process;
            this.terminal = terminal;
        }

        @Override
        public void input(byte[] data) {
            process.write(data);
        }

        @Override
        public void inputEnded() {
            process.closeStdin();
        }

        @Override
        public void pauseOutput() {
            if (process instanceof PushProducer producer) {
                producer.pauseProducing();
            }
        }

        @Override
        public void resumeOutput() {
            if (process instanceof PushProducer producer) {
                producer.resumeProducing();
            }
        }

        @Override
        public boolean windowChanged(int columns, int rows) {
            if (terminal == null) {
                return false;
            }
            terminal.resize(columns, rows);
            return true;
        }

        /** Under a terminal the shell gets the signal (script would turn it into TERM); otherwise the command. */
        @Override
        public boolean signal(String signal) {
            if (terminal != null) {
                return terminal.signal(signal);
            }
            try {
                process.signalProcess(signal);
                return true;
            } catch (RuntimeException gone) {
                log.debug("cannot signal the process: {}", gone.toString());
                return false;
            }
        }

        @Override
        public void terminate() {
            try {
                process.signalProcess("HUP");
            } catch (RuntimeException gone) {
                log.debug("process already ended: {}", gone.toString());
            }
        }
    }

    private static String signalName(int signal) {
        switch (signal) {
            case 1: return "HUP";
            case 2: return "INT";
            case 3: return "QUIT";
            case 6: return "ABRT";
            case 9: return "KILL";
            case 13: return "PIPE";
            case 14: return "ALRM";
            case 4: return "ILL";
            case 8: return "FPE";
            case 10: return "USR1";
            case 11: return "SEGV";
            case 12: return "USR2";
            case 15: return "TERM";
            default: return Integer.toString(signal); // RFC 4254 section 6.10 lists no others
        }
    }
}
