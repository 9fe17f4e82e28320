package dev.torsion.xmpp.support;

import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.testing.StringTransport;
import dev.torsion.testing.TestClock;
import dev.torsion.tls.TlsOptions;
import dev.torsion.xmpp.server.ClientSession;
import dev.torsion.xmpp.server.XmppRealm;
import dev.torsion.xmpp.server.XmppServer;
import dev.torsion.xmpp.server.XmppServerConfig;
import dev.torsion.xmpp.server.roster.MemoryRosterStore;
import dev.torsion.xmpp.server.roster.RosterStore;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.net.ssl.SSLContext;

/** One client connection to a server on a StringTransport and a TestClock, fed whole or byte by byte. */
public final class XmppWire {
    public static final String DOMAIN = "example.org";
    public static final String CLIENT_HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='example.org' version='1.0'>";
    public static final String SERVER_HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' id='000000000000000000000000' from='example.org' "
            + "version='1.0' xml:lang='en'>";
    public static final String TLS_FEATURES = "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'>"
            + "<required/></starttls></stream:features>";
    public static final String SASL_FEATURES = "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
            + "<mechanism>SCRAM-SHA-256</mechanism><mechanism>SCRAM-SHA-1</mechanism><mechanism>PLAIN</mechanism>"
            + "</mechanisms></stream:features>";
    public static final String BIND_FEATURES = "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
            + "<session xmlns='urn:ietf:params:xml:ns:xmpp-session'><optional/></session></stream:features>";
    public static final Instant NOW = Instant.parse("2026-12-05T23:00:00Z");

    public final StringTransport transport = new StringTransport();
    public final TestClock clock;
    public final ClientSession session;

    public XmppWire(XmppServer server, TestClock clock) {
        this.clock = clock;
        session = server.newSession();
        session.makeConnection(transport);
    }

    /** A portal with alice, bob and carol (password "secret"), answering at once. */
    public static Portal portal() {
        InMemoryUsernamePasswordDatabaseDontUse users = new InMemoryUsernamePasswordDatabaseDontUse()
                .addUser("alice", "secret").addUser("bob", "secret").addUser("carol", "secret");
        return new Portal(new XmppRealm(), users);
    }

    public static TlsOptions tls() {
        try {
            return TlsOptions.server(SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static XmppServerConfig config(RosterStore rosters) {
        return XmppServerConfig.of(DOMAIN, tls(), portal()).withRosters(rosters)
                .withRandom(new ZeroRandom(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    public static XmppServer server(TestClock clock) {
        return new XmppServer(config(new MemoryRosterStore()), clock);
    }

    public XmppWire send(String text) {
        session.dataReceived(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public XmppWire sendBytes(byte[] bytes, boolean byteByByte) {
        if (!byteByByte) {
            session.dataReceived(bytes.clone());
            return this;
        }
        for (byte b : bytes) {
            session.dataReceived(new byte[] {b});
        }
        return this;
    }

    public XmppWire send(String text, boolean byteByByte) {
        return sendBytes(text.getBytes(StandardCharsets.UTF_8), byteByByte);
    }

    /** The output so far, then forgets it. */
    public String take() {
        String out = transport.valueAsString();
        transport.clear();
        return out;
    }

    public boolean closed() {
        return transport.isDisconnecting();
    }

    /** Opens the stream and negotiates STARTTLS (the StringTransport only records it). */
    public XmppWire startTls() {
        send(CLIENT_HEADER);
        send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        send(CLIENT_HEADER);
        take();
        return this;
    }

    /** STARTTLS, then SASL PLAIN as {@code user}, then the restarted stream's header. */
    public XmppWire authenticate(String user) {
        startTls();
        send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plain(user, "secret") + "</auth>");
        send(CLIENT_HEADER);
        take();
        return this;
    }

    /** Authenticates and binds {@code resource}. */
    public XmppWire bind(String user, String resource) {
        authenticate(user);
        send("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>" + resource
                + "</resource></bind></iq>");
        take();
        return this;
    }

    public static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }
}
