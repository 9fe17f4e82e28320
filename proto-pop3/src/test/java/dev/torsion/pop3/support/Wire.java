package dev.torsion.pop3.support;

import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.defer.Deferred;
import dev.torsion.pop3.server.Pop3Server;
import dev.torsion.pop3.server.Pop3ServerConfig;
import dev.torsion.testing.StringTransport;
import dev.torsion.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A POP3 session on a StringTransport and a TestClock, with alice/secret owning a memory maildrop. */
public final class Wire {
    public final StringTransport transport = new StringTransport();
    public final TestClock clock = new TestClock();
    public final MemoryMailbox mailbox = new MemoryMailbox();
    public final Pop3Server server;

    public Wire(UnaryOperator<Pop3ServerConfig> configure) {
        InMemoryUsernamePasswordDatabaseDontUse users = new InMemoryUsernamePasswordDatabaseDontUse()
                .addUser("alice", "secret").addUser("jösé", "pässwörd");
        Portal portal = new Portal((id, mind, interfaces) -> Deferred.succeed(new LoginResult(interfaces.get(0), mailbox,
                () -> mailbox.loggedOut = true)), clock, users);
        portal.setFailureDelay(Duration.ZERO);
        server = new Pop3Server(configure.apply(Pop3ServerConfig.of("pop.example.org", portal)), clock);
        server.makeConnection(transport);
    }

    /** Plaintext login allowed (the tests run without TLS). */
    public Wire() {
        this(Pop3ServerConfig::allowingPlaintextLogin);
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

    public Wire send(String text, boolean byteByByte) {
        return send(text.getBytes(StandardCharsets.UTF_8), byteByByte);
    }

    /** Everything after the greeting line. */
    public String replies() {
        String out = transport.valueAsString();
        return out.substring(out.indexOf("\r\n") + 2);
    }

    public String greeting() {
        String out = transport.valueAsString();
        return out.substring(0, out.indexOf("\r\n"));
    }

    public Wire clear() {
        transport.clear();
        return this;
    }

    public boolean closed() {
        return transport.isDisconnecting();
    }
}
