package dev.torsion.nntp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.nntp.support.Wire;
import dev.torsion.tls.TlsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's commands on the memory transport, whole and byte by byte. */
class NntpServerTest {
    @TempDir
    Path dir;

    private static final String OVER1 = "1\tFirst\tAlice <alice@example.org>\tSat, 05 Dec 2026 10:00:00 +0000\t<first@example.org>\t\t";

    private String run(String input) {
        String whole = new Wire(dir.resolve("a")).send(input).replies();
        String bytewise = new Wire(dir.resolve("b")).send(input, true).replies();
        assertEquals(whole, bytewise, "byte by byte");
        return whole;
    }

    @Test
    void greetingSaysPostingAllowed() {
        assertEquals("200 news.example.org Torsion NNTP service ready", new Wire(dir).greeting());
        assertEquals("201 news.example.org Torsion NNTP service ready",
                new Wire(dir.resolve("b"), c -> c.withPosting(false, true)).greeting());
    }

    @Test
    void capabilities() {
        assertEquals("101 Capability list:\r\nVERSION 2\r\nIMPLEMENTATION Torsion\r\nREADER\r\nPOST\r\nIHAVE\r\nSTREAMING\r\nNEWNEWS\r\nHDR\r\n"
                + "OVER MSGID\r\nLIST ACTIVE NEWSGROUPS OVERVIEW.FMT HEADERS\r\nAUTHINFO USER\r\n.\r\n", run("CAPABILITIES\r\n"));
    }

    @Test
    void groupArticleHeadBodyStat() {
        String out = run("GROUP comp.lang.java\r\nARTICLE\r\nHEAD 2\r\nBODY <first@example.org>\r\nSTAT\r\n");
        String[] parts = out.split("(?<=\r\n)(?=[0-9]{3} )");
        assertEquals("211 2 1 2 comp.lang.java\r\n", parts[0]);
        assertEquals("220 1 <first@example.org> Article follows\r\n" + Wire.FIRST.replace("\r\n.dotted", "\r\n..dotted") + ".\r\n", parts[1]);
        assertTrue(parts[2].startsWith("221 2 <second@example.org> Headers follow\r\nPath: origin!not-for-mail\r\n"), parts[2]);
        assertTrue(parts[2].endsWith("References: <first@example.org>\r\n.\r\n"), parts[2]);
        assertEquals("222 0 <first@example.org> Body follows\r\nHello\r\n..dotted\r\n.\r\n", parts[3]);
        assertEquals("223 2 <second@example.org> Article exists\r\n", parts[4], "HEAD 2 moved the current article");
    }

    @Test
    void nextAndLast() {
        assertEquals("211 2 1 2 comp.lang.java\r\n223 2 <second@example.org> Article found\r\n421 No next article in this group\r\n"
                + "223 1 <first@example.org> Article found\r\n422 No previous article in this group\r\n",
                run("GROUP comp.lang.java\r\nNEXT\r\nNEXT\r\nLAST\r\nLAST\r\n"));
    }

    @Test
    void emptyGroupAndNoGroup() {
        assertEquals("412 No newsgroup selected\r\n412 No newsgroup selected\r\n211 0 1 0 alt.test\r\n"
                + "420 Current article number is invalid\r\n420 Current article number is invalid\r\n411 No such newsgroup\r\n",
                run("ARTICLE 1\r\nNEXT\r\nGROUP alt.test\r\nSTAT\r\nNEXT\r\nGROUP no.such\r\n"));
    }

    @Test
    void listgroup() {
        assertEquals("211 2 1 2 comp.lang.java list follows\r\n1\r\n2\r\n.\r\n211 2 1 2 comp.lang.java list follows\r\n2\r\n.\r\n",
                run("LISTGROUP comp.lang.java\r\nLISTGROUP comp.lang.java 2-\r\n"));
    }

