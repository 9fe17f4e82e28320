package dev.torsion.nntp.support;

import dev.torsion.netty.tls.PemFiles;
import dev.torsion.netty.tls.TlsContexts;
import dev.torsion.tls.TlsOptions;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;

/** The server's TLS options and a client context trusting the test CA, from files in a temp dir. */
public final class TlsFixture {
    public final Path directory;
    public final TlsOptions serverOptions;
    public final SSLContext clientContext;

    public TlsFixture(Path directory) throws Exception {
        this.directory = TestTls.materialize(directory);
        SSLContext server = TlsContexts.context(PemFiles.readPrivateKey(directory.resolve("server-key.pem")),
                PemFiles.readCertificates(directory.resolve("server.pem")), List.of());
        serverOptions = TlsOptions.server(server);
        clientContext = TlsContexts.context(null, List.of(), PemFiles.readCertificates(directory.resolve("ca.pem")));
    }

    public Path caFile() {
        return directory.resolve("ca.pem");
    }
}
