package dev.torsion.plugin.conch;

import dev.torsion.app.RunnerPlugin;
import dev.torsion.app.StartupFailure;
import dev.torsion.app.service.MultiService;
import dev.torsion.app.service.ServerEndpoints;
import dev.torsion.app.service.Service;
import dev.torsion.cred.Portal;
import dev.torsion.cred.Realm;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.cred.unix.UnixAccountFiles;
import dev.torsion.internet.Reactor;
import dev.torsion.ssh.server.RunAs;
import dev.torsion.ssh.server.SshServerFactory;
import dev.torsion.ssh.transport.HostKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code torsion conch --listen tcp:2222 --host-key FILE --auth sshkey --auth unix}: an SSH server,
 * as Twisted's {@code twistd conch}. The host key file is made on first start. Run as root, it runs
 * each session as the logged-in user's UNIX account (with that account's shell), as sshd does; run
 * as another user, logged-in users run {@code exec} commands through {@code --shell} as that user,
 * and SFTP confined to {@code --sftp-root}.
 */
public final class ConchPlugin implements RunnerPlugin {
    private static final Logger log = LoggerFactory.getLogger(ConchPlugin.class);

    private final ConchOptions options = new ConchOptions();

    @Override
    public String name() {
        return "conch";
    }

    @Override
    public String description() {
        return "An SSH server: post-quantum key exchange, ed25519 host key, cred logins, exec (twistd conch).";
    }

    @Override
    public Object options() {
        return options;
    }

    @Override
    public Service makeService(Reactor reactor) throws IOException {
        List<CredentialsChecker> checkers = options.auth.checkers(reactor);
        if (checkers.isEmpty()) {
            throw new IllegalArgumentException("conch needs at least one --auth (sshkey, unix, file:PATH, ...)");
        }
        if (SessionAccounts.runsAsRoot()) {
            if (!Files.isExecutable(Path.of(RunAs.SETPRIV))) {
                throw new StartupFailure("conch", "it runs as root and switches each session to its user's account with "
                        + RunAs.SETPRIV + ", which is missing (Debian package util-linux)");
            }
            log.info("torsion conch runs as root: each session runs as the logged-in user's UNIX account, "
                    + "and SFTP (which runs inside the server) is not offered to them");
        }
        HostKey hostKey = HostKey.loadOrGenerate(options.hostKey);
        log.info("host key {} {}", options.hostKey, hostKey.publicKeyLine());
        String shell = options.shell;
        Path sftpRoot = options.sftpRoot();
        Realm realm = new SessionAccounts(reactor, shell, sftpRoot, new UnixAccountFiles());
        Portal portal = new Portal(realm, reactor, checkers.toArray(CredentialsChecker[]::new));
        MultiService conch = new MultiService();
        conch.setName("conch");
        SshServerFactory factory = new SshServerFactory(reactor, hostKey, portal);
        for (String endpoint : options.endpoints()) {
            ServerEndpoints.listen(reactor, endpoint, factory).setServiceParent(conch);
        }
        return conch;
    }
}