    @Test
    void overAndHdr() {
        String out = run("GROUP comp.lang.java\r\nOVER 1-2\r\nXOVER 1\r\nOVER <second@example.org>\r\nHDR Subject 1-\r\n"
                + "HDR :lines <first@example.org>\r\nLIST OVERVIEW.FMT\r\n");
        long size = Wire.FIRST.length();
        assertEquals("211 2 1 2 comp.lang.java\r\n224 Overview information follows\r\n" + OVER1 + size + "\t2\r\n2\tRe: First\t"
                + "Bob <bob@example.org>\tSat, 05 Dec 2026 11:00:00 +0000\t<second@example.org>\t<first@example.org>\t"
                + Wire.SECOND.length() + "\t1\r\n.\r\n"
                + "224 Overview information follows\r\n" + OVER1 + size + "\t2\r\n.\r\n"
                + "224 Overview information follows\r\n0\tRe: First\tBob <bob@example.org>\tSat, 05 Dec 2026 11:00:00 +0000\t"
                + "<second@example.org>\t<first@example.org>\t" + Wire.SECOND.length() + "\t1\r\n.\r\n"
                + "225 Headers follow\r\n1 First\r\n2 Re: First\r\n.\r\n225 Headers follow\r\n0 2\r\n.\r\n"
                + "215 Order of fields in overview database\r\nSubject:\r\nFrom:\r\nDate:\r\nMessage-ID:\r\nReferences:\r\n"
                + ":bytes\r\n:lines\r\n.\r\n", out);
    }

    @Test
    void hdrOnAnyField() {
        assertEquals("211 2 1 2 comp.lang.java\r\n225 Headers follow\r\n1 comp.lang.java\r\n2 comp.lang.java\r\n.\r\n"
                + "225 Headers follow\r\n1 \r\n2 \r\n.\r\n225 Headers follow\r\n0 origin!not-for-mail\r\n.\r\n"
                + "430 No article with that message-id\r\n215 Headers supported\r\n:\r\n:bytes\r\n:lines\r\n.\r\n",
                run("GROUP comp.lang.java\r\nHDR Newsgroups 1-2\r\nXHDR X-Absent 1-\r\nHDR path <second@example.org>\r\n"
                        + "HDR Path <none@x>\r\nLIST HEADERS\r\n"));
    }

    @Test
    void lists() {
        assertEquals("215 List of newsgroups follows\r\nalt.test 0 1 y\r\ncomp.lang.java 2 1 y\r\n.\r\n"
                + "215 List of newsgroups follows\r\ncomp.lang.java\tThe Java language\r\n.\r\n"
                + "215 List of newsgroups follows\r\nalt.test 0 1 y\r\n.\r\n",
                run("LIST\r\nLIST NEWSGROUPS comp.*\r\nLIST ACTIVE *,!comp.*\r\n"));
    }

    @Test
    void newgroupsNewnewsDateHelpQuit() {
        Wire wire = new Wire(dir);
        wire.send("NEWGROUPS 20261205 000000 GMT\r\nNEWGROUPS 261206 000000\r\nNEWNEWS comp.* 20261205 000000 GMT\r\n"
                + "NEWNEWS alt.* 20261205 000000\r\nDATE\r\nQUIT\r\nDATE\r\n");
        assertEquals("231 List of new newsgroups follows\r\nalt.test 0 1 y\r\ncomp.lang.java 2 1 y\r\n.\r\n"
                + "231 List of new newsgroups follows\r\n.\r\n"
                + "230 List of new articles follows\r\n<first@example.org>\r\n<second@example.org>\r\n.\r\n"
                + "230 List of new articles follows\r\n.\r\n111 20261205120000\r\n205 Connection closing\r\n", wire.replies());
        assertTrue(wire.closed());
        assertSame(NntpState.CLOSED, wire.server.state());
        assertTrue(new Wire(dir.resolve("h")).send("HELP\r\n").replies().startsWith("100 Help text follows\r\nARTICLE"));
    }

