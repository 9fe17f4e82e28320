package dev.torsion.ftp.support;

import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.AllowAnonymousAccess;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.ftp.server.FtpRealm;
import dev.torsion.ftp.server.FtpServerConfig;
import dev.torsion.ftp.server.FtpServerFactory;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.testing.LiveReactor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A Torsion FTP server on 127.0.0.1 (a free port) over {@code root}, on a live Netty reactor; alice/secret and anonymous. */
public final class LiveFtpServer implements AutoCloseable {
    public final LiveReactor live;
    public final int port;
    private final ListeningPort listening;

    public LiveFtpServer(Path root, UnaryOperator<FtpServerConfig> configure) throws Exception {
        live = new LiveReactor();
        listening = live.call(() -> {
            InMemoryUsernamePasswordDatabaseDontUse users = new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice", "secret");
            Portal portal = new Portal(FtpRealm.sharedRoot(root, true, live.reactor), live.reactor, users, new AllowAnonymousAccess());
            portal.setFailureDelay(Duration.ZERO);
            FtpServerConfig config = configure.apply(FtpServerConfig.of(portal, live.reactor).withAnonymous(true));
            return live.reactor.listenTCP(0, new FtpServerFactory(config), 50, "127.0.0.1");
        });
        port = ((IPAddress) listening.getHost()).port();
    }

    @Override
    public void close() throws Exception {
        live.close();
    }
}
