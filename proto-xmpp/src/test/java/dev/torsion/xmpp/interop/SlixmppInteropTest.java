package dev.torsion.xmpp.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.netty.testing.Programs;
import dev.torsion.xmpp.support.Scripts;
import dev.torsion.xmpp.support.ServerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * slixmpp (python3-slixmpp) clients against our server over a real socket: STARTTLS with
 * certificate verification, SCRAM-SHA-256 and SCRAM-SHA-1, binding, roster and subscription,
 * presence, messages both ways, ping and disco; the rosters land in their files.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class SlixmppInteropTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    static Path temp;
    static ServerFixture fixture;
    static Path script;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(temp);
        script = Scripts.extract("slixmpp_clients.py", temp);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void twoSlixmppClientsSubscribeAndChat() throws Exception {
        Programs.require(PYTHON);
        String out = Programs.run(List.of(PYTHON, script.toString(), Integer.toString(fixture.port),
                fixture.tls.caFile().toString(), "localhost"));
        String json = out.lines().filter(line -> line.startsWith("{")).findFirst().orElse(out);
        for (String expected : List.of("\"alice_auth\": \"SCRAM-SHA-256\"", "\"bob_auth\": \"SCRAM-SHA-1\"",
                "\"alice_jid\": \"alice@localhost/slix\"", "\"alice_tls\": true", "\"bob_tls\": true",
                "\"alice_sees_bob\": \"both\"", "\"bob_sees_alice\": \"both\"",
                "\"alice_got_presence_of\": \"bob@localhost/slix\"",
                "\"bob_got\": [\"alice@localhost/slix\", \"hello bob \\u00e9 <&>\"]",
                "\"alice_got\": [\"bob@localhost/slix\", \"hello alice\"]", "\"ping\": true",
                "\"http://jabber.org/protocol/disco#info\"", "\"urn:xmpp:ping\"")) {
            assertTrue(json.contains(expected), () -> "missing " + expected + " in " + out);
        }
        String aliceRoster = Files.readString(fixture.rosters.resolve("alice.roster"));
        assertTrue(aliceRoster.contains("item\tbob%40localhost\tboth\t-"), aliceRoster);
    }
}
