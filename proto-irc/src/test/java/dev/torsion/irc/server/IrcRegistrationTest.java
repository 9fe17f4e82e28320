package dev.torsion.irc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.irc.support.Wire;
import dev.torsion.irc.support.Wire.Client;
import dev.torsion.testing.StringTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Registration (Modern IRC "Connection Registration"), CAP negotiation, SASL PLAIN and PASS, on the wire. */
class IrcRegistrationTest {
    private static final String S = ":irc.example.org ";
    static final String BURST = S + "001 nick :Welcome to the Torsion IRC Network nick!~nick@192.168.1.1\r\n"
            + S + "002 nick :Your host is irc.example.org, running version torsion-0.1\r\n"
            + S + "003 nick :This server was created Sat Dec 05 2026 at 23:00:00 UTC\r\n"
            + S + "004 nick irc.example.org torsion-0.1 i biklmnostv bklov\r\n"
            + S + "005 nick AWAYLEN=200 CASEMAPPING=rfc1459 CHANLIMIT=#:50 CHANMODES=b,k,l,imnst CHANNELLEN=50 CHANTYPES=#"
            + " KICKLEN=255 MAXLIST=b:100 MODES=4 NETWORK=Torsion NICKLEN=30 PREFIX=(ov)@+ :are supported by this server\r\n"
            + S + "005 nick TARGMAX=PRIVMSG:4,NOTICE:4,JOIN:4,WHOIS:1,NAMES:1 TOPICLEN=390 :are supported by this server\r\n"
            + S + "251 nick :There are 1 users and 0 invisible on 1 servers\r\n"
            + S + "254 nick 0 :channels formed\r\n"
            + S + "255 nick :I have 1 clients and 0 servers\r\n"
            + S + "265 nick 1 1 :Current local users 1, max 1\r\n"
            + S + "266 nick 1 1 :Current global users 1, max 1\r\n"
            + S + "422 nick :MOTD File is missing\r\n";

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void nickThenUserGetsTheWholeBurst() {
        for (boolean byteByByte : new boolean[] {false, true}) {
            Wire wire = new Wire();
            Client c = wire.connect();
            c.send("NICK nick\r\nUSER nick 0 * :Real Name\r\n".getBytes(StandardCharsets.UTF_8), byteByByte);
            assertEquals(BURST, c.take());
            assertEquals(IrcSessionState.REGISTERED, c.server.state());
        }
    }

    @Test
    void userThenNickAndBareLf() {
        Client c = new Wire().connect();
        c.send("USER nick 0 * :Real Name\nNICK nick\n");
        assertEquals(BURST, c.take());
    }

    @Test
    void motdLines() {
        Client c = new Wire(config -> config.withMotd(List.of("Hello", "World"))).connect();
        c.send("NICK nick\r\nUSER nick 0 * :R\r\n");
        assertTrue(c.take().endsWith(S + "375 nick :- irc.example.org Message of the day - \r\n"
                + S + "372 nick :- Hello\r\n" + S + "372 nick :- World\r\n" + S + "376 nick :End of /MOTD command.\r\n"));
    }

    @Test
    void capNegotiationHoldsRegistrationUntilEnd() {
        Client c = new Wire().connect();
        c.send("CAP LS 302\r\nNICK nick\r\nUSER nick 0 * :R\r\n");
        assertEquals(S + "CAP * LS :message-tags server-time echo-message multi-prefix away-notify account-notify extended-join account-tag batch labeled-response cap-notify\r\n",
                c.take());
        assertEquals(IrcSessionState.NEGOTIATING, c.server.state());
        c.send("CAP REQ :multi-prefix server-time\r\n");
        assertEquals("@time=2026-12-05T23:00:00.123Z " + S + "CAP nick ACK :multi-prefix server-time\r\n", c.take());
        c.send("CAP REQ :multi-prefix bogus\r\n");
        assertEquals("@time=2026-12-05T23:00:00.123Z " + S + "CAP nick NAK :multi-prefix bogus\r\n", c.take());
        c.send("CAP REQ :-server-time\r\nCAP LIST\r\n");
        assertEquals(S + "CAP nick ACK -server-time\r\n"
                + S + "CAP nick LIST :multi-prefix cap-notify\r\n", c.take());
        c.send("CAP END\r\n");
        assertTrue(c.take().startsWith(S + "001 nick :Welcome"));
    }

