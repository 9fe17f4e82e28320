package dev.torsion.irc.interop;

import dev.torsion.netty.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Our client against ngIRCd ({@code ngircd -n -f CONF}, private config, loopback). */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class NgircdInteropTest extends RealServerClientTests {
    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("ngircd");
        port = FreePorts.tcp();
        Path conf = dir.resolve("ngircd.conf");
        Files.writeString(conf, String.join("\n", "[Global]", "Name = irc.ngircd.test", "Info = ngircd for torsion",
                "AdminInfo1 = torsion", "AdminInfo2 = tests", "AdminEMail = root@localhost", "Listen = 127.0.0.1",
                "Ports = " + port, "MotdPhrase = \"Hello from ngircd\"", "[Limits]", "PingTimeout = 120", "PongTimeout = 20",
                "[Options]", "DNS = no", "Ident = no", "PAM = no", ""));
        startServer(List.of("/usr/sbin/ngircd", "-n", "-f", conf.toString()), "Now listening on");
    }

    @Override
    String serverName() {
        return "irc.ngircd.test";
    }
}
