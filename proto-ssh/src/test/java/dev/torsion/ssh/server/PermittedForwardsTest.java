package dev.torsion.ssh.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.ssh.AuthorizedKeyOptions;
import dev.torsion.cred.ssh.AuthorizedKeys;
import dev.torsion.cred.ssh.AuthorizedKeysParser;
import dev.torsion.ssh.support.MemorySsh;
import java.util.List;
import org.junit.jupiter.api.Test;

/** sshd(8)'s permitopen and permitlisten, read from authorized_keys lines by cred's parser. */
class PermittedForwardsTest {
    private static PermittedForwards permitted(String options) {
        String line = (options.isEmpty() ? "" : options + " ") + MemorySsh.ALICE_KEY.publicKeyLine() + " alice";
        AuthorizedKeys keys = new AuthorizedKeysParser().parse(List.of(line));
        assertEquals(List.of(), keys.problems());
        AuthorizedKeyOptions parsed = keys.keys().get(0).options();
        return PermittedForwards.of(parsed);
    }

    @Test
    void withoutOptionsEverythingIsPermitted() {
        PermittedForwards any = permitted("");
        assertTrue(any.allowsOpen("example.org", 443));
        assertTrue(any.allowsListen("localhost", 0));
    }

    @Test
    void permitOpenNamesLiteralHostsAndPorts() {
        PermittedForwards some = permitted("permitopen=\"db.internal:5432\",permitopen=\"127.0.0.1:*\","
                + "permitopen=\"[::1]:8080\"");
        assertTrue(some.allowsOpen("db.internal", 5432));
        assertTrue(some.allowsOpen("DB.Internal", 5432));
        assertFalse(some.allowsOpen("db.internal", 5433));
        assertFalse(some.allowsOpen("db.internal.evil", 5432));
        assertTrue(some.allowsOpen("127.0.0.1", 22));
        assertTrue(some.allowsOpen("::1", 8080));
        assertFalse(some.allowsOpen("localhost", 22), "no name lookups: localhost is not 127.0.0.1");
    }

    @Test
    void permitListenWithOptionalHostPatterns() {
        PermittedForwards some = permitted("permitlisten=\"8080\",permitlisten=\"local*:9000\"");
        assertTrue(some.allowsListen("", 8080));
        assertTrue(some.allowsListen("127.0.0.1", 8080));
        assertTrue(some.allowsListen("localhost", 9000));
        assertFalse(some.allowsListen("127.0.0.1", 9000));
        assertFalse(some.allowsListen("localhost", 9001));
        assertFalse(some.allowsListen("localhost", 0), "a port the server picks needs permitlisten=\"*\"");
        assertTrue(permitted("permitlisten=\"localhost:*\"").allowsListen("localhost", 0));
    }
}
