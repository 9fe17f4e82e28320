package dev.torsion.ssh.support;

import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Portal;
import dev.torsion.cred.Realm;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.cred.checkers.SshPublicKeyChecker;
import dev.torsion.cred.ssh.AuthorizedKeyOptions;
import dev.torsion.cred.ssh.AuthorizedKeysSource;
import dev.torsion.defer.Deferred;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.ssh.SshLimits;
import dev.torsion.ssh.server.ProcessAvatar;
import dev.torsion.ssh.server.SshAvatar;
import dev.torsion.ssh.server.SshServerFactory;
import dev.torsion.ssh.server.TcpForwarding;
import dev.torsion.ssh.transport.HostKey;
import dev.torsion.ssh.transport.TransportConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Our SSH server on a live reactor, on a free loopback port: user alice with password "secret"
 * (password and keyboard-interactive) and the public key of {@link #clientKey} in an authorized_keys file.
 */
public final class TestServer implements AutoCloseable {
    public static final String USER = "alice";
    public static final String PASSWORD = "secret";

    public final LiveReactor live;
    public final HostKey hostKey = HostKey.generate(new SecureRandom(), "test host");
    public final HostKey clientKey = HostKey.generate(new SecureRandom(), "alice@test");
    public final Path dir;
    public final Path clientKeyFile;
    /** A second key of alice's, restricted in authorized_keys: command="echo forced: $SSH_ORIGINAL_COMMAND",restrict. */
    public final HostKey restrictedKey = HostKey.generate(new SecureRandom(), "alice@restricted");
    public final Path restrictedKeyFile;
    public final Path authorizedKeys;
    public final int port;
    /** What SFTP serves. */
    public final Path sftpRoot;
    private final ListeningPort listening;

    public TestServer(Path dir) throws Exception {
        this(dir, TransportConfig.DEFAULTS, SshLimits.DEFAULTS);
    }

    public TestServer(Path dir, TransportConfig config, SshLimits limits) throws Exception {
        this(dir, config, limits, List.of());
    }

    /** As above, with host keys beside the ed25519 {@link #hostKey} (RSA, ECDSA from ssh-keygen). */
    public TestServer(Path dir, TransportConfig config, SshLimits limits, List<HostKey> moreHostKeys) throws Exception {
        this.dir = dir;
        this.live = new LiveReactor();
        this.sftpRoot = Files.createDirectories(dir.resolve("sftp-root"));
        clientKeyFile = dir.resolve("id_ed25519");
        clientKey.write(clientKeyFile);
        authorizedKeys = dir.resolve("authorized_keys");
        restrictedKeyFile = dir.resolve("id_restricted");
        restrictedKey.write(restrictedKeyFile);
        Files.writeString(authorizedKeys, clientKey.publicKeyLine() + " alice@test\n"
                + "command=\"echo forced: $SSH_ORIGINAL_COMMAND\",restrict " + restrictedKey.publicKeyLine() + "\n");
        Files.setPosixFilePermissions(authorizedKeys, PosixFilePermissions.fromString("rw-------"));
        AuthorizedKeysSource source = user -> USER.equals(user) ? List.of(authorizedKeys) : List.of();
        Realm realm = (avatarId, mind, interfaces) -> Deferred.succeed(new LoginResult(SshAvatar.class,
                new ProcessAvatar(live.reactor, avatarId.name(), "/bin/sh", dir, sftpRoot,
                        avatarId.attribute(AuthorizedKeyOptions.class).orElse(AuthorizedKeyOptions.NONE)), () -> { }));
        listening = live.call(() -> {
            Portal portal = new Portal(realm, live.reactor,
                    new InMemoryUsernamePasswordDatabaseDontUse().addUser(USER, PASSWORD),
                    new SshPublicKeyChecker(source, new SshPublicKeyChecker.Options()));
            portal.setFailureDelay(Duration.ofMillis(200));
            return live.reactor.listenTCP(0,
                    new SshServerFactory(live.reactor, hostKeys(moreHostKeys), portal, config, limits)
                            .withTcpForwarding(TcpForwarding.anywhere(live.reactor)).withKeyboardInteractive(true),
                    50, "127.0.0.1");
        });
        port = ((IPv4Address) listening.getHost()).port();
    }

    private List<HostKey> hostKeys(List<HostKey> more) {
        List<HostKey> all = new ArrayList<>(List.of(hostKey));
        all.addAll(more);
        return all;
    }

    /**
     * Listens on loopback with an echo server; returns its port. It is half-closeable: a client's
     * end of writing lets it finish echoing before it closes (a plain protocol is closed at once by
     * the peer's FIN, dropping what it had not written yet, as in Twisted).
     */
    public int echoServer() throws Exception {
        ListeningPort echo = live.call(() -> live.reactor.listenTCP(0, address -> new HalfCloseableEcho(), 50, "127.0.0.1"));
        return ((IPv4Address) echo.getHost()).port();
    }

    /** A known_hosts file naming our host key for this port. */
    public Path knownHosts() throws Exception {
        Path file = dir.resolve("known_hosts");
        Files.writeString(file, "[127.0.0.1]:" + port + " " + hostKey.publicKeyLine() + "\n");
        return file;
    }

    @Override
    public void close() throws Exception {
        live.close();
    }

    private static final class HalfCloseableEcho extends Protocol implements HalfCloseableProtocol {
        @Override
        public void dataReceived(byte[] data) {
            transport().write(data);
        }

        @Override
        public void readConnectionLost() {
            transport().loseConnection();
        }

        @Override
        public void writeConnectionLost() {
        }
    }
}
