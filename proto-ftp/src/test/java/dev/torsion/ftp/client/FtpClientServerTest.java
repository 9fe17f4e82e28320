package dev.torsion.ftp.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.ftp.parse.FtpReply;
import dev.torsion.ftp.parse.ListingParser;
import dev.torsion.ftp.support.LiveFtpServer;
import dev.torsion.ftp.support.TestTls;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.tls.TlsOptions;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Torsion's FTP client against Torsion's FTP server over real sockets on loopback. */
class FtpClientServerTest {
    @TempDir
    static Path temp;
    static Path root;
    static LiveFtpServer server;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createDirectories(temp.resolve("root"));
        byte[] big = new byte[3 * 1024 * 1024 + 7];
        new Random(4217).nextBytes(big);
        Files.write(root.resolve("big.bin"), big);
        Files.createDirectories(root.resolve("dir"));
        server = new LiveFtpServer(root, c -> c);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private FtpClient connect() throws Exception {
        FtpClient client = new FtpClient(server.live.reactor);
        server.live.await(() -> Endpoints.connectProtocol(Endpoints.clientFromString(server.live.reactor, "tcp:127.0.0.1:" + server.port), client)
                .addCallbackDeferred(c -> client.greeting()));
        return client;
    }

    @Test
    void retrieveStoreAndListOverRealSockets() throws Exception {
        FtpClient client = connect();
        server.live.await(() -> client.login("alice", "secret"));
        Path copy = temp.resolve("copy.bin");
        assertEquals(Files.size(root.resolve("big.bin")), server.live.await(() -> client.retrieve("big.bin", copy)));
        assertArrayEquals(Files.readAllBytes(root.resolve("big.bin")), Files.readAllBytes(copy));

        assertEquals(Files.size(copy), server.live.await(() -> client.store("dir/up.bin", copy)));
        assertArrayEquals(Files.readAllBytes(copy), Files.readAllBytes(root.resolve("dir/up.bin")));

        List<ListingParser.Entry> mlsd = server.live.await(() -> client.mlsd("dir"));
        assertEquals(List.of(new ListingParser.Entry("up.bin", false, Files.size(copy), mlsd.get(0).modified())), mlsd);
        List<ListingParser.Entry> list = server.live.await(() -> client.list(""));
        assertEquals(List.of("big.bin", "dir"), list.stream().map(ListingParser.Entry::name).toList());
        assertTrue(list.get(1).directory());
        assertEquals(List.of("up.bin"), server.live.await(() -> client.nlst("dir")));

        assertEquals("/dir/new \"q\"", server.live.await(() -> client.mkd("dir/new \"q\"")));
        server.live.await(() -> client.rename("dir/up.bin", "dir/new \"q\"/moved.bin"));
        server.live.await(() -> client.cwd("dir/new \"q\""));
        assertEquals("/dir/new \"q\"", server.live.await(client::pwd));
        assertEquals(Files.size(copy), server.live.await(() -> client.size("moved.bin")));
        server.live.await(() -> client.delete("moved.bin"));
        FtpReplyException missing = assertThrows(FtpReplyException.class, () -> server.live.await(() -> client.delete("moved.bin")));
        assertEquals(550, missing.code());
        assertThrows(IllegalArgumentException.class, () -> server.live.await(() -> client.delete("x\r\nDELE big.bin")));
        assertEquals(221, server.live.await(client::quit).code());
        assertTrue(Files.exists(root.resolve("big.bin")));
    }

    @Test
    void ftpsWhenTheServerRequiresIt() throws Exception {
        Path tlsRoot = Files.createDirectories(temp.resolve("tls-root"));
        Files.copy(root.resolve("big.bin"), tlsRoot.resolve("big.bin"));
        try (LiveFtpServer tlsServer = new LiveFtpServer(tlsRoot, c -> c.withTls(TestTls.serverOptions(), true)
                .withTlsSessionReuseRequired(true))) {
            FtpClient client = new FtpClient(tlsServer.live.reactor);
            tlsServer.live.await(() -> Endpoints.connectProtocol(
                    Endpoints.clientFromString(tlsServer.live.reactor, "tcp:127.0.0.1:" + tlsServer.port), client)
                    .addCallbackDeferred(c -> client.greeting()));
            FtpReplyException plain = assertThrows(FtpReplyException.class, () -> tlsServer.live.await(() -> client.login("alice", "secret")));
            assertEquals(530, plain.code());
            assertEquals(200, tlsServer.live.await(() -> client.authTls(TlsOptions.client(TestTls.clientContext(), "127.0.0.1"))).code());
            tlsServer.live.await(() -> client.login("alice", "secret"));
            Path copy = temp.resolve("tls-copy.bin");
            assertEquals(Files.size(root.resolve("big.bin")), tlsServer.live.await(() -> client.retrieve("big.bin", copy)));
            assertArrayEquals(Files.readAllBytes(root.resolve("big.bin")), Files.readAllBytes(copy));
            assertEquals(Files.size(copy), tlsServer.live.await(() -> client.store("tls-up.bin", copy)));
            assertArrayEquals(Files.readAllBytes(copy), Files.readAllBytes(tlsRoot.resolve("tls-up.bin")));
            assertTrue(tlsServer.live.await(() -> client.nlst("")).contains("tls-up.bin"));
            assertEquals(221, tlsServer.live.await(client::quit).code());
        }
    }

