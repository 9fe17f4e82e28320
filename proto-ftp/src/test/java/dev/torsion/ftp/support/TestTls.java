package dev.torsion.ftp.support;

import dev.torsion.netty.tls.PemFiles;
import dev.torsion.netty.tls.TlsContexts;
import dev.torsion.tls.TlsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.net.ssl.SSLContext;

/** The test CA and the server certificate for localhost and 127.0.0.1 (copied from core-deferred's test data). */
public final class TestTls {
    private TestTls() {
    }

    /** Copies ca.pem, server.pem and server-key.pem into {@code directory}. */
    public static Path materialize(Path directory) {
        try {
            for (String name : new String[] {"ca.pem", "server.pem", "server-key.pem"}) {
                try (InputStream in = TestTls.class.getResourceAsStream("/dev/torsion/ftp/tls/" + name)) {
                    Files.copy(in, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's options, read from a fresh temp dir. */
    public static TlsOptions serverOptions() {
        try {
            Path directory = materialize(Files.createTempDirectory("ftp-tls"));
            SSLContext server = TlsContexts.context(PemFiles.readPrivateKey(directory.resolve("server-key.pem")),
                    PemFiles.readCertificates(directory.resolve("server.pem")), List.of());
            return TlsOptions.server(server);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client context trusting the test CA. */
    public static SSLContext clientContext() {
        try {
            Path directory = materialize(Files.createTempDirectory("ftp-tls"));
            return TlsContexts.context(null, List.of(), PemFiles.readCertificates(directory.resolve("ca.pem")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
