package dev.torsion.ftp.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.ftp.client.FtpClient;
import dev.torsion.ftp.client.FtpReplyException;
import dev.torsion.ftp.parse.ListingParser;
import dev.torsion.ftp.support.NonResumingContext;
import dev.torsion.ftp.support.Peers;
import dev.torsion.ftp.support.TestTls;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.netty.testing.FreePorts;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.tls.TlsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** Torsion's FTP client against vsftpd (loopback, private config, plain and explicit FTPS) and Twisted's {@code twistd3 ftp}. */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class FtpClientInteropTest {
    private static final String VSFTPD = "/usr/sbin/vsftpd";
    private static final String TWISTD = "/usr/bin/twistd3";

    @TempDir
    static Path temp;
    static LiveReactor live;
    static Process vsftpd;
    static Process twistd;
    static int vsftpdPort;
    static int twistdPort;
    static Path vsftpdRoot;
    static Path twistdRoot;
    static byte[] big;

    @BeforeAll
    static void start() throws Exception {
        big = new byte[4 * 1024 * 1024 + 11];
        new Random(2428).nextBytes(big);

        vsftpdRoot = Files.createDirectories(temp.resolve("vsftpd-root"));
        Files.write(vsftpdRoot.resolve("big.bin"), big);
        Files.createDirectories(vsftpdRoot.resolve("incoming"));
        Files.setPosixFilePermissions(vsftpdRoot.resolve("incoming"), PosixFilePermissions.fromString("rwxrwxrwx"));
        // vsftpd refuses a writable anonymous root.
        Files.setPosixFilePermissions(vsftpdRoot, PosixFilePermissions.fromString("r-xr-xr-x"));
        Path empty = Files.createDirectories(temp.resolve("vsftpd-empty"));
        Path tls = TestTls.materialize(Files.createDirectories(temp.resolve("tls")));
        vsftpdPort = FreePorts.tcp();
        Path config = temp.resolve("vsftpd.conf");
        Files.writeString(config, String.join("\n",
                "listen=YES", "listen_ipv6=NO", "listen_address=127.0.0.1", "listen_port=" + vsftpdPort, "background=NO",
                "run_as_launching_user=YES", "anonymous_enable=YES", "anon_root=" + vsftpdRoot, "no_anon_password=YES",
                "local_enable=NO", "write_enable=YES", "anon_upload_enable=YES", "anon_mkdir_write_enable=YES",
                "anon_other_write_enable=YES", "anon_umask=022", "seccomp_sandbox=NO", "isolate=NO", "isolate_network=NO",
                "secure_chroot_dir=" + empty, "xferlog_enable=NO", "pasv_enable=YES",
                // Explicit FTPS for the anonymous user; data connections must resume the control
                // connection's TLS session (vsftpd's default, written out): our client does.
                "ssl_enable=YES", "allow_anon_ssl=YES", "force_anon_logins_ssl=NO", "force_anon_data_ssl=NO",
                "require_ssl_reuse=YES", "rsa_cert_file=" + tls.resolve("server.pem"), "rsa_private_key_file=" + tls.resolve("server-key.pem"),
                ""));
        vsftpd = Peers.start(List.of(VSFTPD, config.toString()), temp.resolve("vsftpd.log"), vsftpdPort);

        twistdRoot = Files.createDirectories(temp.resolve("twistd-root"));
        Files.write(twistdRoot.resolve("big.bin"), big);
        Files.createDirectories(twistdRoot.resolve("sub"));
        twistdPort = FreePorts.tcp();
        // twistd's ftp plugin takes a port number only: it listens on every interface.
        twistd = Peers.start(List.of(TWISTD, "-n", "--pidfile=", "--logfile=" + temp.resolve("twistd.log"), "ftp",
                "-p", Integer.toString(twistdPort), "-r", twistdRoot.toString()), temp.resolve("twistd.out"), twistdPort);
        live = new LiveReactor();
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            live.close();
        }
        Peers.stop(vsftpd);
        Peers.stop(twistd);
    }

    private FtpClient connect(int port) throws Exception {
        FtpClient client = new FtpClient(live.reactor);
        live.await(() -> Endpoints.connectProtocol(Endpoints.clientFromString(live.reactor, "tcp:127.0.0.1:" + port), client)
                .addCallbackDeferred(c -> client.greeting()));
        return client;
    }

    @Test
    void againstVsftpd() throws Exception {
        FtpClient client = connect(vsftpdPort);
        assertEquals(230, live.await(() -> client.login("anonymous", "test@example.org")).code());
        Path copy = temp.resolve("from-vsftpd.bin");
        assertEquals((long) big.length, live.await(() -> client.retrieve("big.bin", copy)));
        assertArrayEquals(big, Files.readAllBytes(copy));
        assertEquals((long) big.length, live.await(() -> client.store("incoming/up.bin", copy)));
        client.setActive(true);
        Path active = temp.resolve("from-vsftpd-active.bin");
        assertEquals((long) big.length, live.await(() -> client.retrieve("big.bin", active)));
        assertArrayEquals(big, Files.readAllBytes(active));
        client.setActive(false);
        assertArrayEquals(big, Files.readAllBytes(vsftpdRoot.resolve("incoming/up.bin")));
        assertEquals((long) big.length, live.await(() -> client.size("incoming/up.bin")));
        List<ListingParser.Entry> list = live.await(() -> client.list(""));
        assertEquals(List.of("big.bin", "incoming"), list.stream().map(ListingParser.Entry::name).sorted().toList());
        assertTrue(list.stream().anyMatch(e -> e.name().equals("incoming") && e.directory()));
        // vsftpd has no MLSD (RFC 3659): its LIST lines are parsed.
        List<ListingParser.Entry> incoming = live.await(() -> client.list("incoming"));
        assertEquals(List.of(new ListingParser.Entry("up.bin", false, big.length, incoming.get(0).modified())), incoming);
        assertEquals(List.of("up.bin"), live.await(() -> client.nlst("incoming")).stream().map(n -> n.replaceFirst(".*/", "")).toList());
        // run_as_launching_user: no chroot, so the anonymous root shows as its real path.
        assertEquals(vsftpdRoot.toString(), live.await(client::pwd));
        // REST (RFC 3659 §5): the second half of the file after the first.
        int half = big.length / 2;
        Path resumed = temp.resolve("from-vsftpd-resumed.bin");
        Files.write(resumed, Arrays.copyOf(big, half));
        assertEquals((long) big.length - half, live.await(() -> client.retrieve("big.bin", resumed, half)));
        assertArrayEquals(big, Files.readAllBytes(resumed));
        assertEquals(221, live.await(client::quit).code());
    }

    @Test
    void ftpsAgainstVsftpd() throws Exception {
        FtpClient client = connect(vsftpdPort);
        assertEquals(200, live.await(() -> client.authTls(TlsOptions.client(TestTls.clientContext(), "127.0.0.1"))).code());
        assertEquals(230, live.await(() -> client.login("anonymous", "test@example.org")).code());
        Path copy = temp.resolve("from-vsftpd-tls.bin");
        assertEquals((long) big.length, live.await(() -> client.retrieve("big.bin", copy)));
        assertArrayEquals(big, Files.readAllBytes(copy));
        assertEquals((long) big.length, live.await(() -> client.store("incoming/tls-up.bin", copy)));
        assertArrayEquals(big, Files.readAllBytes(vsftpdRoot.resolve("incoming/tls-up.bin")));
        // A listing is one more data connection resuming the session.
        assertTrue(live.await(() -> client.nlst("incoming")).stream().anyMatch(n -> n.endsWith("tls-up.bin")));
        assertEquals(221, live.await(client::quit).code());
    }

    @Test
    void vsftpdInsistsOnSessionReuse() throws Exception {
        // The proof that ftpsAgainstVsftpd means something: a client that never resumes (a full
        // handshake on each data connection) is refused by this vsftpd with its 522.
        FtpClient client = connect(vsftpdPort);
        live.await(() -> client.authTls(TlsOptions.client(NonResumingContext.of(TestTls.clientContext()), "127.0.0.1")
                .withoutHostnameVerification()));
        assertEquals(230, live.await(() -> client.login("anonymous", "test@example.org")).code());
        FtpReplyException refused = assertThrows(FtpReplyException.class,
                () -> live.await(() -> client.retrieve("big.bin", temp.resolve("refused.bin"))));
        assertEquals(522, refused.code());
        assertTrue(refused.reply().text().contains("session reuse required"), refused.reply().text());
    }

    @Test
    void againstTwistedFtp() throws Exception {
        FtpClient client = connect(twistdPort);
        assertEquals(230, live.await(() -> client.login("anonymous", "test@example.org")).code());
        Path copy = temp.resolve("from-twisted.bin");
        // Twisted answers EPSV with 502: the client falls back to PASV.
        assertEquals((long) big.length, live.await(() -> client.retrieve("big.bin", copy)));
        assertArrayEquals(big, Files.readAllBytes(copy));
        List<ListingParser.Entry> list = live.await(() -> client.list(""));
        assertEquals(List.of("big.bin", "sub"), list.stream().map(ListingParser.Entry::name).sorted().toList());
        assertTrue(list.stream().anyMatch(e -> e.name().equals("big.bin") && e.size() == big.length && !e.directory()));
        live.await(() -> client.cwd("sub"));
        assertEquals("/sub", live.await(client::pwd));
        assertEquals(221, live.await(client::quit).code());
    }
}
