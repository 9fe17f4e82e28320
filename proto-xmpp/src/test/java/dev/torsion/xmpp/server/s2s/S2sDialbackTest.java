package dev.torsion.xmpp.server.s2s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.Portal;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.xmpp.Jid;
import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.XmppLimits;
import dev.torsion.xmpp.client.XmppClient;
import dev.torsion.xmpp.client.XmppClientConfig;
import dev.torsion.xmpp.client.XmppClientException;
import dev.torsion.xmpp.client.XmppClientListener;
import dev.torsion.xmpp.server.RegisteredAccounts;
import dev.torsion.xmpp.server.XmppRealm;
import dev.torsion.xmpp.server.XmppServer;
import dev.torsion.xmpp.server.XmppServerConfig;
import dev.torsion.xmpp.server.XmppServerFactory;
import dev.torsion.xmpp.server.roster.MemoryRosterStore;
import dev.torsion.xmpp.stream.XmlElement;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two of our servers, a.test and b.test, federating by server dialback (XEP-0220) over real
 * sockets on loopback, the domains mapped to their ports by a static resolver (there is no DNS
 * here): alice@a.test and bob@b.test chat both ways; a forged key is refused by the authoritative
 * server; an unknown domain bounces.
 */
class S2sDialbackTest {
    /** HMAC-SHA256(SHA-256("s3cr3t"), "b.test a.test D60000229F") in hex, computed with Python's hmac. */
    static final String KEY_VECTOR = "29eedf0ba7a6b39fa29cbe37ff437012713e2d65acee47eea06ae622b5b8bf0c";

    private LiveReactor live;
    private final Map<String, Integer> s2sPorts = new ConcurrentHashMap<>();
    private final Map<String, Integer> clientPorts = new ConcurrentHashMap<>();
    private final Map<String, S2sManager> managers = new ConcurrentHashMap<>();

    @Test
    void keysAreXep0185Hmacs() {
        DialbackKey keys = new DialbackKey("s3cr3t".getBytes(StandardCharsets.UTF_8));
        assertEquals(KEY_VECTOR, keys.generate("b.test", "a.test", "D60000229F"));
        assertTrue(keys.matches("b.test", "a.test", "D60000229F", KEY_VECTOR.toUpperCase()));
        assertFalse(keys.matches("a.test", "b.test", "D60000229F", KEY_VECTOR));
        assertFalse(new DialbackKey("other".getBytes(StandardCharsets.UTF_8)).matches("b.test", "a.test", "D60000229F", KEY_VECTOR));
    }

    @BeforeEach
    void start() throws Exception {
        live = new LiveReactor();
        for (String domain : new String[] {"a.test", "b.test"}) {
            live.call(() -> {
                startServer(domain);
                return null;
            });
        }
    }

    private void startServer(String domain) throws Exception {
        RegisteredAccounts users = new RegisteredAccounts().add("alice", "secret").add("bob", "secret");
        Portal portal = new Portal(new XmppRealm(), live.reactor, users);
        portal.setFailureDelay(Duration.ZERO);
        XmppServer server = new XmppServer(new XmppServerConfig(domain, null, false, portal, XmppLimits.DEFAULTS,
                new MemoryRosterStore(), new SecureRandom(), Clock.systemUTC()), live.reactor);
        S2sManager manager = new S2sManager(server, ("secret of " + domain).getBytes(StandardCharsets.UTF_8),
                remote -> s2sPorts.containsKey(remote) ? Endpoints.clientFromString(live.reactor, "tcp:127.0.0.1:" + s2sPorts.get(remote))
                        : null, live.reactor).attach();
        managers.put(domain, manager);
        ListeningPort s2s = live.reactor.listenTCP(0, manager.listener(), 50, "127.0.0.1");
        s2sPorts.put(domain, ((IPv4Address) s2s.getHost()).port());
        ListeningPort c2s = live.reactor.listenTCP(0, new XmppServerFactory(server), 50, "127.0.0.1");
        clientPorts.put(domain, ((IPv4Address) c2s.getHost()).port());
    }

    @AfterEach
    void stop() throws Exception {
        live.close();
    }

    /** Messages one client got. */
    static final class Inbox implements XmppClientListener {
        final BlockingQueue<XmlElement> messages = new LinkedBlockingQueue<>();

        @Override
        public void messageReceived(XmlElement message) {
            messages.add(message);
        }
    }

    private XmppClient login(String jid, Inbox inbox) throws Exception {
        Jid account = Jid.parse(jid);
        XmppClient client = new XmppClient(XmppClientConfig.of(account, "secret".getBytes(StandardCharsets.UTF_8), null), inbox);
        live.await(() -> Endpoints.clientFromString(live.reactor, "tcp:127.0.0.1:" + clientPorts.get(account.domain()))
                .connect(address -> client));
        assertEquals(account, live.await(client::ready));
        return client;
    }

