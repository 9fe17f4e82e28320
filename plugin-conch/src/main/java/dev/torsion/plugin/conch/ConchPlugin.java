package dev.torsion.plugin.conch;

import dev.torsion.app.RunnerPlugin;
import dev.torsion.app.StartupFailure;
import dev.torsion.app.service.MultiService;
import dev.torsion.app.service.ServerEndpoints;
import dev.torsion.app.service.Service;
import dev.torsion.cred.Portal;
import dev.torsion.cred.Realm;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.cred.ssh.SshKeyType;
import dev.torsion.cred.unix.UnixAccountFiles;
import dev.torsion.internet.Reactor;
import dev.torsion.ssh.SshLimits;
import dev.torsion.ssh.server.RunAs;
import dev.torsion.ssh.server.SshServerFactory;
import dev.torsion.ssh.transport.HostKey;
import dev.torsion.ssh.transport.TransportConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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
        List<HostKey> hostKeys = hostKeys(options.hostKeys);
        String shell = options.shell;
        Path sftpRoot = options.sftpRoot();
        Realm realm = new SessionAccounts(reactor, shell, sftpRoot, new UnixAccountFiles());
        Portal portal = new Portal(realm, reactor, checkers.toArray(CredentialsChecker[]::new));
        MultiService conch = new MultiService();
        conch.setName("conch");
        SshServerFactory factory = new SshServerFactory(reactor, hostKeys, portal, TransportConfig.DEFAULTS,
                SshLimits.DEFAULTS).withKeyboardInteractive(options.keyboardInteractive);
        for (String endpoint : options.endpoints()) {
            ServerEndpoints.listen(reactor, endpoint, factory).setServiceParent(conch);
        }
        return conch;
    }

    /** Each --host-key file, read (or made, as ed25519, when absent); one key of each type at most. */
    static List<HostKey> hostKeys(List<Path> files) throws IOException {
        List<HostKey> keys = new ArrayList<>();
        Set<SshKeyType> types = EnumSet.noneOf(SshKeyType.class);
        for (Path file : files) {
            HostKey key = HostKey.loadOrGenerate(file);
            if (!types.add(key.type())) {
                throw new IllegalArgumentException("two " + key.type().sshName() + " host keys given (--host-key "
                        + file + "): one of each kind at most");
            }
            log.info("host key {} {}", file, key.publicKeyLine());
            keys.add(key);
        }
        return keys;
    }
}