    @Test
    void restartedDownloadAndUpload() throws Exception {
        FtpClient client = connect();
        server.live.await(() -> client.login("alice", "secret"));
        byte[] big = Files.readAllBytes(root.resolve("big.bin"));
        int half = big.length / 2 + 3;
        Path partial = temp.resolve("partial.bin");
        Files.write(partial, Arrays.copyOf(big, half));
        // REST then RETR: the rest of the file lands after what is there.
        assertEquals((long) big.length - half, server.live.await(() -> client.retrieve("big.bin", partial, half)));
        assertArrayEquals(big, Files.readAllBytes(partial));
        // REST then STOR: the server writes from the offset on.
        Files.write(root.resolve("dir/resumed.bin"), Arrays.copyOf(big, half));
        assertEquals((long) big.length - half, server.live.await(() -> client.store("dir/resumed.bin", partial, half)));
        assertArrayEquals(big, Files.readAllBytes(root.resolve("dir/resumed.bin")));
        server.live.await(() -> client.delete("dir/resumed.bin"));
        assertEquals(221, server.live.await(client::quit).code());
    }

    @Test
    void abortEndsARunningDownload() throws Exception {
        Path huge = root.resolve("huge.bin");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(512L * 1024 * 1024); // sparse: cheap to make, long to send
        }
        try {
            FtpClient client = connect();
            server.live.await(() -> client.login("alice", "secret"));
            Path sink = temp.resolve("huge-copy.bin");
            // In a list: a Deferred returned by call() would be waited for.
            Deferred<Long> download = server.live.call(() -> List.of(client.retrieve("huge.bin", sink))).get(0);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (server.live.call(client::transferState) != TransferState.RUNNING && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertEquals(TransferState.RUNNING, server.live.call(client::transferState));
            FtpReply aborted = server.live.await(client::abort);
            // RFC 959: 426 for the transfer, then 226 for the ABOR; or 225 when the server saw the
            // data connection closed (the client closes it too, for servers that read no ABOR during
            // a transfer) before it read the ABOR: both orders happen on the server's event loop.
            assertTrue(aborted.code() == 226 || aborted.code() == 225, aborted.toString());
            FtpReplyException cut = assertThrows(FtpReplyException.class, () -> server.live.await(() -> download));
            assertEquals(426, cut.code());
            assertTrue(Files.size(sink) < Files.size(huge), "the download stopped");
            assertEquals(TransferState.IDLE, server.live.call(client::transferState));
            // The control connection goes on, and ABOR without a transfer is an ordinary command.
            assertEquals(225, server.live.await(client::abort).code());
            assertEquals(221, server.live.await(client::quit).code());
        } finally {
            Files.deleteIfExists(huge);
        }
    }

    @Test
    void activeMode() throws Exception {
        FtpClient client = connect();
        server.live.await(() -> client.login("alice", "secret"));
        client.setActive(true);
        Path copy = temp.resolve("active-copy.bin");
        assertEquals(Files.size(root.resolve("big.bin")), server.live.await(() -> client.retrieve("big.bin", copy)));
        assertArrayEquals(Files.readAllBytes(root.resolve("big.bin")), Files.readAllBytes(copy));
        assertEquals(Files.size(copy), server.live.await(() -> client.store("active-up.bin", copy)));
        assertArrayEquals(Files.readAllBytes(copy), Files.readAllBytes(root.resolve("active-up.bin")));
        FtpReplyException missing = assertThrows(FtpReplyException.class, () -> server.live.await(() -> client.retrieve("nothing", copy)));
        assertEquals(550, missing.code());
        server.live.await(() -> client.delete("active-up.bin"));
        assertEquals(221, server.live.await(client::quit).code());
    }
}
