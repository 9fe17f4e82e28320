package dev.torsion.ssh.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;
import dev.torsion.ssh.SshLimits;
import dev.torsion.ssh.cipher.CipherAlgorithm;
import dev.torsion.ssh.cipher.MacAlgorithm;
import dev.torsion.ssh.support.TestServer;
import dev.torsion.ssh.transport.TransportConfig;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JSch (a second, independent SSH implementation, test scope only) against our server on a real
 * socket: it cross-checks the key exchanges OpenSSH 9.2 lacks (mlkem768x25519-sha256) and the
 * encrypt-and-MAC forms that are off by default.
 */
class JschPeerTest {
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dir, TransportConfig.DEFAULTS.withCiphers(List.of(CipherAlgorithm.values()),
                List.of(MacAlgorithm.values())), SshLimits.DEFAULTS);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static String exec(String kex, String cipher, String mac) throws Exception {
        JSch jsch = new JSch();
        jsch.addIdentity(server.clientKeyFile.toString());
        jsch.setKnownHosts(server.knownHosts().toString());
        Session session = jsch.getSession(TestServer.USER, "127.0.0.1", server.port);
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("kex", kex);
        session.setConfig("server_host_key", "ssh-ed25519");
        session.setConfig("cipher.c2s", cipher);
        session.setConfig("cipher.s2c", cipher);
        session.setConfig("mac.c2s", mac);
        session.setConfig("mac.s2c", mac);
        session.setConfig("PreferredAuthentications", "publickey");
        session.connect(30_000);
        try {
            ChannelExec channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand("echo " + kex + " " + cipher);
            InputStream in = channel.getInputStream();
            channel.connect(30_000);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            // exit-status comes before EOF (RFC 4254 section 6.10), so it is known once the output ended.
            assertEquals(0, channel.getExitStatus());
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            session.disconnect();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlkem768x25519-sha256", "sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com",
        "curve25519-sha256", "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512"})
    void keyExchanges(String kex) throws Exception {
        assertEquals(kex + " aes128-ctr\n", exec(kex, "aes128-ctr", "hmac-sha2-256-etm@openssh.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chacha20-poly1305@openssh.com/hmac-sha2-256-etm@openssh.com",
        "aes256-gcm@openssh.com/hmac-sha2-256-etm@openssh.com", "aes192-ctr/hmac-sha2-512-etm@openssh.com",
        "aes256-ctr/hmac-sha2-256", "aes128-ctr/hmac-sha2-512"})
    void ciphersAndMacs(String pair) throws Exception {
        String[] parts = pair.split("/");
        assertEquals("curve25519-sha256 " + parts[0] + "\n", exec("curve25519-sha256", parts[0], parts[1]));
    }
}
