package dev.torsion.ssh.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.netty.testing.Programs;
import dev.torsion.ssh.support.TestServer;
import dev.torsion.ssh.transport.HostKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OpenSSH's {@code ssh} (and sshpass, paramiko) against our server: exec with key and password, every algorithm. */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class OpenSshClientInteropTest {
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    record Result(int status, String stdout, String stderr) {
    }

    static Result run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "timed out: " + command);
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    static List<String> ssh(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/ssh", "-F", "/dev/null", "-p", String.valueOf(server.port),
                "-o", "UserKnownHostsFile=" + server.knownHosts(), "-o", "StrictHostKeyChecking=yes",
                "-o", "IdentitiesOnly=yes"));
        command.addAll(List.of(options));
        if (!command.contains("LogLevel=INFO")) {
            command.addAll(List.of("-o", "LogLevel=ERROR"));
        }
        if (!command.contains("BatchMode=no")) {
            command.addAll(List.of("-o", "BatchMode=yes"));
        }
        return command;
    }

    static List<String> withTarget(List<String> command, String remote) {
        command.add(TestServer.USER + "@127.0.0.1");
        command.add(remote);
        return command;
    }

    @Test
    void execWithKey() throws Exception {
        Result result = run(withTarget(ssh("-i", server.clientKeyFile.toString()), "echo out; echo err >&2; exit 7"));
        assertEquals(7, result.status(), result.stderr());
        assertEquals("out\n", result.stdout());
        assertEquals("err\n", result.stderr());
    }

    @Test
    void directTcpipThroughStdioForwarding() throws Exception {
        int echo = server.echoServer();
        List<String> command = ssh("-i", server.clientKeyFile.toString(), "-W", "127.0.0.1:" + echo);
        command.add(TestServer.USER + "@127.0.0.1");
        Process process = new ProcessBuilder(command).start();
        byte[] payload = new byte[1_000_000];
        new Random(5).nextBytes(payload);
        Thread writer = new Thread(() -> {
            try (var in = process.getOutputStream()) {
                in.write(payload);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.start();
        byte[] echoed = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        writer.join(10_000);
        assertEquals(0, process.exitValue(), new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertArrayEquals(payload, echoed);
    }

    static Result withStdin(List<String> command, String stdin, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process process = builder.start();
        try (var in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void shellUnderARealPseudoTerminal() throws Exception {
        List<String> command = ssh("-i", server.clientKeyFile.toString(), "-tt");
        command.add(TestServer.USER + "@127.0.0.1");
        Result result = withStdin(command, "tty; echo term=$TERM; stty size; exit 4\n", Map.of("TERM", "vt220"));
        assertEquals(4, result.status(), result.stderr());
        assertTrue(result.stdout().contains("/dev/pts/"), result.stdout());
        assertTrue(result.stdout().contains("term=vt220"), result.stdout());
    }

    /**
     * RFC 4254 section 6.7 through OpenSSH: expect runs {@code ssh -tt} on a terminal of its own and
     * resizes that terminal; ssh hears SIGWINCH and sends window-change; the command in the remote
     * terminal's foreground hears SIGWINCH in turn and sees the new size with {@code stty size}.
     */
    @Test
    @Timeout(60)
    void windowChangeUnderExpect() throws Exception {
        Programs.require("/usr/bin/expect");
        Path script = dir.resolve("resize.exp");
        Files.writeString(script, String.join("\n",
                "set timeout 20",
                "set stty_init {rows 24 columns 80}",
                // The patterns as separate words: inside a braced block expect would not substitute
                // $text, and each wait would end only by its timeout.
                "proc want {text} { expect -ex $text {} timeout { puts \"\\nTIMEOUT waiting for $text\"; exit 2 }"
                        + " eof { puts \"\\nEOF waiting for $text\"; exit 3 } }",
                "spawn {*}$argv",
                "send \"stty size; echo M1\\r\"",
                "want \"24 80\\r\\nM1\"",
                "send \"sh -c 'trap \\\"stty size; echo WINCHED; exit 0\\\" WINCH; echo ARMED; "
                        + "while :; do sleep 0.1; done'\\r\"",
                "want \"ARMED\\r\\n\"",
                "exec stty -F $spawn_out(slave,name) rows 43 cols 132",
                "want \"43 132\\r\\nWINCHED\"",
                "send \"exit 6\\r\"",
                "expect eof",
                "lassign [wait] pid spawnid oserror status",
                "exit $status",
                ""));
        List<String> command = new ArrayList<>(List.of("/usr/bin/expect", "-f", script.toString()));
        command.addAll(ssh("-i", server.clientKeyFile.toString(), "-tt"));
        command.add(TestServer.USER + "@127.0.0.1");
        Result result = run(command);
        assertEquals(6, result.status(), result.stdout() + result.stderr());
        assertTrue(result.stdout().contains("43 132\r\nWINCHED"), result.stdout());
    }

    @Test
    void shellWithoutATerminal() throws Exception {
        List<String> command = ssh("-i", server.clientKeyFile.toString(), "-T");
        command.add(TestServer.USER + "@127.0.0.1");
        Result result = withStdin(command, "echo $((6 * 7)); tty; exit 5\n", Map.of());
        assertEquals(5, result.status(), result.stderr());
        assertEquals("42\nnot a tty\n", result.stdout());
    }

    @Test
    @Timeout(60)
    void remoteForwardWithDashR() throws Exception {
        int echo = server.echoServer();
        List<String> command = ssh("-i", server.clientKeyFile.toString(), "-N", "-o", "ExitOnForwardFailure=yes",
                "-o", "LogLevel=INFO", "-R", "0:127.0.0.1:" + echo);
        command.add(TestServer.USER + "@127.0.0.1");
        Process process = new ProcessBuilder(command).start();
        try {
            BufferedReader stderr = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
            String line = stderr.readLine();
            while (line != null && !line.startsWith("Allocated port ")) {
                line = stderr.readLine();
            }
            assertTrue(line != null, "ssh did not report the allocated port");
            int port = Integer.parseInt(line.split(" ")[2]);
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(30_000);
                byte[] payload = new byte[300_000];
                new Random(6).nextBytes(payload);
                Thread writer = new Thread(() -> {
                    try {
                        socket.getOutputStream().write(payload);
                        socket.shutdownOutput();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                writer.start();
                assertArrayEquals(payload, socket.getInputStream().readAllBytes());
                writer.join(10_000);
            }
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void authorizedKeysOptionsBindTheSession() throws Exception {
        Result forced = run(withTarget(ssh("-i", server.restrictedKeyFile.toString()), "cat /etc/passwd"));
        assertEquals(0, forced.status(), forced.stderr());
        assertEquals("forced: cat /etc/passwd\n", forced.stdout());
        List<String> tunnel = ssh("-i", server.restrictedKeyFile.toString(), "-W", "127.0.0.1:" + server.echoServer());
        tunnel.add(TestServer.USER + "@127.0.0.1");
        Result refused = run(tunnel);
        assertEquals(255, refused.status(), refused.stderr());
        assertTrue(refused.stderr().contains("stdio forwarding failed"), refused.stderr());
        List<String> terminal = ssh("-i", server.restrictedKeyFile.toString(), "-tt");
        terminal.add(TestServer.USER + "@127.0.0.1");
        Result noPty = withStdin(terminal, "", Map.of());
        assertTrue(noPty.stderr().contains("PTY allocation request failed"), noPty.stderr());
    }

    /**
     * sshd(8)'s permitopen and permitlisten on an authorized_keys line: -W to the permitted
     * destination works and to another is refused; -R on the permitted port works and on another
     * is refused.
     */
    @Test
    @Timeout(60)
    void permitOpenAndPermitListenBindForwarding() throws Exception {
        int echo = server.echoServer();
        int other = server.echoServer();
        int listenPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            listenPort = probe.getLocalPort();
        }
        HostKey key = HostKey.generate(new SecureRandom(), "alice@permit");
        Path keyFile = dir.resolve("id_permit");
        key.write(keyFile);
        Files.writeString(server.authorizedKeys, "permitopen=\"127.0.0.1:" + echo + "\",permitlisten=\"localhost:"
                + listenPort + "\" " + key.publicKeyLine() + "\n", StandardOpenOption.APPEND);

        List<String> allowed = ssh("-i", keyFile.toString(), "-W", "127.0.0.1:" + echo);
        allowed.add(TestServer.USER + "@127.0.0.1");
        Result echoed = withStdin(allowed, "through permitopen\n", Map.of());
        assertEquals(0, echoed.status(), echoed.stderr());
        assertEquals("through permitopen\n", echoed.stdout());
        List<String> refused = ssh("-i", keyFile.toString(), "-W", "127.0.0.1:" + other);
        refused.add(TestServer.USER + "@127.0.0.1");
        Result notPermitted = withStdin(refused, "x\n", Map.of());
        assertEquals(255, notPermitted.status(), notPermitted.stderr());
        assertTrue(notPermitted.stderr().contains("stdio forwarding failed"), notPermitted.stderr());

        Result listens = run(withTarget(ssh("-i", keyFile.toString(), "-o", "ExitOnForwardFailure=yes",
                "-R", listenPort + ":127.0.0.1:" + echo), "echo listening"));
        assertEquals(0, listens.status(), listens.stderr());
        assertEquals("listening\n", listens.stdout());
        Result cannotListen = run(withTarget(ssh("-i", keyFile.toString(), "-o", "ExitOnForwardFailure=yes",
                "-R", (listenPort == 65535 ? listenPort - 1 : listenPort + 1) + ":127.0.0.1:" + echo), "echo listening"));
        assertEquals(255, cannotListen.status(), cannotListen.stderr());
        assertTrue(cannotListen.stderr().contains("remote port forwarding failed"), cannotListen.stderr());
    }

    @Test
    void execWithPassword() throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/sshpass", "-p", TestServer.PASSWORD));
        command.addAll(ssh("-o", "BatchMode=no", "-o", "PubkeyAuthentication=no",
                "-o", "PreferredAuthentications=password"));
        Result result = run(withTarget(command, "echo $USER"));
        assertEquals(0, result.status(), result.stderr());
        assertEquals("alice\n", result.stdout());
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/sshpass", "-p", "wrong"));
        command.addAll(ssh("-o", "BatchMode=no", "-o", "PubkeyAuthentication=no",
                "-o", "PreferredAuthentications=password", "-o", "NumberOfPasswordPrompts=1"));
        Result result = run(withTarget(command, "true"));
        assertEquals(255, result.status(), result.stderr());
        assertTrue(result.stderr().contains("Permission denied (publickey,password,keyboard-interactive)"),
                result.stderr());
    }

    /** RFC 4256 through OpenSSH: sshpass answers the server's one prompt. */
    @Test
    void keyboardInteractiveWithSshpass() throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/sshpass", "-p", TestServer.PASSWORD));
        command.addAll(ssh("-o", "BatchMode=no", "-o", "PubkeyAuthentication=no",
                "-o", "PreferredAuthentications=keyboard-interactive"));
        Result result = run(withTarget(command, "echo $USER"));
        assertEquals(0, result.status(), result.stderr());
        assertEquals("alice\n", result.stdout());
        List<String> wrong = new ArrayList<>(List.of("/usr/bin/sshpass", "-p", "wrong"));
        wrong.addAll(ssh("-o", "BatchMode=no", "-o", "PubkeyAuthentication=no",
                "-o", "PreferredAuthentications=keyboard-interactive", "-o", "NumberOfPasswordPrompts=1"));
        Result refused = run(withTarget(wrong, "echo $USER"));
        assertTrue(refused.status() != 0, refused.stderr());
        assertEquals("", refused.stdout());
    }

    /** RFC 4256 through paramiko's Transport.auth_interactive: the prompt it is shown, and the login. */
    @Test
    void paramikoKeyboardInteractive() throws Exception {
        String script = String.join("\n",
                "import sys, socket, paramiko",
                "t = paramiko.Transport(socket.create_connection(('127.0.0.1', int(sys.argv[1]))))",
                "t.start_client()",
                "seen = []",
                "def handler(title, instructions, prompts):",
                "    seen.extend(p for p, echo in prompts)",
                "    return [sys.argv[2] for p in prompts]",
                "try:",
                "    t.auth_interactive('alice', handler)",
                "except paramiko.AuthenticationException:",
                "    print('refused', seen); sys.exit(0)",
                "c = t.open_session(); c.exec_command('echo $USER')",
                "print(repr(c.makefile().read().decode()), c.recv_exit_status(), seen)");
        Result good = run(List.of("/usr/bin/python3", "-c", script, String.valueOf(server.port), TestServer.PASSWORD));
        assertEquals(0, good.status(), good.stderr());
        assertEquals("'alice\\n' 0 ['Password: ']\n", good.stdout());
        Result bad = run(List.of("/usr/bin/python3", "-c", script, String.valueOf(server.port), "wrong"));
        assertEquals(0, bad.status(), bad.stderr());
        assertEquals("refused ['Password: ']\n", bad.stdout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "key"})
    void paramikoExec(String login) throws Exception {
        String script = String.join("\n",
                "import sys, paramiko",
                "c = paramiko.SSHClient()",
                "c.load_host_keys(sys.argv[2])",
                "c.set_missing_host_key_policy(paramiko.RejectPolicy())",
                "kw = dict(password=sys.argv[4]) if sys.argv[3] == 'password' else "
                        + "dict(pkey=paramiko.Ed25519Key.from_private_key_file(sys.argv[4]))",
                "c.connect('127.0.0.1', port=int(sys.argv[1]), username='alice', allow_agent=False, "
                        + "look_for_keys=False, **kw)",
                "i, o, e = c.exec_command('cat; echo done; exit 4')",
                "i.write('from paramiko\\n'); i.channel.shutdown_write()",
                "out = o.read().decode(); status = o.channel.recv_exit_status()",
                "print(repr(out), status)");
        Result result = run(List.of("/usr/bin/python3", "-c", script, String.valueOf(server.port),
                server.knownHosts().toString(), login,
                login.equals("password") ? TestServer.PASSWORD : server.clientKeyFile.toString()));
        assertEquals(0, result.status(), result.stderr());
        assertEquals("'from paramiko\\ndone\\n' 4\n", result.stdout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sntrup761x25519-sha512@openssh.com", "curve25519-sha256", "curve25519-sha256@libssh.org",
        "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512"})
    void everyKeyExchange(String kex) throws Exception {
        Result result = run(withTarget(ssh("-i", server.clientKeyFile.toString(), "-o", "KexAlgorithms=" + kex), "echo " + kex));
        assertEquals(0, result.status(), result.stderr());
        assertEquals(kex + "\n", result.stdout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chacha20-poly1305@openssh.com/hmac-sha2-256-etm@openssh.com",
        "aes128-gcm@openssh.com/hmac-sha2-256-etm@openssh.com", "aes256-gcm@openssh.com/hmac-sha2-256-etm@openssh.com",
        "aes128-ctr/hmac-sha2-256-etm@openssh.com", "aes192-ctr/hmac-sha2-512-etm@openssh.com",
        "aes256-ctr/hmac-sha2-512-etm@openssh.com"})
    void everyCipher(String pair) throws Exception {
        String[] parts = pair.split("/");
        // 300 KB through the channel: several windows' worth of packets, many sequence numbers.
        Result result = run(withTarget(ssh("-i", server.clientKeyFile.toString(), "-c", parts[0], "-m", parts[1]),
                "head -c 300000 /dev/zero | od -An -c | tail -2"));
        assertEquals(0, result.status(), result.stderr());
        assertTrue(result.stdout().contains("\\0"), result.stdout());
    }
}
