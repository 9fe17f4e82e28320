package dev.torsion.nntp.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The test CA and the server certificate for localhost and 127.0.0.1 (copied from core-deferred's test data). */
public final class TestTls {
    private TestTls() {
    }

    /** Copies ca.pem, server.pem and server-key.pem into {@code directory}. */
    public static Path materialize(Path directory) {
        try {
            for (String name : new String[] {"ca.pem", "server.pem", "server-key.pem"}) {
                try (InputStream in = TestTls.class.getResourceAsStream("/dev/torsion/nntp/tls/" + name)) {
                    Files.copy(in, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
