package dev.torsion.mail.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.mail.maildir.Maildir;
import dev.torsion.smtp.SmtpRejection;
import dev.torsion.smtp.codec.Mailbox;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AliasesAndRouterTest {
    @TempDir
    Path temp;

    private static Aliases parse(String text) throws IOException {
        return Aliases.parse(new StringReader(text), "aliases");
    }

    @Test
    void readsTheEtcAliasesFormat() throws Exception {
        Aliases aliases = parse("# comment\n\nPostmaster: root\nroot: root, alice\nstaff: alice,\n  bob@example.net,\n\tcarol\n\"quoted\": alice\n");
        assertEquals(Set.of("root", "alice"), aliases.expand("postmaster"));
        assertEquals(Set.of("alice", "bob@example.net", "carol"), aliases.expand("STAFF"));
        assertEquals(Set.of("alice"), aliases.expand("quoted"));
        assertEquals(Set.of("dave"), aliases.expand("dave"));
    }

    @Test
    void refusesPipesFilesIncludesLoopsAndJunk() {
        assertThrows(IOException.class, () -> parse("a: |/bin/sh -c evil\n"));
        assertThrows(IOException.class, () -> parse("a: /etc/passwd\n"));
        assertThrows(IOException.class, () -> parse("a: :include:/etc/list\n"));
        assertThrows(IOException.class, () -> parse(" continuation first\n"));
        assertThrows(IOException.class, () -> parse("no colon here\n"));
        assertThrows(IOException.class, () -> parse("a: b\na: c\n"));
        assertThrows(IOException.class, () -> parse("a:\n"));
        IOException loop = assertThrows(IOException.class, () -> parse("a: b\nb: c\nc: a\n").expand("a"));
        assertTrue(loop.getMessage().contains("loop"));
    }

    @Test
    void routesUsersAliasesAndCatchAll() throws Exception {
        Path org = temp.resolve("example.org");
        Path net = temp.resolve("example.net");
        Files.createDirectories(org.resolve("carol"));
        Router router = new Router(List.of(
                new MailDomain("Example.ORG", org, Set.of("alice", "Bob"), null),
                new MailDomain("example.net", net, Set.of(), "postmaster")),
                parse("staff: alice, bob, dave@example.net\nwebmaster: root@example.org\n"));
        assertEquals(Set.of(new Maildir(org.resolve("alice")).root()), roots(router.resolve(new Mailbox("ALICE", "example.org"))));
        assertEquals(Set.of(org.resolve("carol")), roots(router.resolve(new Mailbox("carol", "EXAMPLE.org"))));
        assertEquals(Set.of(org.resolve("alice"), org.resolve("bob"), net.resolve("postmaster")),
                roots(router.resolve(new Mailbox("staff", "example.org"))));
        assertEquals(Set.of(net.resolve("postmaster")), roots(router.resolve(new Mailbox("anyone", "example.net"))));
        assertEquals(550, assertThrows(SmtpRejection.class, () -> router.resolve(new Mailbox("nobody", "example.org"))).reply().code());
        assertEquals(550, assertThrows(SmtpRejection.class, () -> router.resolve(new Mailbox("webmaster", "example.org"))).reply().code());
        assertEquals(554, assertThrows(SmtpRejection.class, () -> router.resolve(new Mailbox("x", "elsewhere.example"))).reply().code());
        assertEquals(550, assertThrows(SmtpRejection.class, () -> router.resolve(new Mailbox(".hidden", "example.org"))).reply().code());
        assertEquals(550, assertThrows(SmtpRejection.class, () -> router.resolve(new Mailbox("\"../etc\"", "example.org"))).reply().code());
        assertTrue(router.isLocal("EXAMPLE.NET"));
    }

    @Test
    void unsafeUserNamesAreRefusedUpFront() {
        assertThrows(IllegalArgumentException.class, () -> new MailDomain("example.org", temp, Set.of("../root"), null));
        assertThrows(IllegalArgumentException.class, () -> new MailDomain("example.org", temp, Set.of(), "a/b"));
    }

    private static Set<Path> roots(Set<Maildir> maildirs) {
        return Set.copyOf(maildirs.stream().map(Maildir::root).toList());
    }
}
