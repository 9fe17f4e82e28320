package dev.torsion.app.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {
    @TempDir
    Path directory;

    @Test
    void writesReadsAndRemovesItsOwnPid() throws Exception {
        PidFile pidFile = new PidFile(directory.resolve("app.pid"));
        long me = ProcessHandle.current().pid();

        pidFile.write(me);

        assertEquals(me + "\n", Files.readString(pidFile.path()));
        assertEquals(OptionalLong.of(me), pidFile.read());
        assertFalse(pidFile.removeIfOwnedBy(me + 1));
        assertTrue(Files.exists(pidFile.path()));
        assertTrue(pidFile.removeIfOwnedBy(me));
        assertFalse(Files.exists(pidFile.path()));
    }

    @Test
    void refusesWhenALiveProcessIsNamed() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            PidFile pidFile = new PidFile(directory.resolve("app.pid"));
            pidFile.write(other.pid());

            PidFile.AlreadyRunningException refused =
                    assertThrows(PidFile.AlreadyRunningException.class, pidFile::checkNotRunning);
            assertTrue(refused.getMessage().contains(Long.toString(other.pid())), refused.getMessage());
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    @Test
    void aStaleFileIsNoObstacle() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        PidFile pidFile = new PidFile(directory.resolve("app.pid"));
        pidFile.write(gone.pid());

        pidFile.checkNotRunning();
        assertEquals(OptionalLong.empty(), pidFile.livePid());
    }

    @Test
    void aMissingFileIsEmptyAndGarbageIsAClearError() throws Exception {
        PidFile pidFile = new PidFile(directory.resolve("app.pid"));
        assertEquals(OptionalLong.empty(), pidFile.read());

        Files.writeString(pidFile.path(), "not a pid\n");
        IllegalStateException error = assertThrows(IllegalStateException.class, pidFile::read);
        assertTrue(error.getMessage().contains("does not hold a process id"), error.getMessage());
    }
}
