package dev.torsion.app.privileges;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks that run before anything is bound; none of these change the test JVM's identity. */
class PrivilegeDropTest {
    @TempDir
    Path directory;

    @Test
    void umasksAreOctal() {
        assertEquals(022, PrivilegeDrop.parseUmask("022"));
        assertEquals(0777, PrivilegeDrop.parseUmask("777"));
        assertEquals(027, PrivilegeDrop.parseUmask("0o027"));
        assertEquals(0, PrivilegeDrop.parseUmask("0"));
        for (String bad : new String[] {"", "8", "1000", "-1", "abc", "0x12"}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PrivilegeDrop.parseUmask(bad));
            assertTrue(error.getMessage().startsWith("--umask " + bad + ": not an octal mask"), error.getMessage());
        }
    }

    @Test
    void nothingAskedIsEmptyAndPasses() {
        PrivilegeDrop none = new PrivilegeDrop(null, null, null, null);
        assertTrue(none.isEmpty());
        none.check();
        assertFalse(new PrivilegeDrop(null, null, 022, null).isEmpty());
    }

    @Test
    void anUnknownUserOrGroupIsAClearError() {
        PrivilegeException user = assertThrows(PrivilegeException.class,
                () -> new PrivilegeDrop("no-such-user-torsion", null, null, null).check());
        assertEquals("--uid no-such-user-torsion: no such user", user.getMessage());
        PrivilegeException group = assertThrows(PrivilegeException.class,
                () -> new PrivilegeDrop(null, "no-such-group-torsion", null, null).check());
        assertEquals("--gid no-such-group-torsion: no such group", group.getMessage());
    }

    @Test
    void aNumericUidWithoutAPasswdEntryNeedsAGid() {
        PrivilegeException error = assertThrows(PrivilegeException.class,
                () -> new PrivilegeDrop("4000000", null, null, null).check());
        assertEquals("--uid 4000000 names no user in the passwd database: give --gid too", error.getMessage());
    }

    @Test
    void aMissingChrootDirectoryIsAClearError() {
        Path missing = directory.resolve("nowhere");
        PrivilegeException error = assertThrows(PrivilegeException.class,
                () -> new PrivilegeDrop(null, null, null, missing).check());
        assertEquals("--chroot " + missing + ": no such directory", error.getMessage());
    }

    @Test
    void namesResolveThroughTheSystemDatabase() {
        // nobody exists on every Debian system; as root the check passes, as anyone else it refuses.
        PrivilegeDrop nobody = new PrivilegeDrop("nobody", null, null, null);
        if (Libc.INSTANCE.geteuid() == 0) {
            nobody.check();
        } else {
            PrivilegeException error = assertThrows(PrivilegeException.class, nobody::check);
            assertTrue(error.getMessage().startsWith("--uid nobody needs root"), error.getMessage());
        }
    }
}