    @Test
    void postStoresWithInjectedFields() throws Exception {
        Wire wire = new Wire(dir);
        wire.send("POST\r\n");
        assertEquals(NntpState.RECEIVING_POST, wire.server.state());
        wire.send("From: Carol <carol@example.org>\r\nNewsgroups: alt.test,comp.lang.java\r\nSubject: New\r\n\r\n..hidden\r\nbody\r\n.\r\n"
                + "GROUP alt.test\r\nBODY\r\n", true);
        String out = wire.replies();
        assertTrue(out.startsWith("340 Input article; end with <CR-LF>.<CR-LF>\r\n240 Article received OK <"), out);
        String id = out.substring(out.indexOf("240 Article received OK ") + 24, out.indexOf(">\r\n211") + 1);
        assertTrue(id.matches("<[a-z0-9.]+@news\\.example\\.org>"), id);
        assertTrue(out.endsWith("211 1 1 1 alt.test\r\n222 1 " + id + " Body follows\r\n..hidden\r\nbody\r\n.\r\n"), out);
        String stored = Files.readString(dir.resolve("articles/alt/test/1"));
        assertTrue(stored.startsWith("Path: news.example.org!not-for-mail\r\nMessage-ID: <"), stored);
        assertTrue(stored.contains("\r\nDate: Sat, 5 Dec 2026 12:00:00 GMT\r\n"), stored);
        assertTrue(Files.exists(dir.resolve("articles/comp/lang/java/3")));
        assertTrue(Files.readString(dir.resolve("active")).contains("comp.lang.java 3 1 y"));
        assertEquals(NntpState.COMMAND, wire.server.state());
    }

    @Test
    void spoolSurvivesAReopenAndIsLockedMeanwhile() throws Exception {
        Wire first = new Wire(dir).send("POST\r\nFrom: c@d\r\nNewsgroups: alt.test\r\nSubject: s\r\nMessage-ID: <kept@x>\r\n\r\nb\r\n.\r\n");
        IOException inUse = assertThrows(IOException.class, () -> FileSpool.open(dir, first.reactor));
        assertTrue(inUse.getMessage().endsWith("is in use by another server"), inUse.getMessage());
        first.spool.close();
        Files.writeString(dir.resolve("history"), "garbage line\n", StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("overview/alt.test"), "x\ty\n", StandardOpenOption.APPEND);
        Wire again = new Wire(dir);
        assertEquals("211 1 1 1 alt.test\r\n223 0 <kept@x> Article exists\r\n", again.send("GROUP alt.test\r\nSTAT <kept@x>\r\n").replies(),
                "malformed lines are skipped");
    }

    @Test
    void ihaveTransfersAndPrependsPath() throws Exception {
        String article = "Path: far!away\r\nFrom: f@x\r\nNewsgroups: alt.test\r\nSubject: fed\r\nDate: Sat, 05 Dec 2026 09:00:00 +0000\r\n"
                + "Message-ID: <fed@x>\r\n\r\nfed body\r\n";
        String out = run("IHAVE <first@example.org>\r\nIHAVE <fed@x>\r\n" + article + ".\r\nIHAVE <fed@x>\r\nHEAD <fed@x>\r\n");
        assertEquals("435 Article not wanted\r\n335 Send it; end with <CR-LF>.<CR-LF>\r\n235 Article transferred OK\r\n"
                + "435 Article not wanted\r\n221 0 <fed@x> Headers follow\r\nPath: news.example.org!far!away\r\nFrom: f@x\r\n"
                + "Newsgroups: alt.test\r\nSubject: fed\r\nDate: Sat, 05 Dec 2026 09:00:00 +0000\r\nMessage-ID: <fed@x>\r\n.\r\n", out);
    }

    @Test
    void streamingFeed() {
        String fed = "Path: far\r\nFrom: f@x\r\nNewsgroups: alt.test\r\nSubject: streamed\r\nDate: Sat, 05 Dec 2026 09:00:00 +0000\r\n"
                + "Message-ID: <s1@x>\r\n\r\n..body\r\n.\r\n";
        String out = run("MODE STREAM\r\nCHECK <first@example.org>\r\nCHECK <s1@x>\r\nTAKETHIS <s1@x>\r\n" + fed
                + "TAKETHIS <s1@x>\r\n" + fed + "TAKETHIS <s2@x>\r\n" + fed + "BODY <s1@x>\r\n");
        assertEquals("203 Streaming permitted\r\n438 <first@example.org>\r\n238 <s1@x>\r\n239 <s1@x>\r\n"
                + "439 <s1@x> Duplicate article <s1@x>\r\n439 <s2@x> Message-ID does not match the command\r\n"
                + "222 0 <s1@x> Body follows\r\n..body\r\n.\r\n", out);
    }

