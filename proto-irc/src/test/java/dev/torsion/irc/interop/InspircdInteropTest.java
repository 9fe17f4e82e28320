package dev.torsion.irc.interop;

import dev.torsion.netty.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Our client against InspIRCd 3 ({@code inspircd --runasroot --nofork --config CONF}, private
 * config with the cap, ircv3, server-time and namesx modules, loopback).
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class InspircdInteropTest extends RealServerClientTests {
    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("inspircd");
        port = FreePorts.tcp();
        Files.writeString(dir.resolve("motd.txt"), "Hello from InspIRCd\n");
        Path conf = dir.resolve("inspircd.conf");
        Files.writeString(conf, String.join("\n",
                "<server name=\"irc.inspircd.test\" description=\"InspIRCd for torsion\" network=\"InspTest\">",
                "<admin name=\"Torsion\" nick=\"torsion\" email=\"root@localhost\">",
                "<bind address=\"127.0.0.1\" port=\"" + port + "\" type=\"clients\">",
                "<connect name=\"main\" allow=\"*\" timeout=\"60\" pingfreq=\"120\" sendq=\"262144\" recvq=\"8192\""
                        + " threshold=\"100\" commandrate=\"10000\" fakelag=\"no\" localmax=\"100\" globalmax=\"100\""
                        + " maxchans=\"20\" resolvehostnames=\"no\" useident=\"no\">",
                "<pid file=\"" + dir.resolve("inspircd.pid") + "\">",
                "<log method=\"file\" type=\"* -USERINPUT -USEROUTPUT\" level=\"default\" target=\"" + dir.resolve("ircd.log") + "\">",
                "<files motd=\"" + dir.resolve("motd.txt") + "\">",
                "<dns timeout=\"1\">",
                "<options prefixquit=\"Quit: \">",
                "<module name=\"cap\">", "<module name=\"ircv3\">", "<module name=\"ircv3_servertime\">", "<module name=\"namesx\">",
                ""));
        startServer(List.of("/usr/sbin/inspircd", "--runasroot", "--nofork", "--config", conf.toString()), "InspIRCd is now running");
    }

    @Override
    String serverName() {
        return "irc.inspircd.test";
    }
}