    @Test
    void capLsWithoutVersionAndBadSubcommand() {
        Client c = new Wire(config -> config.withPortal(null)).connect();
        c.send("CAP LS\r\nCAP FOO\r\nCAP\r\n");
        assertEquals(S + "CAP * LS :message-tags server-time echo-message multi-prefix away-notify account-notify extended-join account-tag batch labeled-response cap-notify\r\n"
                + S + "410 * FOO :Invalid CAP command\r\n" + S + "410 * * :Invalid CAP command\r\n", c.take());
    }

    @Test
    void saslPlainLogsInBeforeRegistration() {
        Wire wire = new Wire();
        Wire sasl = new Wire(config -> config.withPortal(wire.portal));
        Client c = sasl.connect();
        c.send("CAP LS 302\r\n");
        assertTrue(c.take().contains(" cap-notify sasl=PLAIN\r\n"));
        c.send("CAP REQ sasl\r\nNICK nick\r\nUSER nick 0 * :R\r\nAUTHENTICATE PLAIN\r\n");
        assertEquals(S + "CAP * ACK sasl\r\n:irc.example.org AUTHENTICATE +\r\n", c.take());
        c.send("AUTHENTICATE " + b64("\0alice\0secret") + "\r\nCAP END\r\n");
        String out = c.take();
        assertTrue(out.startsWith(S + "900 nick nick!~nick@192.168.1.1 alice :You are now logged in as alice\r\n"
                + S + "903 nick :SASL authentication successful\r\n" + S + "001 nick "), out);
        c.send("AUTHENTICATE PLAIN\r\n");
        assertEquals(S + "907 nick :You have already authenticated using SASL\r\n", c.take());
        Client other = sasl.register("bob");
        other.send("WHOIS nick\r\n");
        assertTrue(other.take().contains(S + "330 bob nick alice :is logged in as\r\n"));
    }

    @Test
    void saslFailuresAbortsAndLimits() {
        Wire wire = new Wire();
        Client c = new Wire(config -> config.withPortal(wire.portal)).connect();
        c.send("AUTHENTICATE SCRAM-SHA-256\r\n");
        assertEquals(S + "908 * PLAIN :are available SASL mechanisms\r\n" + S + "904 * :SASL authentication failed\r\n", c.take());
        c.send("AUTHENTICATE PLAIN\r\nAUTHENTICATE *\r\n");
        assertEquals(S + "AUTHENTICATE +\r\n" + S + "906 * :SASL authentication aborted\r\n", c.take());
        c.send("AUTHENTICATE PLAIN\r\nAUTHENTICATE " + b64("\0alice\0wrong") + "\r\n");
        assertEquals(S + "AUTHENTICATE +\r\n" + S + "904 * :SASL authentication failed\r\n", c.take());
        c.send("AUTHENTICATE PLAIN\r\nAUTHENTICATE " + "A".repeat(401) + "\r\n");
        assertEquals(S + "AUTHENTICATE +\r\n" + S + "905 * :SASL message too long\r\n", c.take());
        c.send("AUTHENTICATE PLAIN\r\nAUTHENTICATE !!!\r\n");
        assertEquals(S + "AUTHENTICATE +\r\n" + S + "904 * :SASL authentication failed\r\n", c.take());
        c.send("AUTHENTICATE PLAIN\r\nAUTHENTICATE " + b64("bob\0alice\0secret") + "\r\n");
        assertEquals(S + "AUTHENTICATE +\r\n" + S + "904 * :SASL authentication failed\r\n"
                + "ERROR :Closing Link: 192.168.1.1 (Too many failed logins)\r\n", c.take());
        assertTrue(c.closed());
    }

    @Test
    void saslInChunksOf400() {
        Wire wire = new Wire();
        Client c = new Wire(config -> config.withPortal(wire.portal)).connect();
        // A 400-byte chunk says more follows; "+" ends a response whose length is a multiple of 400.
        String password = "secret";
        String response = b64("\0alice\0" + password);
        c.send("AUTHENTICATE PLAIN\r\n");
        c.take();
        c.send("AUTHENTICATE " + response + "\r\n");
        assertTrue(c.take().contains(" 903 * :SASL authentication successful"));
    }

