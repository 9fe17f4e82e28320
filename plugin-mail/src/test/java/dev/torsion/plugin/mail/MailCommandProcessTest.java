package dev.torsion.plugin.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.netty.NettyReactor;
import dev.torsion.netty.testing.FreePorts;
import dev.torsion.netty.testing.PeerProcess;
import dev.torsion.netty.testing.TorsionCommand;
import dev.torsion.smtp.codec.Mailbox;
import dev.torsion.smtp.server.Envelope;
import dev.torsion.smtp.server.MessageDelivery;
import dev.torsion.smtp.server.MessageReceiver;
import dev.torsion.smtp.server.SessionInfo;
import dev.torsion.smtp.server.SmtpServerConfig;
import dev.torsion.smtp.server.SmtpServerFactory;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code torsion mail} as a user runs it: the runner in a JVM of its own, SMTP in and POP3 and IMAP
 * out over real sockets, stopped with SIGTERM. Under the interop profile swaks sends while three
 * Python poplib clients read, and curl reads over imap://.
 */
class MailCommandProcessTest {
    @TempDir
    Path root;

    /** A line-oriented client on a socket. */
    private static final class Client implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Client(int port) throws Exception {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(30_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** The last line of the next (possibly multi-line) SMTP reply. */
        String reply() throws IOException {
            String line;
            do {
                line = in.readLine();
            } while (line != null && line.length() > 3 && line.charAt(3) == '-');
            return line;
        }

        String line() throws IOException {
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private PeerProcess start(int smtp, int pop3, Path mail, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("mail",
                "--smtp", "tcp:" + smtp + ":interface=127.0.0.1", "--pop3", "tcp:" + pop3 + ":interface=127.0.0.1",
                "--domain", "example.org=" + mail, "--user", "alice=secret", "--hostname", "mx.example.org"));
        args.addAll(List.of(extra));
        return PeerProcess.start(TorsionCommand.of(args), root.resolve("torsion.out"), smtp, pop3);
    }

    private static void sendOne(Client smtp, String subject) throws IOException {
        smtp.send("MAIL FROM:<bob@sender.example>\r\nRCPT TO:<alice@example.org>\r\nDATA\r\n");
        assertEquals("250 2.1.0 Ok", smtp.reply());
        assertEquals("250 2.1.5 Ok", smtp.reply());
        assertTrue(smtp.reply().startsWith("354 "));
        smtp.send("Subject: " + subject + "\r\n\r\nhello\r\n.\r\n");
        String reply = smtp.reply();
        assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
    }

    private void stop(PeerProcess torsion) throws Exception {
        assertEquals(0, torsion.terminate(), torsion.log());
        String transcript = torsion.log();
        assertTrue(!transcript.contains("secret"), "a password reached the log:\n" + transcript);
    }

    @Test
    void deliversOverSmtpAndServesOverPop3UntilSigterm() throws Exception {
        int smtpPort = FreePorts.tcp();
        int pop3Port = FreePorts.tcp();
        Path mail = root.resolve("example.org");
        PeerProcess torsion = start(smtpPort, pop3Port, mail);
        try {
            try (Client smtp = new Client(smtpPort)) {
                assertEquals("220 mx.example.org ESMTP Torsion", smtp.reply());
                smtp.send("EHLO client.example\r\n");
                assertEquals("250 AUTH PLAIN LOGIN", smtp.reply());
                sendOne(smtp, "first");
                smtp.send("RCPT TO:<nobody@example.org>\r\nQUIT\r\n");
                assertEquals("503 5.5.1 Error: need MAIL command", smtp.reply());
                assertEquals("221 2.0.0 Bye", smtp.reply());
            }
            try (Client pop = new Client(pop3Port)) {
                assertEquals("+OK POP3 server ready", pop.line());
                pop.send("USER alice@example.org\r\nPASS secret\r\nSTAT\r\nRETR 1\r\n");
                assertEquals("+OK Send your password", pop.line());
                assertEquals("+OK Logged in, 1 messages", pop.line());
                assertTrue(pop.line().startsWith("+OK 1 "));
                assertTrue(pop.line().endsWith(" octets"));
                assertEquals("Return-Path: <bob@sender.example>", pop.line());
                assertEquals("Received: from client.example ([127.0.0.1])", pop.line());
                StringBuilder rest = new StringBuilder();
                for (String line = pop.line(); !line.equals("."); line = pop.line()) {
                    rest.append(line).append('\n');
                }
                assertTrue(rest.toString().endsWith("Subject: first\n\nhello\n"), rest.toString());
                pop.send("DELE 1\r\nQUIT\r\n");
                assertEquals("+OK Message 1 deleted", pop.line());
                assertEquals("+OK Bye, 1 messages deleted", pop.line());
            }
            assertEquals(0, count(mail.resolve("alice").resolve("new")) + count(mail.resolve("alice").resolve("cur")));
            stop(torsion);
        } finally {
            torsion.close();
        }
    }

    @Test
    void sigtermInTheMiddleOfDataLosesNothingAcknowledged() throws Exception {
        int smtpPort = FreePorts.tcp();
        int pop3Port = FreePorts.tcp();
        Path mail = root.resolve("example.org");
        PeerProcess torsion = start(smtpPort, pop3Port, mail);
        try (Client done = new Client(smtpPort); Client halfway = new Client(smtpPort)) {
            done.reply();
            halfway.reply();
            done.send("HELO a\r\n");
            halfway.send("HELO b\r\n");
            done.reply();
            halfway.reply();
            sendOne(done, "acknowledged");
            halfway.send("MAIL FROM:<bob@sender.example>\r\nRCPT TO:<alice@example.org>\r\nDATA\r\n");
            halfway.reply();
            halfway.reply();
            assertTrue(halfway.reply().startsWith("354 "));
            halfway.send("Subject: cut short\r\n\r\nthe first half of a message\r\n");
            stop(torsion);
        } finally {
            torsion.close();
        }
        Path alice = mail.resolve("alice");
        List<String> texts = new ArrayList<>();
        for (String dir : new String[] {"new", "cur"}) {
            try (Stream<Path> files = Files.list(alice.resolve(dir))) {
                for (Path file : files.toList()) {
                    texts.add(Files.readString(file));
                }
            }
        }
        assertEquals(1, texts.size(), texts.toString());
        assertTrue(texts.get(0).endsWith("\r\nSubject: acknowledged\r\n\r\nhello\r\n"), texts.get(0));
        assertEquals(0, count(alice.resolve("tmp")), "no half-written file left in tmp/");
    }

    @Test
    void relaysForListedNetworksThroughTheQueueToASmartHost() throws Exception {
        BlockingQueue<String> relayed = new LinkedBlockingQueue<>();
        NettyReactor reactor = NettyReactor.create();
        Thread thread = new Thread(reactor::run, "smarthost");
        thread.start();
        MessageDelivery sink = new MessageDelivery() {
            @Override
            public Deferred<Void> validateTo(SessionInfo session, Mailbox from, Mailbox to) {
                return Deferred.succeed(null);
            }

            @Override
            public MessageReceiver startMessage(Envelope envelope) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                return new MessageReceiver() {
                    @Override
                    public void write(byte[] data) {
                        content.writeBytes(data);
                    }

                    @Override
                    public Deferred<Void> end() {
                        relayed.add(envelope.recipients() + "|" + content.toString(StandardCharsets.UTF_8));
                        return Deferred.succeed(null);
                    }

                    @Override
                    public void abort() {
                    }
                };
            }
        };
        int smarthost = FreePorts.tcp();
        reactor.blockingCallFromThread(() -> reactor.listenTCP(smarthost, new SmtpServerFactory(SmtpServerConfig.of("smarthost.example"), sink, reactor), 50, "127.0.0.1"));
        int smtpPort = FreePorts.tcp();
        PeerProcess torsion = start(smtpPort, FreePorts.tcp(), root.resolve("example.org"), "--relay", root.resolve("queue").toString(),
                "--relay-network", "127.0.0.0/8", "--smarthost", "tcp:127.0.0.1:" + smarthost);
        try (Client smtp = new Client(smtpPort)) {
            smtp.reply();
            smtp.send("HELO client.example\r\nMAIL FROM:<alice@example.org>\r\nRCPT TO:<friend@elsewhere.example>\r\nDATA\r\n");
            assertEquals("250 mx.example.org", smtp.reply());
            assertEquals("250 2.1.0 Ok", smtp.reply());
            assertEquals("250 2.1.5 Ok", smtp.reply());
            assertTrue(smtp.reply().startsWith("354 "));
            smtp.send("Subject: far away\r\n\r\nrelayed\r\n.\r\n");
            assertTrue(smtp.reply().startsWith("250 2.0.0 Ok: queued as "));
            String message = relayed.poll(30, TimeUnit.SECONDS);
            assertTrue(message != null && message.startsWith("[friend@elsewhere.example]|Received: from "), String.valueOf(message));
            assertTrue(message.endsWith("\r\nSubject: far away\r\n\r\nrelayed\r\n"), message);
            stop(torsion);
        } finally {
            torsion.close();
            reactor.callFromThread(reactor::stop);
            thread.join(15_000);
        }
    }

