package dev.torsion.plugin.ftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.netty.testing.FreePorts;
import dev.torsion.netty.testing.PeerProcess;
import dev.torsion.netty.testing.Programs;
import dev.torsion.netty.testing.TorsionCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code torsion ftp} as a user runs it: the runner in a JVM of its own, over real sockets, stopped
 * with SIGTERM. Under the interop profile curl downloads, uploads and lists, in the clear and over
 * explicit FTPS with {@code --ssl-reqd}.
 */
class FtpCommandProcessTest {
    @TempDir
    Path temp;

    private PeerProcess start(int port, Path root, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("ftp",
                "--listen", "tcp:" + port + ":interface=127.0.0.1", "--root", root.toString(),
                "--auth", "memory:alice:secret", "--anonymous"));
        args.addAll(List.of(extra));
        return PeerProcess.start(TorsionCommand.of(args), temp.resolve("torsion.out"), port);
    }

    private void stop(PeerProcess torsion) throws Exception {
        assertEquals(0, torsion.terminate(), torsion.log());
        String transcript = torsion.log();
        assertTrue(!transcript.contains("secret"), "a password reached the log:\n" + transcript);
    }

    @Test
    void servesLoginsUntilSigterm() throws Exception {
        Path root = Files.createDirectories(temp.resolve("root"));
        int port = FreePorts.tcp();
        PeerProcess torsion = start(port, root);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            assertEquals("220 Torsion FTP server ready.", in.readLine());
            out.write("USER alice\r\nPASS secret\r\nPWD\r\nUSER x\r\nQUIT\r\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("331 Please specify the password.", in.readLine());
            assertEquals("230 Login successful.", in.readLine());
            assertEquals("257 \"/\" is the current directory", in.readLine());
            assertEquals("530 Can't change to another user.", in.readLine());
            assertEquals("221 Goodbye.", in.readLine());
        } finally {
            stop(torsion);
        }
    }

    private Path tls(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/dev/torsion/plugin/ftp/tls/" + name)) {
            Path file = temp.resolve(name);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
    void curlOverFtpAndFtps() throws Exception {
        Path root = Files.createDirectories(temp.resolve("root"));
        byte[] data = new byte[2 * 1024 * 1024 + 1];
        new Random(959).nextBytes(data);
        Files.write(root.resolve("data.bin"), data);
        int port = FreePorts.tcp();
        int passive = FreePorts.tcp();
        PeerProcess torsion = start(port, root, "--passive-ports", passive + "-" + passive,
                "--certificate", tls("server.pem").toString(), "--private-key", tls("server-key.pem").toString());
        try {
            String url = "ftp://alice:secret@127.0.0.1:" + port + "/";
            Path copy = temp.resolve("copy.bin");
            Programs.run(List.of("/usr/bin/curl", "-sS", "-o", copy.toString(), url + "data.bin"));
            assertArrayEquals(data, Files.readAllBytes(copy));
            Programs.run(List.of("/usr/bin/curl", "-sS", "--ssl-reqd", "--cacert", tls("ca.pem").toString(), "-T", copy.toString(), url + "up.bin"));
            assertArrayEquals(data, Files.readAllBytes(root.resolve("up.bin")));
            String listing = Programs.run(List.of("/usr/bin/curl", "-sS", "--ssl-reqd", "--cacert", tls("ca.pem").toString(), "-l", url));
            assertEquals(List.of("data.bin", "up.bin"), listing.lines().toList());
            String anonymous = Programs.run(List.of("/usr/bin/curl", "-sS", "ftp://127.0.0.1:" + port + "/data.bin", "-o", "/dev/null", "-w", "%{size_download}"));
            assertEquals(Integer.toString(data.length), anonymous);
        } finally {
            stop(torsion);
        }
    }
}
