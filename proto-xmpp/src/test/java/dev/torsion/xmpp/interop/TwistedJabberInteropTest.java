package dev.torsion.xmpp.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.netty.testing.Programs;
import dev.torsion.xmpp.support.Scripts;
import dev.torsion.xmpp.support.ServerFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python Twisted's jabber client (twisted.words, python3-twisted) against our server over a real
 * socket: two clients take STARTTLS with certificate verification, log in with SASL PLAIN (Twisted
 * has no SCRAM), bind, send presence and exchange a message each way.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class TwistedJabberInteropTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    static Path temp;
    static ServerFixture fixture;
    static Path script;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(temp);
        script = Scripts.extract("twisted_clients.py", temp);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void twoTwistedClientsChat() throws Exception {
        Programs.require(PYTHON);
        String out = Programs.run(List.of(PYTHON, script.toString(), Integer.toString(fixture.port),
                fixture.tls.caFile().toString(), "localhost"));
        String json = out.lines().filter(line -> line.startsWith("{")).findFirst().orElse(out);
        for (String expected : List.of("\"ok\": true", "\"alice_jid\": \"alice@localhost/twisted\"",
                "\"bob_got\": [\"alice@localhost/twisted\", \"hello twisted bob \\u00e9 <&>\"]",
                "\"alice_got\": [\"bob@localhost/twisted\", \"hello twisted alice\"]")) {
            assertTrue(json.contains(expected), () -> "missing " + expected + " in " + out);
        }
    }
}
