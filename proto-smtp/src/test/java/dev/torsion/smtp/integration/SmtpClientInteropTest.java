package dev.torsion.smtp.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.netty.testing.FreePorts;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.netty.testing.Programs;
import dev.torsion.smtp.client.SendResult;
import dev.torsion.smtp.client.SmtpClientConfig;
import dev.torsion.smtp.client.SmtpSender;
import dev.torsion.smtp.client.TlsMode;
import dev.torsion.smtp.server.SmtpServerConfig;
import dev.torsion.smtp.support.SmtpFixture;
import dev.torsion.smtp.support.TlsFixture;
import dev.torsion.tls.TlsOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our SMTP client against real servers: Python's aiosmtpd (plain, STARTTLS required with AUTH) and
 * Postfix's smtp-sink; and Postfix's smtp-source sending to our server with 5 sessions in parallel.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class SmtpClientInteropTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Path POSTFIX = Path.of("/opt/postfix-tools");

    @TempDir
    static Path temp;
    static TlsFixture tls;
    static LiveReactor live;
    static Process aiosmtpd;
    static int aiosmtpdPort;
    static Path spool;

    private static final String AIOSMTPD = """
            import asyncio, os, ssl, sys
            from aiosmtpd.controller import Controller
            from aiosmtpd.smtp import AuthResult
            port, spool, cert, key = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
            class Spool:
                count = 0
                async def handle_DATA(self, server, session, envelope):
                    Spool.count += 1
                    with open(os.path.join(spool, 'msg%d' % Spool.count), 'wb') as f:
                        f.write(('%s|%s|%s\\n' % (envelope.mail_from, ','.join(envelope.rcpt_tos), session.auth_data.login.decode() if session.authenticated else '-')).encode())
                        f.write(envelope.original_content)
                    return '250 OK stored'
            def authenticator(server, session, envelope, mechanism, auth_data):
                ok = auth_data.login == b'alice' and auth_data.password == b'secret'
                return AuthResult(success=ok, auth_data=auth_data if ok else None)
            ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ctx.load_cert_chain(cert, key)
            c = Controller(Spool(), hostname='127.0.0.1', port=port, tls_context=ctx, require_starttls=True,
                           authenticator=authenticator, auth_require_tls=True)
            c.start()
            print('ready', flush=True)
            sys.stdin.read()
            c.stop()
            """;

    @BeforeAll
    static void start() throws Exception {
        tls = new TlsFixture(Files.createDirectories(temp.resolve("tls")));
        live = new LiveReactor();
        spool = Files.createDirectories(temp.resolve("spool"));
        Path script = temp.resolve("aiosmtpd_server.py");
        Files.writeString(script, AIOSMTPD);
        aiosmtpdPort = FreePorts.tcp();
        Programs.require(PYTHON);
        aiosmtpd = new ProcessBuilder(PYTHON, script.toString(), Integer.toString(aiosmtpdPort), spool.toString(),
                temp.resolve("tls").resolve("server.pem").toString(), temp.resolve("tls").resolve("server-key.pem").toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(aiosmtpd.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", out.readLine(), "aiosmtpd did not start");
    }

    @AfterAll
    static void stop() throws Exception {
        aiosmtpd.getOutputStream().close();
        if (!aiosmtpd.waitFor(10, TimeUnit.SECONDS)) {
            aiosmtpd.destroy();
        }
        live.close();
    }

    private SendResult send(int port, SmtpClientConfig config, List<String> to, String message) throws Exception {
        return live.await(() -> SmtpSender.sendmail(live.reactor, Endpoints.clientFromString(live.reactor, "tcp:127.0.0.1:" + port),
                config, "bob@sender.example", to, message.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Path> spooled() throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            return files.sorted().toList();
        }
    }

    @Test
    void sendsToAiosmtpdOverRequiredStartTlsWithAuth() throws Exception {
        SmtpClientConfig config = SmtpClientConfig.of("client.example")
                .withTls(TlsMode.REQUIRED, TlsOptions.client(tls.clientContext, "localhost"))
                .withAuth("alice", "secret");
        int before = spooled().size();
        SendResult result = send(aiosmtpdPort, config, List.of("x@example.org", "y@example.org"),
                "Subject: to aiosmtpd\n\n.dot line\nGrüße\n");
        assertEquals("250 OK stored", result.finalReply().toString());
        List<Path> files = spooled();
        assertEquals(before + 1, files.size());
        String stored = Files.readString(files.get(files.size() - 1));
        assertEquals("bob@sender.example|x@example.org,y@example.org|alice\nSubject: to aiosmtpd\r\n\r\n.dot line\r\nGrüße\r\n", stored);
    }

    @Test
    void aiosmtpdRefusesMailWithoutTlsAndTheClientReportsIt() throws Exception {
        Exception error = assertThrows(Exception.class,
                () -> send(aiosmtpdPort, SmtpClientConfig.of("client.example"), List.of("x@example.org"), "Subject: x\n\nx\n"));
        assertTrue(error.getMessage().contains("530"), error.getMessage());
    }

    @Test
    void sendsToPostfixSmtpSink() throws Exception {
        Path sink = POSTFIX.resolve("usr/sbin/smtp-sink");
        Programs.require(sink.toString());
        int port = FreePorts.tcp();
        List<String> command = new ArrayList<>(List.of(sink.toString(), "-c"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "nobody")); // smtp-sink refuses to run as root
        }
        command.addAll(List.of("127.0.0.1:" + port, "10"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(temp.resolve("sink.out").toFile());
        builder.environment().put("LD_LIBRARY_PATH", POSTFIX.resolve("usr/lib/postfix").toString());
        Process process = builder.start();
        try {
            for (int i = 0; i < 5; i++) {
                SendResult result = sendWhenListening(port, "Subject: sink " + i + "\n\nbody\n");
                assertEquals(250, result.finalReply().code());
                assertEquals(List.of("alice@example.org"), result.accepted());
            }
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Retries the first send while smtp-sink is still starting (connection refused). */
    private SendResult sendWhenListening(int port, String message) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return send(port, SmtpClientConfig.of("client.example"), List.of("alice@example.org"), message);
            } catch (Exception e) {
                if (System.nanoTime() > deadline || !String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("refused")) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(50); // poll interval while smtp-sink starts
            }
        }
    }

    @Test
    void postfixSmtpSourceSendsInParallelToOurServer() throws Exception {
        Path source = POSTFIX.resolve("usr/sbin/smtp-source");
        try (SmtpFixture server = new SmtpFixture(SmtpServerConfig.of("mx.example.org"))) {
            ProcessBuilder builder = new ProcessBuilder(source.toString(), "-s", "5", "-m", "200", "-l", "2000",
                    "-f", "bob@sender.example", "-t", "alice@example.org", "127.0.0.1:" + server.port).redirectErrorStream(true);
            builder.environment().put("LD_LIBRARY_PATH", POSTFIX.resolve("usr/lib/postfix").toString());
            Programs.require(source.toString());
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), out);
            for (int i = 0; i < 200; i++) {
                assertTrue(server.nextMessage().body().length() >= 2000);
            }
        }
    }
}
