package dev.torsion.plugin.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.testing.MemoryReactor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The plugin's options and the mistakes it refuses before anything listens. */
class FtpPluginTest {
    @TempDir
    Path root;

    private static FtpPlugin parsed(String... args) {
        FtpPlugin plugin = new FtpPlugin();
        new CommandLine(plugin.options()).parseArgs(args);
        return plugin;
    }

    private String refusal(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> parsed(args).makeService(new MemoryReactor())).getMessage();
    }

    @Test
    void refusesWhatCannotWork() throws Exception {
        assertTrue(refusal("--root", root.resolve("missing").toString(), "--anonymous").contains("is not a directory"));
        assertEquals("nobody could log in: give --auth, --password-file or --anonymous", refusal("--root", root.toString()));
        assertEquals("--require-tls needs --certificate and --private-key", refusal("--root", root.toString(), "--anonymous", "--require-tls"));
        assertEquals("--certificate and --private-key go together",
                refusal("--root", root.toString(), "--anonymous", "--certificate", root.resolve("c.pem").toString()));
        assertTrue(refusal("--root", root.toString(), "--anonymous", "--passive-ports", "9-3").startsWith("bad port range"));
    }

    @Test
    void tlsSessionReuseIsRequiredOnlyWhenAsked() {
        assertFalse(((FtpOptions) parsed("--root", root.toString()).options()).requireTlsReuse, "Python's ftplib does not resume");
        assertTrue(((FtpOptions) parsed("--root", root.toString(), "--require-tls-reuse").options()).requireTlsReuse);
    }

    @Test
    void twistdOptionsAreAccepted() throws Exception {
        Path passwords = root.resolve("passwords");
        Files.writeString(passwords, "# users\nalice:secret\n");
        FtpPlugin plugin = parsed("-p", "2121", "-r", root.toString(), "--userAnonymous", "anonymous", "--password-file", passwords.toString());
        MemoryReactor reactor = new MemoryReactor();
        assertEquals("ftp", plugin.makeService(reactor).name());
        Files.writeString(passwords, "no colon here\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> plugin.makeService(reactor)).getMessage()
                .startsWith("--password-file"));
    }
}
