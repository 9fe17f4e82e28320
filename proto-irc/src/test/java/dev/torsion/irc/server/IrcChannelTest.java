package dev.torsion.irc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.PushProducer;
import dev.torsion.irc.IrcLimits;
import dev.torsion.irc.support.Wire;
import dev.torsion.irc.support.Wire.Client;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Channels (RFC 2811, RFC 2812 §3.2) between three clients in memory, byte for byte. */
class IrcChannelTest {
    private static final String S = ":irc.example.org ";
    private static final String A = ":alice!~alice@192.168.1.1 ";
    private static final String B = ":bob!~bob@192.168.1.1 ";
    private Wire wire;
    private Client alice;
    private Client bob;
    private Client carol;

    @BeforeEach
    void setUp() {
        wire = new Wire();
        alice = wire.register("alice");
        bob = wire.register("bob");
        carol = wire.register("carol");
    }

    private void bothIn(String channel) {
        alice.send("JOIN " + channel + "\r\n");
        bob.send("JOIN " + channel + "\r\n");
        alice.take();
        bob.take();
    }

    @Test
    void joinCreatesWithOperatorAndShowsNames() {
        alice.send("JOIN #Chan\r\n");
        assertEquals(A + "JOIN #Chan\r\n" + S + "353 alice = #Chan @alice\r\n" + S + "366 alice #Chan :End of /NAMES list\r\n",
                alice.take());
        bob.send("JOIN #chan\r\n");
        assertEquals(B + "JOIN #Chan\r\n", alice.take());
        assertEquals(B + "JOIN #Chan\r\n" + S + "353 bob = #Chan :@alice bob\r\n" + S + "366 bob #Chan :End of /NAMES list\r\n",
                bob.take());
        bob.send("JOIN #CHAN\r\n");
        assertEquals("", bob.take());
    }

    @Test
    void joinErrors() {
        alice.send("JOIN\r\nJOIN chan\r\nJOIN #a,#b,#c,#d,#e\r\nJOIN #a\u0007b\r\n");
        assertEquals(S + "461 alice JOIN :Not enough parameters\r\n" + S + "403 alice chan :No such channel\r\n"
                + S + "407 alice #a,#b,#c,#d,#e :Too many targets\r\n" + S + "403 alice #a\u0007b :No such channel\r\n", alice.take());
    }

    @Test
    void partAndJoinZero() {
        bothIn("#c");
        alice.send("JOIN #d\r\n");
        alice.take();
        bob.send("PART #c :see you\r\nPART #c\r\nPART #nope\r\n");
        assertEquals(B + "PART #c :see you\r\n" + S + "442 bob #c :You're not on that channel\r\n"
                + S + "403 bob #nope :No such channel\r\n", bob.take());
        assertEquals(B + "PART #c :see you\r\n", alice.take());
        alice.send("JOIN 0\r\nLIST\r\n");
        assertEquals(A + "PART #c\r\n" + A + "PART #d\r\n" + S + "321 alice Channel :Users  Name\r\n"
                + S + "323 alice :End of /LIST\r\n", alice.take());
    }

    @Test
    void privmsgAndNoticeToChannelAndUser() {
        bothIn("#c");
        alice.send("PRIVMSG #C :hello there\r\nNOTICE bob :psst\r\nPRIVMSG carol hi\r\n");
        assertEquals(A + "PRIVMSG #c :hello there\r\n" + A + "NOTICE bob psst\r\n", bob.take());
        assertEquals(A + "PRIVMSG carol hi\r\n", carol.take());
        assertEquals("", alice.take());
    }

    @Test
    void messageErrors() {
        alice.send("PRIVMSG\r\nPRIVMSG bob\r\nPRIVMSG bob :\r\nPRIVMSG nobody :x\r\nPRIVMSG #none :x\r\n"
                + "PRIVMSG a,b,c,d,e :x\r\nNOTICE nobody :x\r\nNOTICE\r\n");
        assertEquals(S + "411 alice :No recipient given (PRIVMSG)\r\n" + S + "412 alice :No text to send\r\n"
                + S + "412 alice :No text to send\r\n" + S + "401 alice nobody :No such nick/channel\r\n"
                + S + "401 alice #none :No such nick/channel\r\n" + S + "407 alice a,b,c,d,e :Too many targets\r\n", alice.take());
    }

