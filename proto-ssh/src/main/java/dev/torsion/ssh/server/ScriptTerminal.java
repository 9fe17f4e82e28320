package dev.torsion.ssh.server;

import dev.torsion.defer.Failure;
import dev.torsion.internet.ProcessProtocol;
import dev.torsion.internet.Reactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pseudo-terminal that util-linux {@code script(1)} made for a shell, reached from outside:
 * script keeps the master to itself, so the size is set on the terminal's slave side with
 * coreutils {@code stty -F /dev/pts/N rows R cols C} (TIOCSWINSZ, after which the kernel sends
 * SIGWINCH to the terminal's foreground process group, as for a resize on the master), and signals
 * go to the shell itself (script's child, the session leader, as sshd signals its session's
 * process) with procps {@code kill}. The terminal is found from script's process id: its child's
 * standard input under {@code /proc}. Resizes are applied one at a time; while one runs, only
 * the latest size waits.
 */
final class ScriptTerminal {
    private static final Logger log = LoggerFactory.getLogger(ScriptTerminal.class);
    static final String STTY = "/usr/bin/stty";
    static final String KILL = "/usr/bin/kill";
    /** How often, and how long apart, the shell is looked for when script has not started it yet. */
    private static final int LOOKUPS = 40;
    private static final Duration LOOKUP_INTERVAL = Duration.ofMillis(50);

    private final Reactor reactor;
    private final long scriptPid;
    private String pendingSize;
    private boolean resizing;
    private int lookups;

    ScriptTerminal(Reactor reactor, long scriptPid) {
        this.reactor = reactor;
        this.scriptPid = scriptPid;
    }

    /** Sets the terminal's size, now or once the resize under way has finished. */
    void resize(int columns, int rows) {
        pendingSize = columns + " " + rows;
        if (!resizing) {
            lookups = 0;
            nextResize();
        }
    }

    private void nextResize() {
        if (pendingSize == null) {
            return;
        }
        Optional<ProcessHandle> shell = shell();
        Optional<String> tty = shell.flatMap(ScriptTerminal::terminalOf);
        if (tty.isEmpty()) {
            if (++lookups < LOOKUPS && ProcessHandle.of(scriptPid).isPresent()) {
                resizing = true;
                reactor.callLater(LOOKUP_INTERVAL, () -> {
                    resizing = false;
                    nextResize();
                });
            } else {
                log.debug("no terminal found under script pid {}: resize dropped", scriptPid);
                pendingSize = null;
            }
            return;
        }
        String[] size = pendingSize.split(" ");
        pendingSize = null;
        resizing = true;
        run(STTY, List.of("-F", tty.get(), "cols", size[0], "rows", size[1]), () -> {
            resizing = false;
            nextResize();
        });
    }

    /** Sends {@code signal} (a name without SIG) to the shell; false when it is not running (yet). */
    boolean signal(String signal) {
        Optional<ProcessHandle> shell = shell();
        if (shell.isEmpty()) {
            return false;
        }
        run(KILL, List.of("-s", signal, Long.toString(shell.get().pid())), () -> { });
        return true;
    }

    /** script's child: the shell, session leader of the terminal. */
    private Optional<ProcessHandle> shell() {
        return ProcessHandle.of(scriptPid).flatMap(script -> script.children().findFirst());
    }

    /** The terminal on the process's standard input, output or error ({@code /dev/pts/N}). */
    private static Optional<String> terminalOf(ProcessHandle process) {
        for (int fd = 0; fd <= 2; fd++) {
            try {
                String target = Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "fd",
                        Integer.toString(fd))).toString();
                if (target.startsWith("/dev/pts/")) {
                    return Optional.of(target);
                }
            } catch (IOException | UnsupportedOperationException gone) {
                log.debug("no fd {} of pid {}: {}", fd, process.pid(), gone.toString());
            }
        }
        return Optional.empty();
    }

    private void run(String program, List<String> arguments, Runnable done) {
        reactor.spawnProcess(new ProcessProtocol() {
            @Override
            public void errReceived(byte[] data) {
                log.debug("{}: {}", program, new String(data, StandardCharsets.UTF_8).strip());
            }

            @Override
            public void processEnded(Failure reason) {
                done.run();
            }
        }, program, arguments, Map.of("PATH", "/usr/bin:/bin", "LC_ALL", "C"), null);
    }
}