    @Test
    void authenticateWithoutPortalIsUnknown() {
        Client c = new Wire().connect();
        c.send("AUTHENTICATE PLAIN\r\n");
        assertEquals(S + "421 * AUTHENTICATE :Unknown command\r\n", c.take());
    }

    @Test
    void serverPassword() {
        Wire wire = new Wire(config -> config.withPassword("hunter2".getBytes(StandardCharsets.UTF_8)));
        Client good = wire.connect();
        good.send("PASS hunter2\r\nNICK nick\r\nUSER nick 0 * :R\r\n");
        assertTrue(good.take().startsWith(S + "001 nick"));
        good.send("PASS again\r\n");
        assertEquals(S + "462 nick :You may not reregister\r\n", good.take());
        Client bad = wire.connect();
        bad.send("PASS hunter3\r\nNICK other\r\nUSER other 0 * :R\r\n");
        assertEquals(S + "464 other :Password incorrect\r\nERROR :Closing Link: 192.168.1.1 (Bad Password)\r\n", bad.take());
        assertTrue(bad.closed());
        Client none = wire.connect();
        none.send("NICK third\r\nUSER third 0 * :R\r\n");
        assertTrue(none.take().startsWith(S + "464 third :Password incorrect\r\n"));
    }

    @Test
    void nickErrors() {
        Wire wire = new Wire();
        wire.register("Taken[1]");
        Client c = wire.connect();
        c.send("NICK\r\nNICK 1abc\r\nNICK " + "n".repeat(31) + "\r\nNICK taken{1}\r\nNICK a,b\r\n");
        assertEquals(S + "431 * :No nickname given\r\n" + S + "432 * 1abc :Erroneous nickname\r\n"
                + S + "432 * " + "n".repeat(31) + " :Erroneous nickname\r\n"
                + S + "433 * taken{1} :Nickname is already in use\r\n" + S + "432 * a,b :Erroneous nickname\r\n", c.take());
        c.send("USER x\r\n");
        assertEquals(S + "461 * USER :Not enough parameters\r\n", c.take());
    }

    @Test
    void nickChangeIsSeenBySelfAndPeersAndRemembered() {
        Wire wire = new Wire();
        Client a = wire.register("alice");
        Client b = wire.register("bob");
        a.send("JOIN #c\r\n");
        b.send("JOIN #c\r\n");
        a.take();
        b.take();
        a.send("NICK alicia\r\n");
        assertEquals(":alice!~alice@192.168.1.1 NICK alicia\r\n", a.take());
        assertEquals(":alice!~alice@192.168.1.1 NICK alicia\r\n", b.take());
        b.send("WHOWAS alice\r\n");
        assertEquals(S + "314 bob alice ~alice 192.168.1.1 * :alice Real\r\n"
                + S + "312 bob alice irc.example.org :Sat Dec 05 2026 at 23:00:00 UTC\r\n" + S + "369 bob alice :End of WHOWAS\r\n",
                b.take());
    }

    @Test
    void registrationTimeout() {
        Wire wire = new Wire();
        Client c = wire.connect();
        c.send("NICK slow\r\n");
        wire.clock.advance(Duration.ofSeconds(59));
        assertFalse(c.closed());
        wire.clock.advance(Duration.ofSeconds(1));
        assertEquals("ERROR :Closing Link: 192.168.1.1 (Registration timeout)\r\n", c.take());
        assertTrue(c.closed());
        assertEquals(IrcSessionState.CLOSED, c.server.state());
        // The nick is free again.
        wire.register("slow");
    }

    @Test
    void pingPongAndPingTimeout() {
        Wire wire = new Wire();
        Client c = wire.register("nick");
        c.send("PING :abc\r\nPING\r\n");
        assertEquals(S + "PONG irc.example.org abc\r\n" + S + "409 nick :No origin specified\r\n", c.take());
        wire.clock.advance(Duration.ofSeconds(120));
        assertEquals("PING irc.example.org\r\n", c.take());
        c.send("PONG irc.example.org\r\n");
        wire.clock.advance(Duration.ofSeconds(119));
        assertEquals("", c.take());
        wire.clock.advance(Duration.ofSeconds(1));
        assertEquals("PING irc.example.org\r\n", c.take());
        wire.clock.advance(Duration.ofSeconds(60));
        assertEquals("ERROR :Closing Link: 192.168.1.1 (Ping timeout: 60 seconds)\r\n", c.take());
        assertTrue(c.closed());
    }

