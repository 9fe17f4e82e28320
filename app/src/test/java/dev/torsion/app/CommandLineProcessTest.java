package dev.torsion.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of the real {@code torsion} process: help, and errors with exit status 2. */
class CommandLineProcessTest {
    @TempDir
    Path directory;

    private TorsionProcess finished(String... args) throws Exception {
        TorsionProcess torsion = TorsionProcess.start(directory, args);
        torsion.awaitExit();
        return torsion;
    }

    @Test
    void helpListsEveryPluginWithItsDescription() throws Exception {
        try (TorsionProcess torsion = finished("--help")) {
            assertEquals(0, torsion.process().exitValue(), torsion.transcript());
            String help = torsion.stdout();
            assertTrue(help.matches("(?s).*\\becho\\s+An echo server: every byte received is sent back.*"), help);
            assertTrue(help.matches("(?s).*\\bportforward\\s+A port forwarder.*"), help);
            assertTrue(help.contains("--daemon") && help.contains("--pidfile") && help.contains("--uid"), help);
        }
    }

    @Test
    void aPluginsHelpListsItsOptions() throws Exception {
        try (TorsionProcess torsion = finished("portforward", "--help")) {
            assertEquals(0, torsion.process().exitValue(), torsion.transcript());
            String help = torsion.stdout();
            assertTrue(help.contains("--dest_port") && help.contains("--host") && help.contains("--port"), help);
        }
    }

    @Test
    void anUnknownPluginIsAShortErrorWithStatus2() throws Exception {
        try (TorsionProcess torsion = finished("nosuchplugin", "--listen", "tcp:0")) {
            assertEquals(2, torsion.process().exitValue(), torsion.transcript());
            String error = torsion.stderr();
            assertTrue(error.startsWith("torsion: unknown plugin 'nosuchplugin'; plugins: echo, portforward"), error);
            assertTrue(error.lines().count() <= 2, error);
            assertEquals("", torsion.stdout());
        }
    }

    @Test
    void anUnknownGlobalOptionIsAShortErrorWithStatus2() throws Exception {
        try (TorsionProcess torsion = finished("--no-such-option", "echo")) {
            assertEquals(2, torsion.process().exitValue(), torsion.transcript());
            String error = torsion.stderr();
            assertTrue(error.startsWith("torsion: Unknown option: '--no-such-option'"), error);
            assertTrue(error.lines().count() <= 2, error);
        }
    }

    @Test
    void anUnknownPluginOptionIsAShortErrorWithStatus2() throws Exception {
        try (TorsionProcess torsion = finished("echo", "--colour", "blue")) {
            assertEquals(2, torsion.process().exitValue(), torsion.transcript());
            String error = torsion.stderr();
            assertTrue(error.startsWith("torsion: echo: Unknown options: '--colour', 'blue'")
                    || error.startsWith("torsion: echo: Unknown option: '--colour'"), error);
            assertTrue(error.lines().count() <= 2, error);
        }
    }

    @Test
    void noPluginIsAnErrorWithStatus2() throws Exception {
        try (TorsionProcess torsion = finished("--nodaemon")) {
            assertEquals(2, torsion.process().exitValue(), torsion.transcript());
            assertTrue(torsion.stderr().startsWith("torsion: no plugin named"), torsion.stderr());
        }
    }

    @Test
    void badValuesAreUsageErrors() throws Exception {
        try (TorsionProcess torsion = finished("--workers", "0", "echo")) {
            assertEquals(2, torsion.process().exitValue(), torsion.transcript());
            assertTrue(torsion.stderr().startsWith("torsion: --workers must be between 1 and 1024"), torsion.stderr());
        }
        try (TorsionProcess torsion = finished("--umask", "999", "echo")) {
            assertEquals(2, torsion.process().exitValue(), torsion.transcript());
            assertTrue(torsion.stderr().startsWith("torsion: --umask 999: not an octal mask"), torsion.stderr());
        }
        try (TorsionProcess torsion = finished("--workers", "2", "echo", "--listen", "unix:" + directory.resolve("s"))) {
            assertEquals(2, torsion.process().exitValue(), torsion.transcript());
            assertTrue(torsion.stderr().startsWith("torsion: echo: --workers shares TCP ports only"), torsion.transcript());
        }
        try (TorsionProcess torsion = finished("--reactor", "carrier-pigeon", "echo", "--listen", "tcp:0")) {
            assertEquals(2, torsion.process().exitValue(), torsion.transcript());
            assertTrue(torsion.stderr().contains("unknown event loop kind 'carrier-pigeon'"), torsion.transcript());
        }
    }
}