    @Test
    void noExternalModeratedAndBans() {
        bothIn("#c");
        carol.send("PRIVMSG #c :from outside\r\n");
        assertEquals(S + "404 carol #c :Cannot send to channel\r\n", carol.take());
        alice.send("MODE #c +m\r\n");
        assertEquals(A + "MODE #c +m\r\n", alice.take());
        bob.take();
        bob.send("PRIVMSG #c :muted\r\n");
        assertEquals(S + "404 bob #c :Cannot send to channel\r\n", bob.take());
        alice.send("MODE #c +v bob\r\n");
        alice.take();
        assertEquals(A + "MODE #c +v bob\r\n", bob.take());
        bob.send("PRIVMSG #c :voiced\r\n");
        assertEquals(B + "PRIVMSG #c voiced\r\n", alice.take());
        alice.send("MODE #c -mv+b bob bob\r\n");
        assertEquals(A + "MODE #c -mv+b bob bob!*@*\r\n", alice.take());
        bob.take();
        bob.send("PRIVMSG #c :banned\r\nPART #c\r\nJOIN #c\r\n");
        assertEquals(S + "404 bob #c :Cannot send to channel\r\n" + B + "PART #c\r\n"
                + S + "474 bob #c :Cannot join channel (+b)\r\n", bob.take());
        alice.take();
        alice.send("MODE #c +b\r\nMODE #c -b BOB!*@*\r\n");
        assertEquals(S + "367 alice #c bob!*@* alice!~alice@192.168.1.1 1796511600\r\n" + S + "368 alice #c :End of channel ban list\r\n"
                + A + "MODE #c -b bob!*@*\r\n", alice.take());
    }

    @Test
    void keyLimitAndInviteOnly() {
        alice.send("JOIN #c\r\nMODE #c +kl sesame 1\r\n");
        assertTrue(alice.take().endsWith(A + "MODE #c +kl sesame 1\r\n"));
        bob.send("JOIN #c\r\nJOIN #c wrong\r\nJOIN #c sesame\r\n");
        assertEquals(S + "475 bob #c :Cannot join channel (+k)\r\n" + S + "475 bob #c :Cannot join channel (+k)\r\n"
                + S + "471 bob #c :Cannot join channel (+l)\r\n", bob.take());
        alice.send("MODE #c -lk *\r\nMODE #c +i\r\nMODE #c\r\n");
        assertEquals(A + "MODE #c -lk *\r\n" + A + "MODE #c +i\r\n" + S + "324 alice #c +int\r\n" + S + "329 alice #c 1796511600\r\n",
                alice.take());
        bob.send("JOIN #c\r\n");
        assertEquals(S + "473 bob #c :Cannot join channel (+i)\r\n", bob.take());
        alice.send("INVITE bob #c\r\nINVITE bob #nope\r\nINVITE zed #c\r\n");
        assertEquals(S + "341 alice bob #c\r\n" + S + "403 alice #nope :No such channel\r\n" + S + "401 alice zed :No such nick/channel\r\n",
                alice.take());
        assertEquals(A + "INVITE bob #c\r\n", bob.take());
        bob.send("JOIN #c\r\nINVITE alice #c\r\n");
        assertTrue(bob.take().endsWith(S + "443 bob alice #c :is already on channel\r\n"));
        bob.send("INVITE carol #c\r\n");
        assertEquals(S + "482 bob #c :You're not channel operator\r\n", bob.take());
    }

    @Test
    void modeErrorsAndLimits() {
        bothIn("#c");
        bob.send("MODE #c +t\r\nMODE #none +t\r\n");
        assertEquals(S + "482 bob #c :You're not channel operator\r\n" + S + "403 bob #none :No such channel\r\n", bob.take());
        alice.send("MODE #c +xo carol\r\nMODE #c +o zed\r\nMODE #c +vvvvv bob bob bob bob bob\r\n");
        assertEquals(S + "472 alice x :is unknown mode char to me\r\n" + S + "441 alice carol #c :They aren't on that channel\r\n"
                + S + "401 alice zed :No such nick/channel\r\n" + A + "MODE #c +v bob\r\n", alice.take());
        alice.send("MODE #c +o bob\r\n");
        alice.take();
        bob.take();
        bob.send("NAMES #c\r\n");
        assertEquals(S + "353 bob = #c :@alice @bob\r\n" + S + "366 bob #c :End of /NAMES list\r\n", bob.take());
        bob.send("CAP REQ multi-prefix\r\nNAMES #c\r\n");
        assertEquals(S + "CAP bob ACK multi-prefix\r\n" + S + "353 bob = #c :@alice @+bob\r\n" + S + "366 bob #c :End of /NAMES list\r\n",
                bob.take());
    }

