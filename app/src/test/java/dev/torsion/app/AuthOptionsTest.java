package dev.torsion.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AuthOptionsTest {
    private static AuthOptions parse(String... args) {
        AuthCheckPlugin.Options options = new AuthCheckPlugin.Options();
        new CommandLine(options).parseArgs(args);
        return options.auth;
    }

    @Test
    void eachAuthBecomesAChecker() {
        AuthOptions auth = parse("--auth", "memory:alice:secret", "--auth", "anonymous");
        assertEquals(List.of("memory:alice:secret", "anonymous"), auth.descriptions());
        assertEquals(2, auth.checkers().size());
    }

    @Test
    void noAuthIsNoChecker() {
        assertTrue(parse().checkers().isEmpty());
    }

    @Test
    void aBadDescriptionNamesItsKindButNeverItsArgument() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> parse("--auth", "ldap:cn=admin:hunter2").checkers());
        assertTrue(unknown.getMessage().startsWith("--auth ldap: unknown checker kind"), unknown.getMessage());
        assertFalse(unknown.getMessage().contains("hunter2"), unknown.getMessage());
    }

    @Test
    void helpAuthListsTheKindsThroughTheRunner() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Torsion.run(new String[] {"authcheck", "--help-auth"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Torsion.OK, status, err.toString(StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Kinds of credentials checker for --auth:"), text);
        for (String kind : List.of("anonymous", "file:", "memory:", "sshkey", "unix")) {
            assertTrue(text.contains("\n  " + kind), kind + " missing from\n" + text);
        }
    }
}
