package dev.torsion.plugin.conch;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Realm;
import dev.torsion.cred.UnauthorizedLogin;
import dev.torsion.cred.ssh.AuthorizedKeyOptions;
import dev.torsion.cred.unix.PasswdEntry;
import dev.torsion.cred.unix.UnixAccountFiles;
import dev.torsion.defer.Deferred;
import dev.torsion.internet.Reactor;
import dev.torsion.ssh.server.ProcessAvatar;
import dev.torsion.ssh.server.RunAs;
import dev.torsion.ssh.server.SshAvatar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The realm of {@code torsion conch}: who a logged-in user's processes run as. A server running as
 * root runs each session as the user's UNIX account (looked up in {@code /etc/passwd}, off the
 * reactor thread), as sshd does, and refuses a login that has no account; a server running as
 * anyone else runs them as itself, the only user it can be. Whether the process is root is asked at
 * each login, since the runner may drop root after binding ({@code --uid}).
 */
final class SessionAccounts implements Realm {
    private static final Logger log = LoggerFactory.getLogger(SessionAccounts.class);
    private static final Path STATUS = Path.of("/proc/self/status");

    private final Reactor reactor;
    private final String shell;
    private final Path sftpRoot;
    private final UnixAccountFiles accounts;

    SessionAccounts(Reactor reactor, String shell, Path sftpRoot, UnixAccountFiles accounts) {
        this.reactor = reactor;
        this.shell = shell;
        this.sftpRoot = sftpRoot;
        this.accounts = accounts;
    }

    @Override
    public Deferred<LoginResult> requestAvatar(AvatarId avatarId, Object mind, List<Class<?>> interfaces) {
        AuthorizedKeyOptions keyOptions = avatarId.attribute(AuthorizedKeyOptions.class).orElse(AuthorizedKeyOptions.NONE);
        if (!runsAsRoot()) {
            return Deferred.succeed(result(new ProcessAvatar(reactor, avatarId.name(), shell, null, sftpRoot, keyOptions)));
        }
        return reactor.deferToThread(() -> accounts.passwdEntry(avatarId.name())).addCallback(entry -> {
            if (entry.isEmpty()) {
                log.warn("login of {} refused: the server runs as root and there is no UNIX account of that name to run "
                        + "its session as", avatarId.name());
                throw new UnauthorizedLogin();
            }
            return result(ProcessAvatar.runningAs(reactor, runAs(entry.get()), keyOptions));
        });
    }

    private static LoginResult result(SshAvatar avatar) {
        return new LoginResult(SshAvatar.class, avatar, () -> { });
    }

    private static RunAs runAs(PasswdEntry entry) {
        String shell = entry.shell() == null || entry.shell().isEmpty() ? "/bin/sh" : entry.shell();
        return new RunAs(entry.name(), entry.uid(), entry.gid(), entry.home(), shell);
    }

    /** Whether this process's effective user is root now (the {@code Uid:} line of /proc/self/status). */
    static boolean runsAsRoot() {
        try {
            Optional<String> uids = Files.readAllLines(STATUS).stream().filter(line -> line.startsWith("Uid:")).findFirst();
            return uids.map(line -> line.split("\\s+")[2].equals("0")).orElse(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
