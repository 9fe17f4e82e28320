package dev.torsion.mail.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.mail.MailService;
import dev.torsion.mail.MailSettings;
import dev.torsion.mail.delivery.Aliases;
import dev.torsion.mail.delivery.MailDomain;
import dev.torsion.mail.support.TlsFixture;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.netty.testing.Programs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IMAP server against real clients, on the Maildir that SMTP delivers into: Python's imaplib
 * (every command it has, STARTTLS, IDLE while smtplib delivers; a message sent by swaks read back
 * byte-identical through BODY[]; CONDSTORE and QRESYNC), isync's mbsync synchronising
 * both ways over STARTTLS, Python Twisted's IMAP4 client, fetchmail (STARTTLS, download and delete) and curl's imap://. One server for the class, a user per test.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class ImapInteropTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    static Path temp;
    static LiveReactor live;
    static TlsFixture tls;
    static ListeningPort smtp;
    static ListeningPort imap;
    static int smtpPort;
    static int imapPort;
    static MailDomain domain;

    @BeforeAll
    static void start() throws Exception {
        tls = new TlsFixture(Files.createDirectories(temp.resolve("tls")));
        live = new LiveReactor();
        domain = new MailDomain("example.org", temp.resolve("mail").resolve("example.org"), Set.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"), null);
        MailSettings settings = new MailSettings("localhost", List.of(domain), Aliases.none(),
                List.of(new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice@example.org", "secret").addUser("bob@example.org", "pw")
                        .addUser("carol@example.org", "pw3").addUser("dave@example.org", "pw4")
                        .addUser("erin@example.org", "pw5").addUser("frank@example.org", "pw6").addUser("grace@example.org", "pw7")
                        .addUser("heidi@example.org", "pw8")),
                tls.serverOptions);
        MailService service = live.call(() -> new MailService(live.reactor, settings));
        smtp = live.call(() -> live.reactor.listenTCP(0, service.smtpFactory(), 50, "127.0.0.1"));
        imap = live.call(() -> live.reactor.listenTCP(0, service.imapFactory(), 50, "127.0.0.1"));
        smtpPort = ((IPv4Address) smtp.getHost()).port();
        imapPort = ((IPv4Address) imap.getHost()).port();
    }

    @AfterAll
    static void stop() throws Exception {
        live.call(() -> {
            smtp.stopListening();
            return imap.stopListening();
        });
        live.close();
    }

    private static Map<String, String> runScript(String resource, String... args) throws Exception {
        Path script = temp.resolve(resource);
        try (InputStream in = ImapInteropTest.class.getResourceAsStream("/dev/torsion/mail/imap/" + resource)) {
            Files.write(script, in.readAllBytes());
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
        command.addAll(Arrays.asList(args));
        String out = Programs.run(command);
        Map<String, String> values = new HashMap<>();
        for (String line : out.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                values.put(line.substring(0, space), line.substring(space + 1).strip());
            }
        }
        return values;
    }

    @Test
    void imaplibRunsEveryCommand() throws Exception {
        Map<String, String> out = runScript("imaplib_session.py", Integer.toString(imapPort), Integer.toString(smtpPort), tls.caFile().toString());
        assertEquals("((\"\" \".\")) NIL NIL", out.get("namespace"));
        assertEquals("(\\Archive \\HasNoChildren) \".\" \"Archive\"", out.get("lsub"));
        assertTrue(out.get("list").contains("(\\Sent \\HasNoChildren) \".\" \"Sent\""), out.get("list"));
        assertEquals("1", out.get("exists"));
        String[] idle = out.get("idle").split(" ");
        assertEquals("* 2 EXISTS", idle[0] + " " + idle[1] + " " + idle[2], out.get("idle"));
        assertTrue(Double.parseDouble(idle[3]) < 1.0, "IDLE saw the SMTP delivery after " + idle[3] + " s");
        assertEquals("1 2", out.get("search"));
        assertEquals("1", out.get("search_charset"));
        assertEquals("True", out.get("body_sha"));
        assertTrue(out.get("envelope").contains("\"first from imaplib\" ((NIL NIL \"carol\" \"sender.example\"))"), out.get("envelope"));
        assertTrue(out.get("bodystructure").contains("BODYSTRUCTURE (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"utf-8\") NIL NIL \"7BIT\""),
                out.get("bodystructure"));
        assertEquals("1 (FLAGS (\\Flagged \\Seen \\Recent))", out.get("store"));
        assertTrue(out.get("copy").matches("\\[COPYUID \\d+ 1 1\\] COPY completed"), out.get("copy"));
        assertTrue(out.get("append").matches("\\[APPENDUID \\d+ 1\\] APPEND completed"), out.get("append"));
        assertEquals("OK", out.get("move"));
        assertTrue(out.get("status").matches("\"Archive\" \\(MESSAGES 2 UNSEEN 1 UIDNEXT 3\\)"), out.get("status"));
        assertEquals("OK 2 1", out.get("expunge"));
        assertEquals("1 (UID 1 FLAGS (\\Flagged \\Seen))", out.get("archive"));
        assertEquals("BYE", out.get("logout"));
    }

    @Test
    void imaplibEnablesImap4rev2() throws Exception {
        domain.maildirOf("heidi").create();
        String attachment = Base64.getEncoder().encodeToString(new byte[] {'a', 0, 'b'});
        domain.maildirOf("heidi").deliver(("Subject: first\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\n\r\nhi\r\n--B\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + attachment + "\r\n--B--\r\n").getBytes(StandardCharsets.US_ASCII));
        domain.maildirOf("heidi").deliver("Subject: second\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
        Map<String, String> out = runScript("rev2_session.py", Integer.toString(imapPort), tls.caFile().toString(), "heidi@example.org", "pw8");
        assertEquals("IMAP4rev1 IMAP4rev2 ESEARCH SEARCHRES BINARY", out.get("caps"));
        assertEquals("IMAP4rev2", out.get("enabled"));
        // The name goes as UTF-8 (a literal, as it is not ASCII), not as modified UTF-7.
        String name = "{9}<" + HexFormat.of().formatHex("Entwürfe".getBytes(StandardCharsets.UTF_8)) + ">";
        assertEquals("(\\HasNoChildren) \".\" " + name, out.get("list"));
        // On disk the folder is named as Dovecot names it (modified UTF-7): the one a rev1 client sees.
        assertTrue(Files.isDirectory(domain.maildirOf("heidi").root().resolve(".Entw&APw-rfe")), "Maildir++ folder");
        assertEquals("2", out.get("exists"));
        assertEquals("False", out.get("recent"));
        assertEquals("() \".\" \"INBOX\"", out.get("select_list"));
        assertTrue(out.get("esearch").matches("\\(TAG \"[A-Z0-9]+\"\\) ALL 1:2"), out.get("esearch"));
        assertEquals("1 (BINARY[2] ~{3}<610062> BINARY.SIZE[2] 3)", out.get("binary"));
        // SAVE alone answers no ESEARCH (RFC 5182 §2.4); $ then names message 2.
        assertEquals("False", out.get("saved"));
        assertEquals("2 (UID 2 FLAGS ())", out.get("fetch_saved"));
        assertEquals(name + " (MESSAGES 0 DELETED 0 SIZE 0)", out.get("status"));
        assertEquals("BYE", out.get("logout"));
    }

    @Test
    void imaplibUsesCondstoreAndQresync() throws Exception {
        domain.maildirOf("grace").create();
        for (int i = 1; i <= 3; i++) {
            domain.maildirOf("grace").deliver(("Subject: modseq " + i + "\r\n\r\nbody " + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        Map<String, String> out = runScript("condstore_session.py", Integer.toString(imapPort), tls.caFile().toString(),
                "grace@example.org", "pw7");
        assertEquals("CONDSTORE QRESYNC", out.get("caps"));
        assertEquals("CONDSTORE", out.get("enabled"));
        long h = Long.parseLong(out.get("highest"));
        // The three deliveries are the last three changes, in delivery order.
        assertEquals("1 (UID 1 MODSEQ (" + (h - 2) + ")) | 2 (UID 2 MODSEQ (" + (h - 1) + ")) | 3 (UID 3 MODSEQ (" + h + "))",
                out.get("modseqs"));
        assertEquals("1 (MODSEQ (" + (h + 1) + "))", out.get("store"));
        assertEquals("OK [MODIFIED 1] Conditional STORE failed 2 (MODSEQ (" + (h + 2) + "))", out.get("conditional"));
        assertEquals("1 (UID 1 MODSEQ (" + (h + 1) + ")) | 2 (UID 2 MODSEQ (" + (h + 2) + "))", out.get("changedsince"));
        assertEquals("1 2 (MODSEQ " + (h + 2) + ")", out.get("search"));
        assertEquals("\"INBOX\" (HIGHESTMODSEQ " + (h + 2) + " MESSAGES 3)", out.get("status"));
        assertEquals("QRESYNC", out.get("enabled_qresync"));
        // UID 3 was flagged \Deleted (h + 3) and expunged (h + 4) after the client's MODSEQ.
        assertEquals(Long.toString(h + 4), out.get("resync_highest"));
        assertEquals("(EARLIER) 3", out.get("resync_vanished"));
        assertEquals("", out.get("resync_fetch"));
        assertEquals("(EARLIER) 3", out.get("uid_fetch_vanished"));
        assertEquals("1 (FLAGS (\\Flagged) UID 1 MODSEQ (" + (h + 1) + ")) | 2 (FLAGS (\\Answered) UID 2 MODSEQ (" + (h + 2) + "))",
                out.get("uid_fetch"));
        assertEquals("OK 2 0", out.get("expunge"));
        assertEquals(1, files(domain.maildirOf("grace").root()).size());
    }

    @Test
    void mbsyncSynchronisesBothWays() throws Exception {
        Path bob = domain.maildirOf("bob").create().root();
        domain.maildirOf("bob").deliver("From: a@b.example\r\nSubject: for mbsync\r\n\r\nsynchronised\r\n".getBytes(StandardCharsets.US_ASCII));
        Path local = Files.createDirectories(temp.resolve("mbsync-local"));
        Path config = temp.resolve("mbsyncrc");
        Files.writeString(config, "IMAPAccount torsion\nHost localhost\nPort " + imapPort + "\nUser bob@example.org\nPass pw\n"
                + "SSLType STARTTLS\nCertificateFile " + tls.caFile() + "\nAuthMechs LOGIN\n\n"
                + "IMAPStore remote\nAccount torsion\n\n"
                + "MaildirStore local\nPath " + local + "/\nInbox " + local + "/INBOX\nSubFolders Verbatim\n\n"
                + "Channel sync\nFar :remote:\nNear :local:\nPatterns *\nCreate Both\nExpunge Both\nSync All\nSyncState *\n");
        Programs.run(List.of("/usr/bin/mbsync", "-c", config.toString(), "-a"));
        List<Path> pulled = files(local.resolve("INBOX"));
        assertEquals(1, pulled.size(), pulled.toString());
        // mbsync stores messages with the local line ends (LF) and its own X-TUID header.
        assertEquals("From: a@b.example\nSubject: for mbsync\n\nsynchronised\n",
                Files.readString(pulled.get(0)).replace("\r\n", "\n").replaceAll("X-TUID: \\S+\n", ""));
        // Back the other way: a message written locally and a flag set locally reach the server.
        Path localNew = local.resolve("INBOX").resolve("new").resolve("1700000000.local.host");
        Files.writeString(localNew, "From: me@b.example\r\nSubject: pushed by mbsync\r\n\r\nup\r\n");
        Path first = pulled.get(0);
        String flagged = first.getFileName().toString().replaceAll(":2,.*$", "") + ":2,FS";
        Files.move(first, first.resolveSibling(flagged).getParent().getParent().resolve("cur").resolve(flagged));
        Programs.run(List.of("/usr/bin/mbsync", "-c", config.toString(), "-a"));
        List<Path> server = files(bob);
        assertEquals(2, server.size(), server.toString());
        assertTrue(server.stream().anyMatch(p -> p.getFileName().toString().endsWith(":2,FS")), server.toString());
        assertTrue(server.stream().anyMatch(p -> readQuietly(p).contains("Subject: pushed by mbsync")), server.toString());
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    private static List<Path> files(Path maildir) throws Exception {
        try (Stream<Path> cur = Files.list(maildir.resolve("cur")); Stream<Path> fresh = Files.list(maildir.resolve("new"))) {
            return Stream.concat(cur, fresh).filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }

    @Test
    void twistedImap4ClientReads() throws Exception {
        domain.maildirOf("carol").create();
        domain.maildirOf("carol").deliver("From: Dave <dave@example.net>\r\nSubject: for twisted\r\n\r\nread by Twisted\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        Map<String, String> out = runScript("twisted_client.py", Integer.toString(imapPort), tls.caFile().toString());
        assertEquals("True", out.get("starttls"));
        assertEquals("True", out.get("tls"));
        assertEquals("True", out.get("uidvalidity"));
        assertEquals("From: Dave <dave@example.net>|Subject: for twisted||read by Twisted|", out.get("body"));
        assertEquals("for twisted", out.get("subject"));
        assertEquals("[1]", out.get("search"));
        assertEquals("['\\\\Flagged', '\\\\Recent', '\\\\Seen']", out.get("flags"));
    }

    @Test
    void fetchmailDownloadsAndDeletes() throws Exception {
        domain.maildirOf("erin").create();
        for (int i = 1; i <= 3; i++) {
            domain.maildirOf("erin").deliver(("Subject: fetchmail " + i + "\r\n\r\nbody " + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        Path out = Files.createDirectories(temp.resolve("fetchmail-out"));
        Path rc = temp.resolve("fetchmailrc");
        Files.writeString(rc, "set no syslog\nset postmaster \"root\"\n"
                + "poll localhost protocol IMAP port " + imapPort + " timeout 30\n"
                + "  user \"erin@example.org\" password \"pw5\" is root here\n"
                + "  sslproto tls1.2+ sslcertck sslcertfile \"" + tls.caFile() + "\"\n"
                + "  mda \"/bin/sh -c 'cat > " + out + "/$$.eml'\"\n");
        Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
        Programs.run(List.of("/usr/bin/fetchmail", "-f", rc.toString(), "--nodetach", "--nosyslog", "-v",
                "--pidfile", temp.resolve("fetchmail.pid").toString()));
        List<String> fetched = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path file : files.toList()) {
                fetched.add(Files.readString(file).replace("\r\n", "\n"));
            }
        }
        assertEquals(3, fetched.size(), fetched.toString());
        assertTrue(fetched.stream().anyMatch(m -> m.contains("Subject: fetchmail 2\n") && m.endsWith("\nbody 2\n")), fetched.toString());
        // fetchmail marks what it fetched \Deleted and expunges it (no --keep).
        assertEquals(0, files(domain.maildirOf("erin").root()).size());
    }

    private static final String FETCH_LAST = """
            import hashlib, imaplib, ssl, sys
            port, ca, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
            box = imaplib.IMAP4('localhost', port)
            box.starttls(ssl_context=ssl.create_default_context(cafile=ca))
            box.login(user, password)
            typ, data = box.select('INBOX', readonly=True)
            typ, data = box.fetch(data[0].decode(), '(BODY.PEEK[])')
            raw = data[0][1]
            # Drop the trace lines the server adds: Return-Path, then Received with its folded lines.
            lines = raw.split(b'\\r\\n')
            assert lines[0].startswith(b'Return-Path: '), lines[0]
            assert lines[1].startswith(b'Received: '), lines[1]
            i = 2
            while lines[i].startswith(b'\\t'):
                i += 1
            print(hashlib.sha256(b'\\r\\n'.join(lines[i:])).hexdigest())
            box.logout()
            """;

    @Test
    void swaksMessageReadBackByteIdenticalThroughBody() throws Exception {
        byte[] payload = new byte[50_000];
        new Random(7).nextBytes(payload);
        String encoded = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(payload);
        byte[] message = ("From: carol@sender.example\r\nTo: frank@example.org\r\nSubject: swaks to imap\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + "Grüße.\r\n.a line that starts with a dot\r\n\r\n--b1\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + encoded + "\r\n--b1--\r\n").getBytes(StandardCharsets.UTF_8);
        Path file = temp.resolve("swaks-imap.eml");
        // swaks ends the data with CR LF "." itself: the file leaves out the message's last CR LF.
        Files.write(file, Arrays.copyOf(message, message.length - 2));
        Programs.run(List.of("/usr/bin/swaks", "--server", "127.0.0.1:" + smtpPort, "--tls", "--from", "carol@sender.example",
                "--to", "frank@example.org", "--data", "@" + file));
        Path script = temp.resolve("fetch_last.py");
        Files.writeString(script, FETCH_LAST);
        String sha = Programs.run(List.of(PYTHON, script.toString(), Integer.toString(imapPort), tls.caFile().toString(),
                "frank@example.org", "pw6")).trim();
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(message)), sha);
    }

    @Test
    void curlFetchesByUid() throws Exception {
        domain.maildirOf("dave").create();
        domain.maildirOf("dave").deliver("Subject: for curl\r\n\r\nfetched by curl\r\n".getBytes(StandardCharsets.US_ASCII));
        String fetched = Programs.run(List.of("/usr/bin/curl", "-sS", "--ssl-reqd", "--cacert", tls.caFile().toString(),
                "--user", "dave@example.org:pw4", "imap://localhost:" + imapPort + "/INBOX;UID=1"));
        assertEquals("Subject: for curl\r\n\r\nfetched by curl\r\n", fetched);
        String listing = Programs.run(List.of("/usr/bin/curl", "-sS", "--ssl-reqd", "--cacert", tls.caFile().toString(),
                "--user", "dave@example.org:pw4", "imap://localhost:" + imapPort + "/"));
        assertTrue(listing.contains("* LIST (\\HasNoChildren) \".\" INBOX") || listing.contains("\"INBOX\""), listing);
    }
}
