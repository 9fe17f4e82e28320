package dev.torsion.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.FilePasswordDatabase;
import dev.torsion.cred.checkers.ThreadedChecker;
import dev.torsion.cred.crypt.CryptPasswords;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.netty.tls.SelfSignedCertificate;
import dev.torsion.xmpp.Jid;
import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.XmppLimits;
import dev.torsion.xmpp.client.XmppClient;
import dev.torsion.xmpp.client.XmppClientConfig;
import dev.torsion.xmpp.client.XmppClientException;
import dev.torsion.xmpp.client.XmppClientListener;
import dev.torsion.xmpp.server.XmppRealm;
import dev.torsion.xmpp.server.XmppServer;
import dev.torsion.xmpp.server.XmppServerConfig;
import dev.torsion.xmpp.server.XmppServerFactory;
import dev.torsion.xmpp.server.roster.FileRosterStore;
import dev.torsion.xmpp.stream.XmlElement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * proto-xmpp with cred and TLS over real sockets on epoll: a server whose logins a crypt password
 * file checks (so only PLAIN, and only after STARTTLS), rosters written to files off the reactor
 * thread; two of our clients verify the server's certificate, log in, set a roster item and chat;
 * a wrong password is refused after the portal's delay.
 */
class XmppPasswordFileTest {
    @TempDir
    Path dir;

    /** Messages one client received, for the test thread. */
    static final class Inbox implements XmppClientListener {
        final BlockingQueue<XmlElement> messages = new LinkedBlockingQueue<>();

        @Override
        public void messageReceived(XmlElement message) {
            messages.add(message);
        }
    }

    @Test
    void passwordFileLoginRosterFileAndChat() throws Exception {
        Path passwords = dir.resolve("passwd");
        Files.writeString(passwords, "carol:" + CryptPasswords.hash("open sesame".getBytes(StandardCharsets.UTF_8)) + "\n"
                + "dave:" + CryptPasswords.hash("hunter2".getBytes(StandardCharsets.UTF_8)) + "\n");
        SelfSignedCertificate cert = SelfSignedCertificate.generate("localhost", "127.0.0.1");
        try (ReactorThread thread = ReactorThread.start("epoll")) {
            int port = thread.call(() -> {
                Portal portal = new Portal(new XmppRealm(), thread.reactor(),
                        new ThreadedChecker(new FilePasswordDatabase(passwords), thread.reactor()));
                portal.setFailureDelay(Duration.ofMillis(300));
                XmppServerConfig config = new XmppServerConfig("localhost", cert.serverOptions(), true, portal, XmppLimits.DEFAULTS,
                        new FileRosterStore(dir.resolve("rosters"), thread.reactor()), new SecureRandom(), Clock.systemUTC());
                return ReactorThread.portOf(thread.reactor().listenTCP(0, new XmppServerFactory(new XmppServer(config, thread.reactor())),
                        50, "127.0.0.1"));
            });
            Inbox daveInbox = new Inbox();
            XmppClient carol = connect(thread, port, cert, "carol@localhost/desk", "open sesame", new Inbox());
            XmppClient dave = connect(thread, port, cert, "dave@localhost/phone", "hunter2", daveInbox);
            assertEquals("PLAIN", carol.mechanism());
            thread.await(() -> carol.setRosterItem(Jid.parse("dave@localhost"), "Dave", List.of("Friends")));
            thread.call(() -> {
                dave.sendPresence(null, null);
                carol.sendMessage(Jid.parse("dave@localhost"), "over TLS, checked by the file");
                return null;
            });
            XmlElement message = daveInbox.messages.poll(30, TimeUnit.SECONDS);
            assertNotNull(message, "no message arrived");
            assertEquals("carol@localhost/desk", message.attribute("from"));
            assertEquals("over TLS, checked by the file", message.child(Namespaces.CLIENT, "body").orElseThrow().text());
            assertEquals("Dave", thread.await(carol::roster).get(0).name());
            Path rosterFile = dir.resolve("rosters").resolve("carol.roster");
            assertTrue(Files.readString(rosterFile).contains("item\tdave%40localhost\tnone\t-\tDave\tFriends"), Files.readString(rosterFile));
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> connect(thread, port, cert, "carol@localhost", "wrong", new Inbox()));
            assertTrue(refused.getCause() instanceof XmppClientException e && e.condition().equals("not-authorized"), refused.toString());
        }
    }

    private static XmppClient connect(ReactorThread thread, int port, SelfSignedCertificate cert, String jid, String password,
            XmppClientListener listener) throws Exception {
        XmppClient client = new XmppClient(XmppClientConfig.of(Jid.parse(jid), password.getBytes(StandardCharsets.UTF_8),
                cert.clientOptions("localhost")), listener);
        thread.await(() -> Endpoints.clientFromString(thread.reactor(), "tcp:127.0.0.1:" + port).connect(address -> client));
        thread.await(client::ready);
        return client;
    }
}