    @Test
    void takethisRefusedIsStillRead() {
        Wire wire = new Wire(dir, c -> c.withPosting(true, false));
        wire.send("MODE STREAM\r\nCHECK <a@x>\r\nTAKETHIS <a@x>\r\nPath: p\r\n\r\nDATE\r\n.\r\nDATE\r\n");
        assertEquals("502 Transfer permission denied\r\n502 Transfer permission denied\r\n439 <a@x> Transfer permission denied\r\n"
                + "111 20261205120000\r\n", wire.replies(), "the DATE inside the refused article is not a command");
        String capabilities = new Wire(dir.resolve("c"), c -> c.withPosting(true, false)).send("CAPABILITIES\r\n").replies();
        assertFalse(capabilities.contains("STREAMING") || capabilities.contains("IHAVE"), capabilities);
    }

    @Test
    void authinfo() {
        assertEquals("482 Authentication commands issued out of sequence\r\n381 Password required\r\n481 Authentication failed\r\n"
                + "381 Password required\r\n281 Authentication accepted\r\n502 Command unavailable\r\n",
                run("AUTHINFO PASS x\r\nAUTHINFO USER alice\r\nAUTHINFO PASS wrong\r\nAUTHINFO USER alice\r\nAUTHINFO PASS secret\r\n"
                        + "AUTHINFO USER alice\r\n"));
    }

    @Test
    void loginRequiredBeforeReading() {
        Wire wire = new Wire(dir, c -> c.withPortal(c.portal(), true));
        assertEquals("201 news.example.org Torsion NNTP service ready", wire.greeting());
        wire.send("GROUP comp.lang.java\r\nPOST\r\nMODE READER\r\nAUTHINFO USER alice\r\nAUTHINFO PASS secret\r\nMODE READER\r\nGROUP alt.test\r\n");
        assertEquals("480 Authentication required\r\n480 Authentication required\r\n201 Posting prohibited\r\n381 Password required\r\n"
                + "281 Authentication accepted\r\n200 Posting allowed\r\n211 0 1 0 alt.test\r\n", wire.replies());
        assertEquals("alice", wire.server.user().orElseThrow().name());
    }

    @Test
    void plaintextLoginRefusedWithoutTls() throws Exception {
        TlsOptions tls = TlsOptions.server(SSLContext.getDefault());
        Wire wire = new Wire(dir, c -> new NntpServerConfig(c.hostname(), c.limits(), c.store(), c.portal(), tls, false, false, true,
                true, c.wallClock()));
        wire.send("CAPABILITIES\r\nAUTHINFO USER alice\r\nSTARTTLS\r\nAUTHINFO USER alice\r\n");
        String out = wire.replies();
        assertTrue(out.contains("STARTTLS\r\nAUTHINFO\r\n.\r\n483 Encryption required\r\n382 Continue with TLS negotiation\r\n"), out);
        assertFalse(out.contains("381"), "the plaintext pipelined after STARTTLS is discarded");
        assertNotNull(wire.transport.tlsOptions());
        wire.clear().send("AUTHINFO USER alice\r\nSTARTTLS\r\n");
        assertEquals("381 Password required\r\n502 STARTTLS not available\r\n", wire.transport.valueAsString());
    }

    @Test
    void idleTimeout() {
        Wire wire = new Wire(dir);
        wire.reactor.clock().advance(Duration.ofMinutes(10));
        assertEquals("400 Idle timeout, closing connection\r\n", wire.replies());
        assertTrue(wire.closed());
    }
}
