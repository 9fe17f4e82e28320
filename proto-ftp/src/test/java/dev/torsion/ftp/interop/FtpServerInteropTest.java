package dev.torsion.ftp.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.ftp.support.LiveFtpServer;
import dev.torsion.ftp.support.TestTls;
import dev.torsion.netty.testing.Programs;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** Real FTP clients against Torsion's server on loopback: curl (ftp and explicit FTPS), Python's ftplib and lftp. */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class FtpServerInteropTest {
    private static final String CURL = "/usr/bin/curl";
    private static final String PYTHON = "/usr/bin/python3";
    private static final String LFTP = "/usr/bin/lftp";

    @TempDir
    static Path temp;
    static Path root;
    static Path work;
    static Path ca;
    static LiveFtpServer server;
    static String url;

    @BeforeAll
    static void start() throws Exception {
        Programs.require(CURL);
        Programs.require(PYTHON);
        Programs.require(LFTP);
        root = Files.createDirectories(temp.resolve("root"));
        work = Files.createDirectories(temp.resolve("work"));
        ca = TestTls.materialize(Files.createDirectories(temp.resolve("tls"))).resolve("ca.pem");
        byte[] big = new byte[8 * 1024 * 1024 + 123];
        new Random(959).nextBytes(big);
        Files.write(root.resolve("big.bin"), big);
        Files.writeString(root.resolve("hello.txt"), "Hello\nWorld\n");
        Path tree = Files.createDirectories(root.resolve("tree/a/b"));
        Files.writeString(tree.resolve("deep.txt"), "deep\n");
        Files.writeString(root.resolve("tree/top.txt"), "top\n");
        Files.write(root.resolve("tree/a/blob.bin"), new byte[300_000]);
        server = new LiveFtpServer(root, config -> config.withTls(TestTls.serverOptions(), false));
        url = "ftp://alice:secret@127.0.0.1:" + server.port + "/";
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Test
    void oneGibibyteBothWaysWithCurl() throws Exception {
        Path gib = root.resolve("gib.bin");
        Random random = new Random(1_073_741_824L);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(gib)) {
            for (int i = 0; i < 1024; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        Path down = work.resolve("gib-down.bin");
        try {
            Programs.run(List.of(CURL, "-sS", "-o", down.toString(), url + "gib.bin"), "", 600);
            assertEquals(sha256(gib), sha256(down));
            Programs.run(List.of(CURL, "-sS", "-T", down.toString(), url + "gib-up.bin"), "", 600);
            assertEquals(sha256(gib), sha256(root.resolve("gib-up.bin")));
        } finally {
            Files.deleteIfExists(gib);
            Files.deleteIfExists(down);
            Files.deleteIfExists(root.resolve("gib-up.bin"));
        }
    }

    @Test
    void curlDownloadsUploadsAndLists() throws Exception {
        Path out = work.resolve("curl-big.bin");
        Programs.run(List.of(CURL, "-sS", "-o", out.toString(), url + "big.bin"));
        assertEquals(sha256(root.resolve("big.bin")), sha256(out));

        Programs.run(List.of(CURL, "-sS", "--ftp-create-dirs", "-T", root.resolve("big.bin").toString(), url + "up/curl.bin"));
        assertEquals(sha256(root.resolve("big.bin")), sha256(root.resolve("up/curl.bin")));

        String listing = Programs.run(List.of(CURL, "-sS", url));
        assertTrue(listing.contains(" big.bin") && listing.contains(" tree"), listing);
        String names = Programs.run(List.of(CURL, "-sS", "-l", url + "tree/"));
        assertEquals("a\r\ntop.txt\r\n", names.replace("\r\n", "\n").replace("\n", "\r\n"));
    }

    @Test
    void curlActiveMode() throws Exception {
        Path out = work.resolve("curl-active.bin");
        Programs.run(List.of(CURL, "-sS", "-P", "127.0.0.1", "-o", out.toString(), url + "big.bin"));
        assertEquals(sha256(root.resolve("big.bin")), sha256(out));
        Programs.run(List.of(CURL, "-sS", "-P", "127.0.0.1", "--disable-eprt", "-T", root.resolve("hello.txt").toString(),
                url + "up2/active.txt", "--ftp-create-dirs"));
        assertEquals("Hello\nWorld\n", Files.readString(root.resolve("up2/active.txt")));
    }

    @Test
    void curlFtpsWithSslReqd() throws Exception {
        Path out = work.resolve("curl-tls.bin");
        Programs.run(List.of(CURL, "-sS", "--ssl-reqd", "--cacert", ca.toString(), "-o", out.toString(), url + "big.bin"));
        assertEquals(sha256(root.resolve("big.bin")), sha256(out));
        Programs.run(List.of(CURL, "-sS", "--ssl-reqd", "--cacert", ca.toString(), "--ftp-create-dirs",
                "-T", root.resolve("big.bin").toString(), url + "tls/curl.bin"));
        assertEquals(sha256(root.resolve("big.bin")), sha256(root.resolve("tls/curl.bin")));
        String listing = Programs.run(List.of(CURL, "-sS", "--ssl-reqd", "--cacert", ca.toString(), url + "tree/"));
        assertTrue(listing.contains(" top.txt"), listing);
    }

    @Test
    void curlResumesTheControlSessionWhereTheServerRequiresIt() throws Exception {
        try (LiveFtpServer requiring = new LiveFtpServer(root, config -> config.withTls(TestTls.serverOptions(), false)
                .withTlsSessionReuseRequired(true))) {
            String requiringUrl = "ftp://alice:secret@127.0.0.1:" + requiring.port + "/";
            Path out = work.resolve("curl-reuse.bin");
            Programs.run(List.of(CURL, "-sS", "--ssl-reqd", "--cacert", ca.toString(), "-o", out.toString(), requiringUrl + "big.bin"));
            assertEquals(sha256(root.resolve("big.bin")), sha256(out));
            Programs.run(List.of(CURL, "-sS", "--ssl-reqd", "--cacert", ca.toString(), "-T", out.toString(),
                    requiringUrl + "tls/curl-reuse.bin", "--ftp-create-dirs"));
            assertEquals(sha256(root.resolve("big.bin")), sha256(root.resolve("tls/curl-reuse.bin")));
            // --no-sessionid: the data connection makes a full handshake; the server closes it as
            // soon as its handshake is done, and curl, still finishing its own, fails there.
            Path refusedOut = work.resolve("curl-no-reuse.bin");
            String refused = Programs.runFailing(List.of(CURL, "-sS", "-v", "--ssl-reqd", "--no-sessionid", "--cacert",
                    ca.toString(), "-o", refusedOut.toString(), requiringUrl + "big.bin"));
            assertTrue(refused.contains("SSL_connect"), refused);
            assertTrue(!Files.exists(refusedOut) || Files.size(refusedOut) == 0, "nothing was transferred");
        }
    }

    @Test
    void pythonFtplibPlainAndTls() throws Exception {
        String script = """
                import ftplib, hashlib, io, ssl, sys
                port = int(sys.argv[1]); ca = sys.argv[2]
                def session(ftp):
                    ftp.login('alice', 'secret')
                    data = bytes(range(256)) * 4000
                    ftp.storbinary('STOR py.bin', io.BytesIO(data))
                    got = io.BytesIO()
                    ftp.retrbinary('RETR py.bin', got.write)
                    assert got.getvalue() == data, 'round trip'
                    assert ftp.size('py.bin') == len(data)
                    facts = dict(ftp.mlsd('/'))
                    assert facts['py.bin']['type'] == 'file' and facts['tree']['type'] == 'dir', facts
                    assert 'hello.txt' in ftp.nlst()
                    lines = []
                    ftp.retrlines('RETR hello.txt', lines.append)
                    assert lines == ['Hello', 'World'], lines
                    ftp.mkd('pydir')
                    ftp.rename('py.bin', 'pydir/moved.bin')
                    ftp.cwd('pydir')
                    assert ftp.pwd() == '/pydir'
                    ftp.delete('moved.bin')
                    ftp.cwd('..')
                    ftp.rmd('pydir')
                    ftp.quit()
                    return hashlib.sha256(data).hexdigest()
                plain = ftplib.FTP()
                plain.connect('127.0.0.1', port)
                print('plain', session(plain))
                context = ssl.create_default_context(cafile=ca)
                tls = ftplib.FTP_TLS(context=context)
                tls.connect('127.0.0.1', port)
                tls.auth()
                tls.prot_p()
                print('tls', session(tls))
                anon = ftplib.FTP()
                anon.connect('127.0.0.1', port)
                anon.login()
                try:
                    anon.mkd('nope')
                    print('anonymous wrote')
                except ftplib.error_perm as e:
                    print('anonymous refused', str(e))
                anon.quit()
                """;
        Path file = work.resolve("ftplib_test.py");
        Files.writeString(file, script);
        String out = Programs.run(List.of(PYTHON, file.toString(), Integer.toString(server.port), ca.toString()));
        assertTrue(out.contains("plain ") && out.contains("tls ") && out.contains("anonymous refused 550"), out);
    }

    @Test
    void pythonFtplibAbortsADownload() throws Exception {
        String script = """
                import ftplib, sys
                ftp = ftplib.FTP()
                ftp.connect('127.0.0.1', int(sys.argv[1]))
                ftp.login('alice', 'secret')
                ftp.voidcmd('TYPE I')
                conn = ftp.transfercmd('RETR big.bin')
                conn.recv(65536)
                print('abort', ftp.abort())
                conn.close()
                # RFC 959: 426 ends the RETR, 226 answers the ABOR; ftplib's abort() reads the first.
                print('then', ftp.voidresp())
                print('pwd', ftp.pwd())
                print('noop', ftp.voidcmd('NOOP'))
                ftp.quit()
                """;
        Path file = work.resolve("ftplib_abort.py");
        Files.writeString(file, script);
        String out = Programs.run(List.of(PYTHON, file.toString(), Integer.toString(server.port)));
        assertTrue(out.contains("abort 426") && out.contains("then 226") && out.contains("pwd /") && out.contains("noop 200"), out);
    }

    @Test
    void lftpMirrorsBothWays() throws Exception {
        Path down = work.resolve("lftp-down");
        Path up = Files.createDirectories(work.resolve("lftp-up/x/y"));
        Files.writeString(up.resolve("z.txt"), "zed\n");
        Files.write(up.getParent().resolve("rand.bin"), new byte[70_000]);
        String commands = "set cmd:fail-exit true; set net:max-retries 1; set net:timeout 20; set ftp:ssl-allow no; "
                + "mirror tree " + down + "; mirror -R " + work.resolve("lftp-up") + " uploaded; quit";
        Programs.run(List.of(LFTP, "-u", "alice,secret", "-e", commands, "ftp://127.0.0.1:" + server.port));
        assertArrayEquals(Files.readAllBytes(root.resolve("tree/a/blob.bin")), Files.readAllBytes(down.resolve("a/blob.bin")));
        assertEquals("deep\n", Files.readString(down.resolve("a/b/deep.txt")));
        assertEquals("zed\n", Files.readString(root.resolve("uploaded/x/y/z.txt")));
        assertEquals(70_000, Files.size(root.resolve("uploaded/x/rand.bin")));
        // lftp keeps modification times through MFMT.
        assertEquals(Files.getLastModifiedTime(up.resolve("z.txt")).toMillis() / 1000,
                Files.getLastModifiedTime(root.resolve("uploaded/x/y/z.txt")).toMillis() / 1000);
    }

    @Test
    void lftpMirrorsOverTls() throws Exception {
        Path down = work.resolve("lftp-tls-down");
        String commands = "set cmd:fail-exit true; set net:max-retries 1; set net:timeout 20; set ftp:ssl-force true; "
                + "set ftp:ssl-protect-data true; set ssl:ca-file " + ca + "; set ssl:check-hostname false; "
                + "mirror tree " + down + "; mirror -R " + down + " tls-uploaded; quit";
        Programs.run(List.of(LFTP, "-u", "alice,secret", "-e", commands, "ftp://127.0.0.1:" + server.port));
        assertEquals("top\n", Files.readString(down.resolve("top.txt")));
        assertEquals("deep\n", Files.readString(root.resolve("tls-uploaded/a/b/deep.txt")));
        try (Stream<Path> files = Files.walk(root.resolve("tls-uploaded"))) {
            assertEquals(6, files.count());
        }
    }

}