    @Test
    void servesImapFromTheSameMaildirs() throws Exception {
        int smtpPort = FreePorts.tcp();
        int pop3Port = FreePorts.tcp();
        int imapPort = FreePorts.tcp();
        Path mail = root.resolve("example.org");
        PeerProcess torsion = start(smtpPort, pop3Port, mail, "--imap", "tcp:" + imapPort + ":interface=127.0.0.1");
        torsion.awaitListening(imapPort);
        try {
            try (Client smtp = new Client(smtpPort)) {
                smtp.reply();
                smtp.send("EHLO client.example\r\n");
                smtp.reply();
                sendOne(smtp, "over imap");
            }
            try (Client imap = new Client(imapPort)) {
                assertTrue(imap.line().startsWith("* OK [CAPABILITY IMAP4rev1 "));
                imap.send("a LOGIN alice secret\r\nb SELECT INBOX\r\nc FETCH 1 (BODY[HEADER.FIELDS (SUBJECT)] FLAGS)\r\nd LOGOUT\r\n");
                assertTrue(imap.line().startsWith("a OK "));
                List<String> select = new ArrayList<>();
                String line;
                while (!(line = imap.line()).startsWith("b ")) {
                    select.add(line);
                }
                assertTrue(select.contains("* 1 EXISTS"), select.toString());
                assertEquals("b OK [READ-WRITE] SELECT completed", line);
                assertEquals("* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {22}", imap.line());
                assertEquals("Subject: over imap", imap.line());
                assertEquals("", imap.line());
                assertEquals(" FLAGS (\\Seen \\Recent))", imap.line());
                assertEquals("c OK FETCH completed", imap.line());
                assertEquals("* BYE Logging out", imap.line());
                assertEquals("d OK LOGOUT completed", imap.line());
            }
            stop(torsion);
        } finally {
            torsion.close();
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
    void curlReadsOverImap() throws Exception {
        int smtpPort = FreePorts.tcp();
        int pop3Port = FreePorts.tcp();
        int imapPort = FreePorts.tcp();
        Path mail = root.resolve("example.org");
        PeerProcess torsion = start(smtpPort, pop3Port, mail, "--imap", "tcp:" + imapPort + ":interface=127.0.0.1");
        torsion.awaitListening(imapPort);
        try {
            try (Client smtp = new Client(smtpPort)) {
                smtp.reply();
                smtp.send("EHLO client.example\r\n");
                smtp.reply();
                sendOne(smtp, "for curl");
            }
            Process curl = new ProcessBuilder("/usr/bin/curl", "-sS", "--user", "alice:secret", "imap://127.0.0.1:" + imapPort + "/INBOX;UID=1")
                    .redirectErrorStream(true).start();
            byte[] out = curl.getInputStream().readAllBytes();
            assertTrue(curl.waitFor(30, TimeUnit.SECONDS));
            String text = new String(out, StandardCharsets.UTF_8);
            assertEquals(0, curl.exitValue(), text);
            assertTrue(text.startsWith("Return-Path: <bob@sender.example>\r\nReceived: from "), text);
            assertTrue(text.endsWith("\r\nSubject: for curl\r\n\r\nhello\r\n"), text);
            stop(torsion);
        } finally {
            torsion.close();
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
    void swaksDeliversWhileThreePoplibClientsRead() throws Exception {
        int smtpPort = FreePorts.tcp();
        int pop3Port = FreePorts.tcp();
        Path mail = root.resolve("example.org");
        PeerProcess torsion = start(smtpPort, pop3Port, mail);
        String reader = """
                import poplib, sys, time
                port, want = int(sys.argv[1]), int(sys.argv[2])
                deadline = time.time() + 60
                while True:
                    box = poplib.POP3('127.0.0.1', port)
                    box.user('alice')
                    box.pass_('secret')
                    count, size = box.stat()
                    total = 0
                    for n in range(1, count + 1):
                        resp, lines, octets = box.retr(n)
                        assert b'delivered while reading' in lines, lines
                        total += 1
                    box.quit()
                    if total >= want:
                        print(total)
                        break
                    assert time.time() < deadline, 'only %d messages' % total
                """;
        Path script = root.resolve("reader.py");
        Files.writeString(script, reader);
        try {
            List<Process> readers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                readers.add(new ProcessBuilder("/usr/bin/python3", script.toString(), Integer.toString(pop3Port), "10")
                        .redirectErrorStream(true).redirectOutput(root.resolve("reader" + i + ".out").toFile()).start());
            }
            for (int i = 0; i < 10; i++) {
                Process swaks = new ProcessBuilder("/usr/bin/swaks", "--server", "127.0.0.1:" + smtpPort, "--from", "bob@sender.example",
                        "--to", "alice@example.org", "--body", "delivered while reading", "--silent", "2")
                        .redirectErrorStream(true).redirectOutput(root.resolve("swaks.out").toFile()).start();
                assertTrue(swaks.waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, swaks.exitValue(), Files.readString(root.resolve("swaks.out")));
            }
            for (int i = 0; i < 3; i++) {
                assertTrue(readers.get(i).waitFor(60, TimeUnit.SECONDS), "reader " + i + " did not finish");
                assertEquals(0, readers.get(i).exitValue(), Files.readString(root.resolve("reader" + i + ".out")));
            }
            stop(torsion);
        } finally {
            torsion.close();
        }
    }

    /** Files in one directory (0 when it does not exist). */
    private static long count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    /** Connects, retried while the server is still starting (connection refused) until the deadline. */
}