    @Test
    void aliceAndBobChatAcrossTwoServers() throws Exception {
        Inbox aliceInbox = new Inbox();
        Inbox bobInbox = new Inbox();
        XmppClient alice = login("alice@a.test/home", aliceInbox);
        XmppClient bob = login("bob@b.test/work", bobInbox);
        live.call(() -> {
            bob.sendPresence(null, null);
            alice.sendMessage(Jid.parse("bob@b.test"), "hello across \u00e9 <&>");
            alice.sendMessage(Jid.parse("bob@b.test/work"), "second");
            return null;
        });
        XmlElement first = bobInbox.messages.poll(20, TimeUnit.SECONDS);
        assertNotNull(first, "nothing reached bob@b.test");
        assertEquals("alice@a.test/home", first.attribute("from"));
        assertEquals("hello across \u00e9 <&>", first.child(Namespaces.CLIENT, "body").orElseThrow().text());
        XmlElement second = bobInbox.messages.poll(20, TimeUnit.SECONDS);
        assertNotNull(second, "the second message did not follow");
        assertEquals("second", second.child(Namespaces.CLIENT, "body").orElseThrow().text());
        assertEquals(List.of("b.test"), live.call(() -> managers.get("a.test").connectedDomains()));

        live.call(() -> {
            bob.sendMessage(Jid.parse("alice@a.test/home"), "hello back");
            return null;
        });
        XmlElement back = aliceInbox.messages.poll(20, TimeUnit.SECONDS);
        assertNotNull(back, "nothing reached alice@a.test");
        assertEquals("bob@b.test/work", back.attribute("from"));
        assertEquals("hello back", back.child(Namespaces.CLIENT, "body").orElseThrow().text());

        XmppClientException bounced = null;
        try {
            live.await(() -> alice.ping(Jid.parse("c.test")));
        } catch (XmppClientException e) {
            bounced = e;
        }
        assertNotNull(bounced, "an IQ to an unknown domain was answered");
        assertEquals("remote-server-not-found", bounced.condition());
    }

    @Test
    void aForgedKeyIsRefusedByTheAuthoritativeServer() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", s2sPorts.get("b.test"))) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' "
                    + "xmlns:db='jabber:server:dialback' from='a.test' to='b.test' version='1.0'>").getBytes(StandardCharsets.UTF_8));
            String header = readUntil(socket.getInputStream(), "</stream:features>");
            Matcher id = Pattern.compile(" id='([0-9a-f]+)'").matcher(header);
            assertTrue(id.find(), header);
            assertTrue(header.contains("<dialback xmlns='urn:xmpp:features:dialback'>"), header);
            // A key made with a secret that is not a.test's: b.test asks a.test, which says invalid.
            String forged = new DialbackKey("guess".getBytes(StandardCharsets.UTF_8)).generate("b.test", "a.test", id.group(1));
            out.write(("<db:result from='a.test' to='b.test'>" + forged + "</db:result>").getBytes(StandardCharsets.UTF_8));
            assertEquals("<db:result from='b.test' to='a.test' type='invalid'/>", readUntil(socket.getInputStream(), "/>"));
            out.write("<message from='alice@a.test/x' to='bob@b.test'><body>spoof</body></message>".getBytes(StandardCharsets.UTF_8));
            assertEquals("<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>",
                    readUntil(socket.getInputStream(), "</stream:stream>"));
        }
    }

    @Test
    void theRightKeyIsValid() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", s2sPorts.get("b.test"))) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' "
                    + "xmlns:db='jabber:server:dialback' from='a.test' to='b.test' version='1.0'>").getBytes(StandardCharsets.UTF_8));
            String header = readUntil(socket.getInputStream(), "</stream:features>");
            Matcher id = Pattern.compile(" id='([0-9a-f]+)'").matcher(header);
            assertTrue(id.find(), header);
            String key = new DialbackKey("secret of a.test".getBytes(StandardCharsets.UTF_8)).generate("b.test", "a.test", id.group(1));
            out.write(("<db:result from='a.test' to='b.test'>" + key + "</db:result>").getBytes(StandardCharsets.UTF_8));
            assertEquals("<db:result from='b.test' to='a.test' type='valid'/>", readUntil(socket.getInputStream(), "/>"));
            // Verified for a.test, but not for c.test.
            out.write("<message from='mallory@c.test' to='bob@b.test'><body>spoof</body></message>".getBytes(StandardCharsets.UTF_8));
            assertEquals("<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>",
                    readUntil(socket.getInputStream(), "</stream:stream>"));
        }
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] one = new byte[1];
        while (!text.toString().endsWith(end)) {
            int n = in.read(one);
            if (n < 0) {
                break;
            }
            text.append((char) (one[0] & 0xFF));
        }
        return text.toString();
    }
}