    @Test
    void kick() {
        bothIn("#c");
        bob.send("KICK #c alice\r\n");
        assertEquals(S + "482 bob #c :You're not channel operator\r\n", bob.take());
        alice.send("KICK #c carol\r\nKICK #c bob :behave\r\nKICK #c\r\n");
        assertEquals(S + "441 alice carol #c :They aren't on that channel\r\n" + A + "KICK #c bob behave\r\n"
                + S + "461 alice KICK :Not enough parameters\r\n", alice.take());
        assertEquals(A + "KICK #c bob behave\r\n", bob.take());
        bob.send("PRIVMSG #c :still here?\r\n");
        assertEquals(S + "404 bob #c :Cannot send to channel\r\n", bob.take());
    }

    @Test
    void topic() {
        bothIn("#c");
        bob.send("TOPIC #c\r\nTOPIC #c :new topic\r\n");
        assertEquals(S + "331 bob #c :No topic is set\r\n" + S + "482 bob #c :You're not channel operator\r\n", bob.take());
        alice.send("TOPIC #c :new topic\r\n");
        assertEquals(A + "TOPIC #c :new topic\r\n", alice.take());
        assertEquals(A + "TOPIC #c :new topic\r\n", bob.take());
        carol.send("TOPIC #c\r\nJOIN #c\r\nLIST\r\n");
        assertEquals(S + "332 carol #c :new topic\r\n" + S + "333 carol #c alice!~alice@192.168.1.1 1796511600\r\n"
                + ":carol!~carol@192.168.1.1 JOIN #c\r\n"
                + S + "332 carol #c :new topic\r\n" + S + "333 carol #c alice!~alice@192.168.1.1 1796511600\r\n"
                + S + "353 carol = #c :@alice bob carol\r\n" + S + "366 carol #c :End of /NAMES list\r\n"
                + S + "321 carol Channel :Users  Name\r\n" + S + "322 carol #c 3 :new topic\r\n" + S + "323 carol :End of /LIST\r\n",
                carol.take());
        alice.send("MODE #c -t\r\n");
        bob.send("TOPIC #c :\r\n");
        assertEquals(B + "TOPIC #c :\r\n", carol.take().substring((A + "MODE #c -t\r\n").length()));
    }

    @Test
    void secretChannelsAreHidden() {
        alice.send("JOIN #s\r\nMODE #s +s\r\n");
        alice.take();
        bob.send("LIST\r\nNAMES #s\r\nTOPIC #s\r\nWHOIS alice\r\n");
        String out = bob.take();
        assertTrue(out.startsWith(S + "321 bob Channel :Users  Name\r\n" + S + "323 bob :End of /LIST\r\n"
                + S + "366 bob #s :End of /NAMES list\r\n" + S + "442 bob #s :You're not on that channel\r\n"), out);
        assertTrue(!out.contains(" 319 "), out);
    }

    @Test
    void echoMessageAndTags() {
        bothIn("#c");
        alice.send("CAP REQ :echo-message message-tags\r\n");
        bob.send("CAP REQ :message-tags server-time\r\n");
        alice.take();
        bob.take();
        alice.send("@+draft/reply=abc;label=x PRIVMSG #c :tagged\r\n");
        assertEquals("@+draft/reply=abc " + A + "PRIVMSG #c tagged\r\n", alice.take());
        assertEquals("@+draft/reply=abc;time=2026-12-05T23:00:00.123Z " + A + "PRIVMSG #c tagged\r\n", bob.take());
        carol.send("JOIN #c\r\n");
        alice.take();
        bob.take();
        alice.send("@+x=1 PRIVMSG #c :plain for carol\r\n");
        carol.take();
        alice.send("@+x=1 PRIVMSG carol :direct\r\n");
        assertEquals(A + "PRIVMSG carol direct\r\n", carol.take());
    }

    @Test
    void awayAndAwayNotify() {
        bothIn("#c");
        bob.send("CAP REQ away-notify\r\n");
        bob.take();
        alice.send("AWAY :lunch\r\n");
        assertEquals(S + "306 alice :You have been marked as being away\r\n", alice.take());
        assertEquals(A + "AWAY lunch\r\n", bob.take());
        carol.send("PRIVMSG alice :hi\r\nWHOIS alice\r\n");
        String whois = carol.take();
        assertTrue(whois.startsWith(S + "301 carol alice lunch\r\n" + S + "311 carol alice ~alice 192.168.1.1 * :alice Real\r\n"
                + S + "319 carol alice @#c\r\n" + S + "312 carol alice irc.example.org Torsion\r\n" + S + "301 carol alice lunch\r\n"
                + S + "317 carol alice 0 1796511600 :seconds idle, signon time\r\n"), whois);
        bob.send("WHO #c\r\n");
        assertEquals(S + "352 bob #c ~alice 192.168.1.1 irc.example.org alice G@ :0 alice Real\r\n"
                + S + "352 bob #c ~bob 192.168.1.1 irc.example.org bob H :0 bob Real\r\n" + S + "315 bob #c :End of WHO list\r\n",
                bob.take());
        alice.take();
        alice.send("AWAY\r\n");
        assertEquals(S + "305 alice :You are no longer marked as being away\r\n", alice.take());
        assertEquals(A + "AWAY\r\n", bob.take());
    }

