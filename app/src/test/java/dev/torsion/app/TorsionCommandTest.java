package dev.torsion.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The command line parsed in this JVM: help and usage errors, which never start a server. */
class TorsionCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Torsion.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsThePluginsFoundWithServiceLoader() {
        assertEquals(Torsion.OK, run("--help"));
        assertTrue(stdout().contains("Plugins (torsion PLUGIN --help for their options):"), stdout());
        assertTrue(stdout().matches("(?s).*\\n  echo\\s+An echo server.*\\n  portforward\\s+A port forwarder.*"), stdout());
    }

    @Test
    void aPluginsHelpHasItsDescriptionAndOptions() {
        assertEquals(Torsion.OK, run("echo", "--help"));
        assertTrue(stdout().startsWith("An echo server: every byte received is sent back (RFC 862)."), stdout());
        assertTrue(stdout().contains("--listen=ENDPOINT"), stdout());
        assertTrue(stdout().contains("(default tcp:"), stdout());
        assertTrue(stdout().contains("-h, --help"), stdout());
        assertTrue(!stdout().contains("--version"), stdout());
    }

    @Test
    void theShutdownGraceIsInEveryPluginsHelpWithItsDefaultAndWithoutColours() {
        assertEquals(Torsion.OK, run("echo", "--help"));
        assertTrue(stdout().contains("--shutdown-grace=DURATION"), stdout());
        assertTrue(stdout().matches("(?s).*Default:\\s+15s\\..*"), stdout());
        assertTrue(stdout().indexOf('\u001b') < 0, "ANSI escape codes in the help: " + stdout());
    }

    @Test
    void theShutdownGraceMayComeAfterThePluginsName() {
        assertEquals(Torsion.USAGE, run("echo", "--shutdown-grace", "soon"));
        assertTrue(stderr().contains("'soon' is not a duration such as 15s, 500ms or 2m"), stderr());
        assertEquals(Duration.ofSeconds(15), DurationConverter.parse("15"));
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofMinutes(2), DurationConverter.parse("2m"));
    }

    @Test
    void theConnectionDeadlinesAreInEveryPluginsHelpWithTheirDefaults() {
        assertEquals(Torsion.OK, run("echo", "--help"));
        assertTrue(stdout().matches("(?s).*--close-timeout=DURATION.*Default:\\s+15s\\..*"), stdout());
        assertTrue(stdout().matches("(?s).*--send-timeout=DURATION.*Default:\\s+60s\\..*"), stdout());
    }

    @Test
    void aConnectionDeadlineOverAnHourOrNotADurationIsAUsageError() {
        assertEquals(Torsion.USAGE, run("echo", "--send-timeout", "2h"));
        assertTrue(stderr().contains("--close-timeout and --send-timeout must be at most 1 h"), stderr());
        assertEquals(Torsion.USAGE, run("--close-timeout", "61m", "echo"));
        assertTrue(stderr().contains("must be at most 1 h"), stderr());
        assertEquals(Torsion.USAGE, run("echo", "--close-timeout", "later"));
        assertTrue(stderr().contains("'later' is not a duration"), stderr());
    }

    @Test
    void versionIsPrinted() {
        assertEquals(Torsion.OK, run("--version"));
        assertTrue(stdout().startsWith("torsion "), stdout());
    }

    @Test
    void usageErrorsAreTwoShortLines() {
        assertEquals(Torsion.USAGE, run("--daemon", "--nodaemon", "echo"));
        assertEquals("torsion: --daemon and --nodaemon contradict each other\n"
                + "Try 'torsion --help' for more information.\n", stderr());
    }

    @Test
    void aPluginOptionErrorPointsAtThePluginsHelp() {
        assertEquals(Torsion.USAGE, run("portforward", "--dest_port", "many"));
        String[] lines = stderr().split("\n");
        assertEquals(2, lines.length, stderr());
        assertTrue(lines[0].startsWith("torsion: portforward: Invalid value for option '--dest_port'"), stderr());
        assertEquals("Try 'torsion portforward --help' for more information.", lines[1]);
    }

    @Test
    void badLogOptionsAreUsageErrors() {
        assertEquals(Torsion.USAGE, run("--log-max-size", "huge", "echo"));
        assertTrue(stderr().startsWith("torsion: --log-max-size 'huge' is not a size"), stderr());
        // logback's FileSize wrapped this one to 0 bytes.
        assertEquals(Torsion.USAGE, run("--log-max-total", "17179869184GB", "echo"));
        assertTrue(stderr().contains("torsion: --log-max-total '17179869184GB' is too large"), stderr());
    }

    @Test
    void theDaemonDefaultsFollowTwistd() {
        RunnerOptions options = new RunnerOptions();
        options.daemon = true;
        options.logMaxSize = "10MB";
        options.logMaxTotal = "1GB";
        options.logMaxDays = 30;
        options.logLevel = "INFO";
        options.workers = 1;
        assertEquals(Path.of("torsion.pid"), options.effectivePidfile());
        assertTrue(options.shouldDetach());
        options.daemonChild = true;
        assertTrue(!options.shouldDetach());
        options.validate();
    }
}
