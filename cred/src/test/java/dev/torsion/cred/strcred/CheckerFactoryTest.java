package dev.torsion.cred.strcred;

import static dev.torsion.cred.DeferredResults.failureResultOf;
import static dev.torsion.cred.DeferredResults.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.CheckerConfigurationException;
import dev.torsion.cred.UnauthorizedLogin;
import dev.torsion.cred.checkers.AllowAnonymousAccess;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.cred.checkers.FilePasswordDatabase;
import dev.torsion.cred.checkers.SshPublicKeyChecker;
import dev.torsion.cred.checkers.UnixAccountChecker;
import dev.torsion.cred.credentials.Anonymous;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.cred.files.MalformedFileException;
import dev.torsion.cred.unix.UnixAccountFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckerFactoryTest {
    @TempDir
    Path dir;

    private static AvatarId login(CredentialsChecker checker, String user, String password) {
        return successResultOf(checker.requestAvatarId(new UsernamePassword(user, password.toCharArray())));
    }

    @Test
    void everyBuiltInKindIsFound() {
        assertEquals(List.of("anonymous", "file", "memory", "sshkey", "unix"),
                CheckerFactory.available().stream().map(CheckerFactory::authType).collect(Collectors.toList()));
        for (CheckerFactory factory : CheckerFactory.available()) {
            assertFalse(factory.help().isEmpty());
            assertFalse(factory.credentialTypes().isEmpty());
        }
    }

    @Test
    void memoryWithSeveralUsers() {
        CredentialsChecker checker = CheckerFactory.fromString("memory:alice:secret:bob:pw");
        assertEquals(AvatarId.of("alice"), login(checker, "alice", "secret"));
        assertEquals(AvatarId.of("bob"), login(checker, "bob", "pw"));
        failureResultOf(checker.requestAvatarId(new UsernamePassword("alice", "pw".toCharArray())), UnauthorizedLogin.class);
        assertEquals(AvatarId.of("e"), login(CheckerFactory.fromString("memory:e:"), "e", ""), "empty password allowed");
    }

    @Test
    void memoryErrorsNeverRepeatPasswords() {
        CheckerConfigurationException e = assertThrows(CheckerConfigurationException.class,
                () -> CheckerFactory.fromString("memory:alice:hunter2:bob"));
        assertEquals("memory: needs USER:PASSWORD pairs, but a user has no password", e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
        assertThrows(CheckerConfigurationException.class, () -> CheckerFactory.fromString("memory"));
        assertThrows(CheckerConfigurationException.class, () -> CheckerFactory.fromString("memory:"));
        assertEquals("memory: user 2 has an empty name", assertThrows(CheckerConfigurationException.class,
                () -> CheckerFactory.fromString("memory:a:b::c")).getMessage());
    }

    @Test
    void fileReadsThePasswordFile() throws IOException {
        Path file = dir.resolve("passwd");
        Files.writeString(file, "alice:$5$saltsalt$OIdfjX.u4Y3SJ4I2bX8w5BMf1VAUhHABNUirScDzZi3\n");
        CredentialsChecker checker = CheckerFactory.fromString("file:" + file);
        assertInstanceOf(FilePasswordDatabase.class, checker);
        assertEquals(AvatarId.of("alice"), login(checker, "alice", "hunter2"));
        Files.writeString(file, "alice:plain\n");
        assertThrows(MalformedFileException.class, () -> CheckerFactory.fromString("file:" + file),
                "plain text refused from the string form");
        assertEquals("file: needs the password file's path, e.g. file:/etc/torsion/passwd",
                assertThrows(CheckerConfigurationException.class, () -> CheckerFactory.fromString("file")).getMessage());
        CheckerConfigurationException missing = assertThrows(CheckerConfigurationException.class,
                () -> CheckerFactory.fromString("file:" + dir.resolve("missing")));
        assertTrue(missing.getMessage().startsWith("cannot read password file"), missing.getMessage());
    }

    @Test
    void anonymousUnixAndSshkey() {
        CredentialsChecker anonymous = CheckerFactory.fromString("anonymous");
        assertInstanceOf(AllowAnonymousAccess.class, anonymous);
        assertEquals(AvatarId.ANONYMOUS, successResultOf(anonymous.requestAvatarId(Anonymous.INSTANCE)));
        assertInstanceOf(SshPublicKeyChecker.class, CheckerFactory.fromString("sshkey"));
        if (Files.isReadable(UnixAccountFiles.SYSTEM_SHADOW)) {
            assertInstanceOf(UnixAccountChecker.class, CheckerFactory.fromString("unix"));
        } else {
            assertTrue(assertThrows(CheckerConfigurationException.class, () -> CheckerFactory.fromString("unix"))
                    .getMessage().contains("/etc/shadow"));
        }
        assertEquals("unix: takes no argument (write just 'unix')", assertThrows(CheckerConfigurationException.class,
                () -> CheckerFactory.fromString("unix:/etc/shadow")).getMessage());
        assertThrows(CheckerConfigurationException.class, () -> CheckerFactory.fromString("sshkey:x"));
        assertThrows(CheckerConfigurationException.class, () -> CheckerFactory.fromString("anonymous:"));
    }

    @Test
    void unknownKindsListTheKnownOnes() {
        CheckerConfigurationException e = assertThrows(CheckerConfigurationException.class,
                () -> CheckerFactory.fromString("ldap:cn=admin:password"));
        assertEquals("unknown checker kind 'ldap'; known kinds: anonymous, file, memory, sshkey, unix", e.getMessage());
        assertFalse(e.getMessage().contains("password"));
        assertThrows(CheckerConfigurationException.class, () -> CheckerFactory.fromString(""));
        assertThrows(CheckerConfigurationException.class, () -> CheckerFactory.fromString("Memory:a:b"),
                "kinds are case-sensitive, as in Twisted");
    }
}
