package dev.torsion.xmpp.support;

import dev.torsion.cred.Portal;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.xmpp.XmppLimits;
import dev.torsion.xmpp.server.RegisteredAccounts;
import dev.torsion.xmpp.server.XmppRealm;
import dev.torsion.xmpp.server.XmppServer;
import dev.torsion.xmpp.server.XmppServerConfig;
import dev.torsion.xmpp.server.XmppServerFactory;
import dev.torsion.xmpp.server.offline.FileOfflineStore;
import dev.torsion.xmpp.server.roster.FileRosterStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * Our XMPP server for domain "localhost" on 127.0.0.1, a free port of a live reactor, with STARTTLS
 * (the test CA's certificate for localhost), alice, bob and carol (password "secret") and rosters
 * in files under a temp dir.
 */
public final class ServerFixture implements AutoCloseable {
    public final LiveReactor live;
    public final TlsFixture tls;
    public final XmppServer server;
    public final int port;
    public final Path rosters;
    private final ListeningPort listening;

    public ServerFixture(Path directory) throws Exception {
        this(directory, "127.0.0.1", 0, false);
    }

    /** A server listening on {@code address}:{@code listenPort} (0 for a free port), with in-band registration or not. */
    public ServerFixture(Path directory, String address, int listenPort, boolean registration) throws Exception {
        live = new LiveReactor();
        tls = new TlsFixture(directory);
        rosters = directory.resolve("rosters");
        RegisteredAccounts users = new RegisteredAccounts().add("alice", "secret").add("bob", "secret").add("carol", "secret");
        Portal portal = new Portal(new XmppRealm(), live.reactor, users);
        portal.setFailureDelay(Duration.ZERO);
        XmppServerConfig config = new XmppServerConfig("localhost", tls.serverOptions, true, portal, XmppLimits.DEFAULTS,
                new FileRosterStore(rosters, live.reactor), new SecureRandom(), Clock.systemUTC(), registration ? users : null,
                new FileOfflineStore(directory.resolve("offline"), live.reactor, 100, XmppLimits.DEFAULTS));
        server = new XmppServer(config, live.reactor);
        listening = live.call(() -> live.reactor.listenTCP(listenPort, new XmppServerFactory(server), 50, address));
        port = ((IPv4Address) listening.getHost()).port();
    }

    @Override
    public void close() throws Exception {
        live.call(() -> listening.stopListening());
        live.close();
    }
}
