package dev.torsion.imap.support;

import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.defer.Deferred;
import dev.torsion.imap.server.ImapServer;
import dev.torsion.imap.server.ImapServerConfig;
import dev.torsion.testing.StringTransport;
import dev.torsion.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** An IMAP session on a StringTransport and a TestClock; alice/secret owns {@link #account}. */
public final class Wire {
    public final StringTransport transport = new StringTransport();
    public final TestClock clock;
    public final MemoryAccount account;
    public final ImapServer server;
    public boolean loggedOut;

    public Wire(UnaryOperator<ImapServerConfig> configure, MemoryAccount account, TestClock clock) {
        this.account = account;
        this.clock = clock;
        InMemoryUsernamePasswordDatabaseDontUse users = new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice", "secret");
        Portal portal = new Portal((id, mind, interfaces) -> Deferred.succeed(new LoginResult(interfaces.get(0), account,
                () -> loggedOut = true)), clock, users);
        portal.setFailureDelay(Duration.ZERO);
        server = new ImapServer(configure.apply(ImapServerConfig.of("imap.example.org", portal)), clock);
        server.makeConnection(transport);
    }

    /** Plaintext login allowed (the tests run without TLS). */
    public Wire() {
        this(ImapServerConfig::allowingPlaintextLogin, new MemoryAccount(), new TestClock());
    }

    /** A second session on the same account and clock. */
    public Wire another() {
        return new Wire(ImapServerConfig::allowingPlaintextLogin, account, clock);
    }

    public Wire send(String text) {
        server.dataReceived(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public Wire send(byte[] bytes, boolean byteByByte) {
        if (!byteByByte) {
            server.dataReceived(bytes.clone());
            return this;
        }
        for (byte b : bytes) {
            server.dataReceived(new byte[] {b});
        }
        return this;
    }

    /** Everything after the greeting line. */
    public String replies() {
        String out = transport.valueAsString();
        return out.substring(out.indexOf("\r\n") + 2);
    }

    /** Replies since the last call (and clears them). */
    public String take() {
        String out = transport.valueAsString();
        transport.clear();
        return out;
    }

    public String greeting() {
        String out = transport.valueAsString();
        return out.substring(0, out.indexOf("\r\n"));
    }

    public boolean closed() {
        return transport.isDisconnecting();
    }
}
