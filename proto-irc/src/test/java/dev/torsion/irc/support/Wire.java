package dev.torsion.irc.support;

import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.internet.Protocol;
import dev.torsion.irc.server.IrcAccount;
import dev.torsion.irc.server.IrcServer;
import dev.torsion.irc.server.IrcServerConfig;
import dev.torsion.irc.server.IrcServerFactory;
import dev.torsion.testing.StringTransport;
import dev.torsion.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.UnaryOperator;

/**
 * An IRC server in memory: a factory on a TestClock with a fixed wall clock, and clients, each a
 * session on its own StringTransport. SASL knows alice/secret.
 */
public final class Wire {
    public static final Instant NOW = Instant.parse("2026-12-05T23:00:00.123Z");
    public final TestClock clock = new TestClock();
    public final IrcServerFactory factory;
    public final Portal portal;

    public Wire(UnaryOperator<IrcServerConfig> configure) {
        InMemoryUsernamePasswordDatabaseDontUse users = new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice", "secret");
        portal = new Portal(IrcAccount.realm(), clock, users);
        portal.setFailureDelay(Duration.ZERO);
        factory = new IrcServerFactory(configure.apply(IrcServerConfig.of("irc.example.org")), clock, InstantSource.fixed(NOW));
    }

    public Wire() {
        this(UnaryOperator.identity());
    }

    /** A new connection, nothing sent yet. */
    public Client connect() {
        return new Client((IrcServer) factory.buildProtocol(null));
    }

    /** A connection registered as {@code nick}, its welcome burst cleared. */
    public Client register(String nick) {
        Client c = connect();
        c.send("NICK " + nick + "\r\nUSER " + nick + " 0 * :" + nick + " Real\r\n");
        String burst = c.take();
        if (!burst.contains(" 001 " + nick + " ")) {
            throw new AssertionError("not registered: " + burst);
        }
        return c;
    }

    /** One client: its session and the bytes it received. */
    public static final class Client {
        public final StringTransport transport = new StringTransport();
        public final IrcServer server;

        Client(IrcServer server) {
            this.server = server;
            ((Protocol) server).makeConnection(transport);
        }

        public Client send(String text) {
            server.dataReceived(text.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        public Client send(byte[] bytes, boolean byteByByte) {
            if (!byteByByte) {
                server.dataReceived(bytes.clone());
                return this;
            }
            for (byte b : bytes) {
                server.dataReceived(new byte[] {b});
            }
            return this;
        }

        /** What arrived since the last take. */
        public String take() {
            String out = transport.valueAsString();
            transport.clear();
            return out;
        }

        public boolean closed() {
            return transport.isDisconnecting();
        }

        public void drop() {
            transport.closeConnection(server, true);
        }
    }
}
