package dev.torsion.irc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.irc.support.Wire;
import dev.torsion.irc.support.Wire.Client;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and malformed IRC input with the exact replies each earns and whether the connection
 * ends; every case replayed whole and byte by byte.
 */
class IrcHostileCorpusTest {
    private static final String S = ":irc.example.org ";
    private static final String UNREG = S + "451 * :You have not registered\r\n";

    record Case(String name, boolean registered, String input, String replies, boolean closed, Charset charset) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case pre(String name, String input, String replies, boolean closed) {
        return new Case(name, false, input, replies, closed, StandardCharsets.UTF_8);
    }

    private static Case reg(String name, String input, String replies, boolean closed) {
        return new Case(name, true, input, replies, closed, StandardCharsets.UTF_8);
    }

    static Stream<Case> corpus() {
        String tagFlood = "@" + "t=1;".repeat(1000) + " PING x\r\n";
        return Stream.of(
                pre("line without CRLF waits", "NICK a", "", false),
                pre("100 KB line, then a good one", "x".repeat(100_000) + "\r\nPING :after\r\n",
                        S + "417 * :Input line was too long\r\n" + S + "PONG irc.example.org after\r\n", false),
                pre("100 KB without any line end", "y".repeat(100_000), S + "417 * :Input line was too long\r\n", false),
                pre("message of 511 bytes", "PING :" + "z".repeat(505) + "\r\n", S + "417 * :Input line was too long\r\n", false),
                pre("message of 510 bytes passes, its longer echo cut to 512", "PING " + "z".repeat(505) + "\r\n",
                        S + "PONG irc.example.org " + "z".repeat(472) + "\r\n", false),
                pre("tag section over 8191 bytes", "@a=" + "v".repeat(8188) + " PING x\r\n", S + "417 * :Input line was too long\r\n", false),
                pre("client tag data of 4094 bytes passes", "@a=" + "v".repeat(4092) + " PING x\r\n", S + "PONG irc.example.org x\r\n", false),
                pre("client tag data of 4095 bytes", "@a=" + "v".repeat(4093) + " PING x\r\n", S + "417 * :Input line was too long\r\n", false),
                pre("tag flood of 1000 tags within the limit", tagFlood, S + "PONG irc.example.org x\r\n", false),
                pre("tag flood over the limit", "@" + "t=1;".repeat(2100) + " PING x\r\n", S + "417 * :Input line was too long\r\n", false),
                pre("invalid tag key", "@a_b=1 PING x\r\n", S + "400 * * :Invalid message tags\r\n", false),
                pre("empty tag section", "@ PING x\r\n", S + "400 * * :Invalid message tags\r\n", false),
                pre("NUL byte", "PING a\0b\r\n", S + "400 * * :Line contains a NUL byte\r\n", false),
                pre("NUL in a nickname", "NICK a\0\r\n", S + "400 * * :Line contains a NUL byte\r\n", false),
                pre("bare CR", "PING a\rb\r\n", S + "400 * * :Line contains a bare CR\r\n", false),
                pre("source and no command", ":evil.example\r\n", S + "400 * * :No command\r\n", false),
                pre("tags and no command", "@a=1\r\n", S + "400 * * :No command\r\n", false),
                pre("command of symbols", "PR!VMSG x\r\n", S + "421 * PR!VMSG :Unknown command\r\n", false),
                pre("four-digit numeric", "1234 x\r\n", S + "421 * 1234 :Unknown command\r\n", false),
                pre("unknown command", "FOO bar\r\n", S + "421 * FOO :Unknown command\r\n", false),
                pre("empty lines are ignored", "\r\n\n\r\n", "", false),
                pre("JOIN unregistered", "JOIN #c\r\n", UNREG, false),
                pre("PRIVMSG unregistered", "PRIVMSG #c :spam\r\n", UNREG, false),
                pre("NOTICE, MODE, WHOIS, LIST unregistered", "NOTICE x :y\r\nMODE x\r\nWHOIS x\r\nLIST\r\n", UNREG.repeat(4), false),
                pre("NAMES, TOPIC, KICK, INVITE, WHO unregistered", "NAMES\r\nTOPIC #c\r\nKICK #c x\r\nINVITE x #c\r\nWHO x\r\n",
                        UNREG.repeat(5), false),
                pre("AWAY, ISON, LUSERS, MOTD, WHOWAS unregistered", "AWAY\r\nISON x\r\nLUSERS\r\nMOTD\r\nWHOWAS x\r\n",
                        UNREG.repeat(5), false),
                pre("control character in a nickname", "NICK a\u0001b\r\n", S + "432 * a\u0001b :Erroneous nickname\r\n", false),
                new Case("invalid UTF-8 read as Latin-1", false, "PING caf\u00e9\r\n", S + "PONG irc.example.org caf\u00e9\r\n", false,
                        StandardCharsets.ISO_8859_1),
                pre("QUIT ends the packet", "QUIT :bye\r\nPING x\r\n", "ERROR :Closing Link: 192.168.1.1 (Quit: bye)\r\n", true),
                pre("excess flood", "PING f\r\n".repeat(12_000),
                        (S + "PONG irc.example.org f\r\n").repeat(11) + "ERROR :Closing Link: 192.168.1.1 (Excess Flood)\r\n", true),
                reg("CR LF smuggled in a tag comes back escaped", "CAP REQ :echo-message message-tags\r\n"
                        + "@+x=a\\r\\nQUIT\\s:pwn PRIVMSG me :hi\r\n",
                        S + "CAP me ACK :echo-message message-tags\r\n@+x=a\\r\\nQUIT\\s:pwn :me!~me@192.168.1.1 PRIVMSG me hi\r\n", false),
                reg("too many PRIVMSG targets", "PRIVMSG a,b,c,d,e :x\r\n", S + "407 me a,b,c,d,e :Too many targets\r\n", false),
                reg("too many JOIN targets", "JOIN #a,#b,#c,#d,#e\r\n", S + "407 me #a,#b,#c,#d,#e :Too many targets\r\n", false),
                reg("mode flood is cut to MODES", "JOIN #c\r\nMODE #c +bbbbbb a b c d e f\r\n",
                        ":me!~me@192.168.1.1 JOIN #c\r\n" + S + "353 me = #c @me\r\n" + S + "366 me #c :End of /NAMES list\r\n"
                                + ":me!~me@192.168.1.1 MODE #c +bbbb a!*@* b!*@* c!*@* d!*@*\r\n", false),
                reg("USER again", "USER a 0 * :b\r\n", S + "462 me :You may not reregister\r\n", false),
                reg("channel name over CHANNELLEN", "JOIN #" + "c".repeat(50) + "\r\n",
                        S + "403 me #" + "c".repeat(50) + " :No such channel\r\n", false),
                reg("fifteen parameters and more", "PRIVMSG me 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\r\n",
                        ":me!~me@192.168.1.1 PRIVMSG me 2\r\n", false),
                reg("CTCP and colons relayed verbatim", "PRIVMSG me :\u0001ACTION ::)\u0001\r\n",
                        ":me!~me@192.168.1.1 PRIVMSG me :\u0001ACTION ::)\u0001\r\n", false));
    }

    @ParameterizedTest(name = "{0} (whole)")
    @MethodSource("corpus")
    void whole(Case c) {
        replay(c, false);
    }

    @ParameterizedTest(name = "{0} (byte by byte)")
    @MethodSource("corpus")
    void byteByByte(Case c) {
        replay(c, true);
    }

    private static void replay(Case c, boolean byteByByte) {
        Wire wire = new Wire();
        Client client = c.registered() ? wire.register("me") : wire.connect();
        client.send(c.input().getBytes(c.charset()), byteByByte);
        assertEquals(c.replies(), client.take(), c.name());
        assertEquals(c.closed(), client.closed(), c.name() + ": closed");
    }
}
