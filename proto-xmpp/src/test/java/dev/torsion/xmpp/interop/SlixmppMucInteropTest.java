package dev.torsion.xmpp.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.netty.testing.Programs;
import dev.torsion.xmpp.muc.MucLimits;
import dev.torsion.xmpp.muc.MucService;
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
 * slixmpp's XEP-0045 plugin (python3-slixmpp) in a room of our server's chat service over real
 * sockets and STARTTLS: creating a room (owner, status 110 and 201), the subject, groupchat and its
 * reflection, history for a late joiner, a nickname conflict, a private message, disco of the
 * service and the room, and leaving.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class SlixmppMucInteropTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    static Path temp;
    static ServerFixture fixture;
    static MucService muc;
    static Path script;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(temp);
        muc = fixture.live.call(() -> MucService.attach(fixture.server, "conference.localhost", MucLimits.DEFAULTS));
        script = Scripts.extract("slixmpp_muc.py", temp);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void slixmppClientsChatInARoom() throws Exception {
        Programs.require(PYTHON);
        String out = Programs.run(List.of(PYTHON, script.toString(), Integer.toString(fixture.port),
                fixture.tls.caFile().toString(), "localhost", "conference.localhost"));
        String json = out.lines().filter(line -> line.startsWith("{")).findFirst().orElse(out);
        String room = "lounge@conference.localhost";
        for (String expected : List.of("\"alice_status\": [110, 201]", "\"alice_role\": [\"owner\", \"moderator\"]",
                "\"subject_echo\": [\"" + room + "/Alice\", \"Torsion talk\"]",
                "\"alice_reflected\": [\"" + room + "/Alice\", \"first \\u00e9 <&>\"]",
                "\"bob_role\": [\"none\", \"participant\"]", "\"bob_subject\": \"Torsion talk\"",
                "\"" + room + "/Alice\"", "\"bob_history\": [[\"" + room + "/Alice\", \"first \\u00e9 <&>\"]]",
                "\"bob_roster\": [\"Alice\", \"Bob\"]", "\"carol_conflict\": \"conflict\"",
                "\"alice_got\": [\"" + room + "/Bob\", \"hello from bob\"]",
                "\"alice_private\": [\"" + room + "/Bob\", \"psst\"]",
                "\"service_items\": [\"" + room + "\"]", "\"room_identity\": [[\"conference\", \"text\"]]",
                "\"alice_saw_leave\": \"" + room + "/Bob\"")) {
            assertTrue(json.contains(expected), () -> "missing " + expected + " in " + out);
        }
        // Everyone left: the temporary room is gone.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!fixture.live.call(() -> muc.rooms()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(fixture.live.call(() -> muc.rooms()).isEmpty(), "the room outlived its occupants");
    }
}