    @Test
    void quitTellsPeersAndFreesTheNick() {
        Wire wire = new Wire();
        Client a = wire.register("alice");
        Client b = wire.register("bob");
        a.send("JOIN #c\r\n");
        b.send("JOIN #c\r\n");
        a.take();
        b.take();
        a.send("QUIT :bye now\r\nPRIVMSG #c :after quit\r\n");
        assertEquals("ERROR :Closing Link: 192.168.1.1 (Quit: bye now)\r\n", a.take());
        assertEquals(":alice!~alice@192.168.1.1 QUIT :Quit: bye now\r\n", b.take());
        assertTrue(a.closed());
        b.send("ISON alice bob\r\n");
        assertEquals(S + "303 bob bob\r\n", b.take());
    }

    @Test
    void lostConnectionTellsPeers() {
        Wire wire = new Wire();
        Client a = wire.register("alice");
        Client b = wire.register("bob");
        a.send("JOIN #c\r\n");
        b.send("JOIN #c\r\n");
        b.take();
        a.drop();
        assertEquals(":alice!~alice@192.168.1.1 QUIT :Connection closed\r\n", b.take());
        assertEquals(1, wire.factory.userCount());
    }

    @Test
    void messageTimerThrottlesReadingThenResumes() {
        // RFC 1459 §8.10: 1 s per command, at most 10 s ahead; registration spent 2 s.
        Wire wire = new Wire();
        Client c = wire.register("nick");
        c.send("PING 1\r\n".repeat(14));
        String pong = S + "PONG irc.example.org 1\r\n";
        assertEquals(pong.repeat(9), c.take());
        assertEquals(StringTransport.ProducerState.PAUSED, c.transport.producerState());
        wire.clock.advance(Duration.ofSeconds(1));
        assertEquals(pong, c.take());
        wire.clock.advance(Duration.ofSeconds(3));
        assertEquals(pong.repeat(3), c.take());
        wire.clock.advance(Duration.ofSeconds(10));
        assertEquals(pong, c.take());
        assertEquals(StringTransport.ProducerState.PRODUCING, c.transport.producerState());
    }

    @Test
    void extendedJoinAndAccountTag() {
        Wire wire = new Wire();
        Wire sasl = new Wire(config -> config.withPortal(wire.portal));
        Client bob = sasl.register("bob");
        bob.send("CAP REQ :extended-join account-tag\r\nJOIN #c\r\n");
        bob.take();
        Client alice = sasl.connect();
        alice.send("NICK al\r\nUSER al 0 * :Alice Real\r\nAUTHENTICATE PLAIN\r\nAUTHENTICATE " + b64("\0alice\0secret") + "\r\n");
        alice.take();
        alice.send("JOIN #c\r\nPRIVMSG #c :hi\r\n");
        assertEquals("@account=alice :al!~al@192.168.1.1 JOIN #c alice :Alice Real\r\n"
                + "@account=alice :al!~al@192.168.1.1 PRIVMSG #c hi\r\n", bob.take());
        Client carol = sasl.register("carol");
        carol.send("JOIN #c\r\n");
        assertEquals(":carol!~carol@192.168.1.1 JOIN #c * :carol Real\r\n", bob.take());
        assertTrue(alice.take().startsWith(":al!~al@192.168.1.1 JOIN #c\r\n"));
    }

    @Test
    void everySplitOfASessionGivesTheSameBytes() {
        byte[] stream = ("CAP LS 302\r\nNICK nick\r\nUSER nick 0 * :Real Name\r\nCAP REQ :multi-prefix server-time\r\n"
                + "CAP END\r\n@+x=1 JOIN #c\r\nTOPIC #c :a topic\r\nPRIVMSG #c :hello\r\n").getBytes(StandardCharsets.UTF_8);
        Client whole = new Wire().connect();
        whole.send(stream, false);
        String expected = whole.take();
        assertTrue(expected.contains(" TOPIC #c :a topic\r\n"), expected);
        for (int i = 1; i < stream.length; i++) {
            Client split = new Wire().connect();
            split.send(Arrays.copyOfRange(stream, 0, i), false);
            split.send(Arrays.copyOfRange(stream, i, stream.length), false);
            assertEquals(expected, split.take(), "split at " + i);
        }
    }
}