    @Test
    void queries() {
        carol.send("MODE carol +i\r\nMODE carol\r\nMODE bob +i\r\nMODE carol +z\r\n");
        assertEquals(":carol!~carol@192.168.1.1 MODE carol +i\r\n" + S + "221 carol +i\r\n"
                + S + "502 carol :Can't change mode for other users\r\n" + S + "501 carol :Unknown MODE flag\r\n", carol.take());
        alice.send("WHO carol\r\nWHO b*\r\nISON :bob zed CAROL\r\nLUSERS\r\nWHOIS zed\r\nWHOWAS zed\r\n");
        assertEquals(S + "315 alice carol :End of WHO list\r\n"
                + S + "352 alice * ~bob 192.168.1.1 irc.example.org bob H :0 bob Real\r\n" + S + "315 alice b* :End of WHO list\r\n"
                + S + "303 alice :bob carol\r\n"
                + S + "251 alice :There are 2 users and 1 invisible on 1 servers\r\n" + S + "254 alice 0 :channels formed\r\n"
                + S + "255 alice :I have 3 clients and 0 servers\r\n" + S + "265 alice 3 3 :Current local users 3, max 3\r\n"
                + S + "266 alice 3 3 :Current global users 3, max 3\r\n"
                + S + "401 alice zed :No such nick/channel\r\n" + S + "318 alice zed :End of /WHOIS list\r\n"
                + S + "406 alice zed :There was no such nickname\r\n" + S + "369 alice zed :End of WHOWAS\r\n", alice.take());
    }

    @Test
    void channelsPerUserLimit() {
        Wire small = new Wire(c -> c.withLimits(IrcLimits.DEFAULTS.withChannelsPerUser(2)));
        Client c = small.register("nick");
        c.send("JOIN #a,#b,#c\r\n");
        assertTrue(c.take().endsWith(S + "405 nick #c :You have joined too many channels\r\n"));
    }

    @Test
    void userhostVersionAndTime() {
        bob.send("AWAY :gone\r\n");
        alice.send("USERHOST bob alice zed\r\nTIME\r\nVERSION\r\n");
        String out = alice.take();
        assertTrue(out.startsWith(S + "302 alice :bob=-~bob@192.168.1.1 alice=+~alice@192.168.1.1\r\n"
                + S + "391 alice irc.example.org :Sat Dec 05 2026 at 23:00:00 UTC\r\n"
                + S + "351 alice torsion-0.1. irc.example.org :Torsion IRC server\r\n" + S + "005 alice AWAYLEN=200 "), out);
    }

    @Test
    void aClientThatReadsTooSlowlyIsCutAtItsSendQueue() {
        Wire tight = new Wire(c -> c.withLimits(IrcLimits.DEFAULTS.withSendQueue(9000).withFlood(Duration.ZERO, Duration.ofSeconds(10))));
        Client slow = tight.register("slow");
        Client talker = tight.register("talker");
        Client other = tight.register("other");
        for (Client c : new Client[] {slow, talker, other}) {
            c.send("JOIN #busy\r\n");
        }
        slow.take();
        other.take();
        // The transport says the client's unsent output passed its high-water mark.
        ((PushProducer) slow.transport.producer()).pauseProducing();
        String text = "x".repeat(400);
        // Each relayed line is 445 bytes: 20 fit in 9000, the 21st does not.
        for (int i = 0; i < 20; i++) {
            talker.send("PRIVMSG #busy :" + text + "\r\n");
        }
        assertTrue(!slow.transport.isAborted());
        talker.send("PRIVMSG #busy :" + text + "\r\n");
        assertTrue(slow.transport.isAborted());
        assertTrue(other.take().contains(":slow!~slow@192.168.1.1 QUIT :Max SendQ exceeded\r\n"));
        // Draining resets the count.
        ((PushProducer) other.transport.producer()).pauseProducing();
        ((PushProducer) other.transport.producer()).resumeProducing();
        talker.send(("PRIVMSG #busy :" + text + "\r\n").repeat(5));
        assertTrue(!other.transport.isAborted());
    }
}
