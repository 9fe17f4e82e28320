package dev.torsion.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.imap.support.MemoryAccount;
import dev.torsion.imap.support.Wire;
import dev.torsion.internet.PushProducer;
import dev.torsion.testing.TestClock;
import dev.torsion.tls.TlsOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** The server's replies, exact on the wire, on a memory account. */
class ImapServerTest {
    static final String CAPS = "IMAP4rev1 IMAP4rev2 LITERAL+ SASL-IR ID ENABLE IDLE UIDPLUS MOVE NAMESPACE UNSELECT SPECIAL-USE CHILDREN "
            + "LIST-EXTENDED LIST-STATUS ESEARCH SEARCHRES BINARY STATUS=SIZE CONDSTORE QRESYNC";
    static final String MULTIPART = "From: Alice <alice@example.org>\r\nTo: bob@example.org, \"Carol C\" <carol@example.org>\r\n"
            + "Subject: Hello\r\nDate: Mon, 7 Feb 1994 21:52:25 -0800\r\nMessage-ID: <1@x>\r\nContent-Type: multipart/mixed; boundary=XX\r\n"
            + "\r\npreamble\r\n--XX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHi there\r\n--XX\r\n"
            + "Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=a.bin\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\nAAAA\r\n--XX--\r\n";
    static final String LOGIN = "l LOGIN alice secret\r\n";
    static final String LOGGED_IN = "l OK [CAPABILITY " + CAPS + "] Logged in\r\n";

    private static Wire selected() {
        Wire wire = new Wire();
        wire.account.inbox().add(MULTIPART).add("Subject: two\r\n\r\nbody two\r\n", "\\Seen");
        wire.send(LOGIN + "s SELECT INBOX\r\n");
        wire.take();
        return wire;
    }

    @Test
    void greetingAndCapabilityWithoutTlsDisableLogin() {
        Wire wire = new Wire(c -> c, new MemoryAccount(), new TestClock());
        assertEquals("* OK [CAPABILITY " + CAPS + " LOGINDISABLED] imap.example.org Torsion IMAP4rev1 ready", wire.greeting());
        wire.take();
        wire.send("a LOGIN alice secret\r\nb AUTHENTICATE PLAIN\r\nc STARTTLS\r\n");
        assertEquals("a NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure connections\r\n"
                + "b NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure connections\r\n"
                + "c BAD STARTTLS not available\r\n", wire.take());
    }

    @Test
    void selectAnswersEverythingRfc3501Asks() {
        Wire wire = new Wire();
        wire.account.inbox().add(MULTIPART).add("Subject: two\r\n\r\nbody two\r\n", "\\Seen");
        wire.send(LOGIN + "s SELECT inbox\r\n");
        assertEquals(LOGGED_IN
                + "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
                + "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted\r\n"
                + "* 2 EXISTS\r\n* 2 RECENT\r\n* OK [UNSEEN 1] First unseen\r\n* OK [UIDVALIDITY 1234] UIDs valid\r\n"
                + "* OK [UIDNEXT 3] Predicted next UID\r\ns OK [READ-WRITE] SELECT completed\r\n", wire.replies());
        assertEquals(SessionState.SELECTED, wire.server.state());
        wire.take();
        wire.send("e EXAMINE Nope\r\n");
        assertEquals("* OK [CLOSED] Previous mailbox closed\r\ne NO [NONEXISTENT] No such mailbox\r\n", wire.take());
        assertEquals(SessionState.AUTHENTICATED, wire.server.state());
    }

    @Test
    void fetchEnvelopeAndBodyStructure() {
        Wire wire = selected();
        wire.send("f FETCH 1 (UID RFC822.SIZE INTERNALDATE ENVELOPE BODYSTRUCTURE)\r\n");
        assertEquals("* 1 FETCH (UID 1 RFC822.SIZE 419 INTERNALDATE \"02-Jan-2026 03:04:05 +0000\" ENVELOPE (\"Mon, 7 Feb 1994 21:52:25 -0800\" "
                + "\"Hello\" ((\"Alice\" NIL \"alice\" \"example.org\")) ((\"Alice\" NIL \"alice\" \"example.org\")) "
                + "((\"Alice\" NIL \"alice\" \"example.org\")) ((NIL NIL \"bob\" \"example.org\")(\"Carol C\" NIL \"carol\" \"example.org\")) "
                + "NIL NIL NIL \"<1@x>\") BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"utf-8\") NIL NIL \"7BIT\" 8 1 NIL NIL NIL NIL)"
                + "(\"APPLICATION\" \"OCTET-STREAM\" NIL NIL NIL \"BASE64\" 4 NIL (\"ATTACHMENT\" (\"FILENAME\" \"a.bin\")) NIL NIL) "
                + "\"MIXED\" (\"BOUNDARY\" \"XX\") NIL NIL NIL))\r\nf OK FETCH completed\r\n", wire.take());
        wire.send("g FETCH 2 BODY\r\n");
        assertEquals("* 2 FETCH (BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" 10 1))\r\ng OK FETCH completed\r\n", wire.take());
    }

    @Test
    void fetchSectionsAndPartialSetSeenUnlessPeek() {
        Wire wire = selected();
        wire.send("p FETCH 1 (BODY.PEEK[1] BODY[HEADER.FIELDS (Subject)])\r\n");
        assertEquals("* 1 FETCH (BODY[1] {8}\r\nHi there BODY[HEADER.FIELDS (SUBJECT)] {18}\r\nSubject: Hello\r\n\r\n FLAGS (\\Seen \\Recent))\r\n"
                + "p OK FETCH completed\r\n", wire.take());
        assertEquals(Set.of("\\Seen"), wire.account.inbox().flagsOf(1));
        wire.send("q FETCH 2 (BODY[]<5.4> BODY[TEXT] BODY[1] BODY[9])\r\n");
        assertEquals("* 2 FETCH (BODY[]<5> {4}\r\nct:  BODY[TEXT] {10}\r\nbody two\r\n BODY[1] {10}\r\nbody two\r\n BODY[9] {0}\r\n)\r\n"
                + "q OK FETCH completed\r\n", wire.take());
        wire.send("r FETCH 1 (BODY.PEEK[2.MIME] RFC822.HEADER)\r\n");
        String reply = wire.take();
        assertTrue(reply.startsWith("* 1 FETCH (BODY[2.MIME] {126}\r\nContent-Type: application/octet-stream\r\n"), reply);
        assertTrue(reply.contains(" RFC822.HEADER {"), reply);
    }

    @Test
    void fetchOutsideTheMailboxIsBad() {
        Wire wire = selected();
        wire.send("a FETCH 3 FLAGS\r\nb UID FETCH 3:* FLAGS\r\nc UID FETCH 9 FLAGS\r\n");
        assertEquals("a BAD Invalid message sequence number\r\n* 2 FETCH (FLAGS (\\Seen \\Recent) UID 2)\r\nb OK FETCH completed\r\n"
                + "c OK FETCH completed\r\n", wire.take());
    }

    @Test
    void storeSearchAndExpunge() {
        Wire wire = selected();
        wire.send("a STORE 1 +FLAGS (\\Deleted \\Recent)\r\nb UID STORE 2 -FLAGS.SILENT (\\Seen)\r\nc SEARCH UNSEEN\r\n"
                + "d UID SEARCH CHARSET UTF-8 OR SUBJECT hello DELETED\r\ne SEARCH CHARSET KOI8-R ALL\r\nf EXPUNGE\r\ng SEARCH ALL\r\n");
        assertEquals("* 1 FETCH (FLAGS (\\Deleted \\Recent))\r\na OK STORE completed\r\nb OK STORE completed\r\n"
                + "* SEARCH 1 2\r\nc OK SEARCH completed\r\n* SEARCH 1\r\nd OK SEARCH completed\r\n"
                + "e NO [BADCHARSET (US-ASCII UTF-8)] Unsupported charset\r\n* 1 EXPUNGE\r\nf OK EXPUNGE completed\r\n"
                + "* SEARCH 1\r\ng OK SEARCH completed\r\n", wire.take());
        assertEquals(Set.of(2L), wire.account.inbox().uids());
    }

    @Test
    void esearchReturnOptions() {
        Wire wire = selected();
        wire.send("a SEARCH RETURN (MIN MAX COUNT) ALL\r\nb UID SEARCH RETURN () ALL\r\nc SEARCH RETURN (COUNT ALL) DELETED\r\n"
                + "d SEARCH RETURN (SAVE) ALL\r\ne UID SEARCH RETURN (ALL) CHARSET UTF-8 MODSEQ 1\r\n");
        assertEquals("* ESEARCH (TAG \"a\") MIN 1 MAX 2 COUNT 2\r\na OK SEARCH completed\r\n"
                + "* ESEARCH (TAG \"b\") UID ALL 1:2\r\nb OK SEARCH completed\r\n"
                + "* ESEARCH (TAG \"c\") COUNT 0\r\nc OK SEARCH completed\r\n"
                + "d OK SEARCH completed\r\n"
                + "* OK [HIGHESTMODSEQ 3] Highest\r\n* ESEARCH (TAG \"e\") UID ALL 1:2 MODSEQ 3\r\ne OK SEARCH completed\r\n", wire.take());
    }

    @Test
    void copyMoveAndUidExpungeWithUidplus() {
        Wire wire = selected();
        wire.send("a UID COPY 1:2 Trash\r\nb COPY 1 Nowhere\r\nc STORE 1:2 +FLAGS.SILENT (\\Deleted)\r\nd UID EXPUNGE 2\r\n"
                + "e MOVE 1 Sent\r\n");
        assertEquals("a OK [COPYUID 1234 1:2 1:2] COPY completed\r\nb NO [TRYCREATE] Mailbox does not exist\r\n"
                + "c OK STORE completed\r\n* 2 EXPUNGE\r\nd OK UID EXPUNGE completed\r\n"
                + "* OK [COPYUID 1234 1 1] Moved\r\n* 1 EXPUNGE\r\ne OK MOVE completed\r\n", wire.take());
        assertEquals(2, wire.account.mailboxes.get("Trash").uids().size());
        assertEquals(Set.of("\\Deleted"), wire.account.mailboxes.get("Sent").flagsOf(1));
    }

    @Test
    void examineIsReadOnly() {
        Wire wire = new Wire();
        wire.account.inbox().add("Subject: x\r\n\r\nx\r\n");
        wire.send(LOGIN + "e EXAMINE INBOX\r\n");
        assertTrue(wire.take().endsWith("* OK [PERMANENTFLAGS ()] Flags permitted\r\n* 1 EXISTS\r\n* 1 RECENT\r\n* OK [UNSEEN 1] First unseen\r\n"
                + "* OK [UIDVALIDITY 1234] UIDs valid\r\n* OK [UIDNEXT 2] Predicted next UID\r\ne OK [READ-ONLY] EXAMINE completed\r\n"));
        wire.send("a STORE 1 +FLAGS (\\Seen)\r\nb FETCH 1 BODY[TEXT]\r\nc EXPUNGE\r\nd CLOSE\r\n");
        assertEquals("a NO [READ-ONLY] Mailbox is read-only\r\n* 1 FETCH (BODY[TEXT] {3}\r\nx\r\n)\r\nb OK FETCH completed\r\n"
                + "c NO [READ-ONLY] Mailbox is read-only\r\nd OK CLOSE completed\r\n", wire.take());
        assertEquals(Set.of(), wire.account.inbox().flagsOf(1));
    }

    @Test
    void mailboxCommands() {
        Wire wire = new Wire();
        wire.send(LOGIN + "a CREATE Work.Projects.\r\nb CREATE Entw&APw-rfe\r\nc LIST \"\" *\r\nd LIST \"\" %\r\ne LIST (SPECIAL-USE) \"\" *\r\n"
                + "f SUBSCRIBE Work.Projects\r\ng LSUB \"\" *\r\nh RENAME Work.Projects Archive\r\ni DELETE Archive\r\nj DELETE INBOX\r\n"
                + "k LIST \"\" \"\"\r\nl CREATE inbox\r\nm STATUS Sent (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN)\r\n");
        assertEquals(LOGGED_IN + "a OK CREATE completed\r\nb OK CREATE completed\r\n"
                + "* LIST (\\HasNoChildren) \".\" \"INBOX\"\r\n* LIST (\\Sent \\HasNoChildren) \".\" \"Sent\"\r\n"
                + "* LIST (\\Trash \\HasNoChildren) \".\" \"Trash\"\r\n* LIST (\\HasNoChildren) \".\" \"Work.Projects\"\r\n"
                + "* LIST (\\HasNoChildren) \".\" \"Entw&APw-rfe\"\r\nc OK LIST completed\r\n"
                + "* LIST (\\HasNoChildren) \".\" \"INBOX\"\r\n* LIST (\\Sent \\HasNoChildren) \".\" \"Sent\"\r\n"
                + "* LIST (\\Trash \\HasNoChildren) \".\" \"Trash\"\r\n* LIST (\\HasNoChildren) \".\" \"Entw&APw-rfe\"\r\nd OK LIST completed\r\n"
                + "* LIST (\\Sent \\HasNoChildren) \".\" \"Sent\"\r\n* LIST (\\Trash \\HasNoChildren) \".\" \"Trash\"\r\ne OK LIST completed\r\n"
                + "f OK SUBSCRIBE completed\r\n* LSUB (\\HasNoChildren) \".\" \"Work.Projects\"\r\ng OK LSUB completed\r\n"
                + "h OK RENAME completed\r\ni OK DELETE completed\r\nj NO [CANNOT] INBOX cannot be deleted\r\n"
                + "* LIST (\\Noselect) \".\" \"\"\r\nk OK LIST completed\r\nl NO [ALREADYEXISTS] Mailbox exists\r\n"
                + "* STATUS \"Sent\" (MESSAGES 0 RECENT 0 UIDNEXT 1 UIDVALIDITY 1234 UNSEEN 0)\r\nm OK STATUS completed\r\n", wire.replies());
    }

    @Test
    void appendWithLiteralPlusAndDate() {
        Wire wire = new Wire();
        wire.send(LOGIN + "a APPEND Sent (\\Seen \\Recent) \"07-Feb-1994 21:52:25 -0800\" {12+}\r\nSubject: x\r\n\r\nb APPEND Nope {1+}\r\nx\r\n");
        assertEquals(LOGGED_IN + "a OK [APPENDUID 1234 1] APPEND completed\r\nb NO [TRYCREATE] Mailbox does not exist\r\n", wire.replies());
        assertEquals(Set.of("\\Seen"), wire.account.mailboxes.get("Sent").flagsOf(1));
    }

    @Test
    void authenticatePlainWithInitialResponseAndContinuation() {
        String good = Base64.getEncoder().encodeToString("\0alice\0secret".getBytes(StandardCharsets.UTF_8));
        Wire wire = new Wire();
        wire.send("a AUTHENTICATE PLAIN " + good + "\r\n");
        assertEquals("a OK [CAPABILITY " + CAPS + "] Logged in\r\n", wire.replies());
        Wire other = new Wire();
        other.send("a AUTHENTICATE PLAIN\r\n*\r\nb AUTHENTICATE PLAIN\r\n" + good + "\r\nc LOGIN alice secret\r\n");
        assertEquals("+ \r\na BAD Authentication cancelled\r\n+ \r\nb OK [CAPABILITY " + CAPS + "] Logged in\r\nc BAD Already authenticated\r\n",
                other.replies());
    }

    @Test
    void failedLoginsEndTheSession() {
        Wire wire = new Wire();
        wire.send("a LOGIN alice wrong\r\nb LOGIN bob x\r\nc LOGIN alice nope\r\nd LOGIN alice secret\r\n");
        assertEquals("a NO [AUTHENTICATIONFAILED] Authentication failed\r\nb NO [AUTHENTICATIONFAILED] Authentication failed\r\n"
                + "c NO [AUTHENTICATIONFAILED] Authentication failed\r\n* BYE Too many failed logins\r\n", wire.replies());
        assertTrue(wire.closed());
        assertEquals(SessionState.LOGOUT, wire.server.state());
    }

    @Test
    void otherSessionsChangesArriveWhereRfc3501AllowsThem() {
        Wire first = selected();
        Wire second = first.another();
        second.send(LOGIN + "s SELECT INBOX\r\n");
        second.take();
        second.send("a STORE 1 +FLAGS.SILENT (\\Deleted)\r\nb EXPUNGE\r\n");
        first.account.inbox().add("Subject: three\r\n\r\n3\r\n");
        // FETCH, STORE and SEARCH may not carry EXPUNGE (RFC 3501 §7.4.1): the numbers stay put.
        first.send("f FETCH 1:* (FLAGS)\r\n");
        assertEquals("* 1 FETCH (FLAGS (\\Recent))\r\n* 2 FETCH (FLAGS (\\Seen \\Recent))\r\n* 3 EXISTS\r\n* 3 RECENT\r\n"
                + "f OK FETCH completed\r\n", first.take());
        first.send("g FETCH 1 BODY.PEEK[]\r\nh NOOP\r\n");
        assertEquals("g NO [EXPUNGEISSUED] Some of the requested messages no longer exist\r\n"
                + "* 1 EXPUNGE\r\nh OK NOOP completed\r\n", first.take());
    }

    @Test
    void idleReportsDeliveriesAndEnds() {
        Wire wire = selected();
        wire.send("i IDLE\r\n");
        assertEquals("+ idling\r\n", wire.take());
        wire.account.inbox().add("Subject: new\r\n\r\nnew\r\n");
        wire.clock.advance(Duration.ofMillis(500));
        assertEquals("* 3 EXISTS\r\n* 3 RECENT\r\n", wire.take());
        wire.clock.advance(Duration.ofMillis(500));
        assertEquals("", wire.take());
        wire.send("DONE\r\nj NOOP\r\n");
        assertEquals("i OK IDLE terminated\r\nj OK NOOP completed\r\n", wire.take());
        wire.send("k IDLE\r\nnot done\r\n");
        assertEquals("+ idling\r\nk BAD Expected DONE\r\n", wire.take());
    }

    @Test
    void idleHasADeadline() {
        Wire wire = selected();
        wire.send("i IDLE\r\n");
        wire.clock.advance(Duration.ofMinutes(30));
        assertTrue(wire.take().endsWith("* BYE IDLE for too long\r\n"));
        assertTrue(wire.closed());
    }

    @Test
    void autologout() {
        Wire wire = new Wire();
        wire.clock.advance(Duration.ofMinutes(30));
        assertEquals("* BYE Autologout; idle for too long\r\n", wire.replies());
        assertTrue(wire.closed());
    }

    @Test
    void closeExpungesSilentlyAndUnselectDoesNot() {
        Wire wire = selected();
        wire.send("a STORE 1 +FLAGS.SILENT (\\Deleted)\r\nb UNSELECT\r\nc FETCH 1 FLAGS\r\nd SELECT INBOX\r\n");
        String out = wire.take();
        assertTrue(out.contains("b OK UNSELECT completed\r\nc BAD No mailbox selected\r\n"), out);
        wire.send("e CLOSE\r\n");
        assertEquals("e OK CLOSE completed\r\n", wire.take());
        assertEquals(Set.of(2L), wire.account.inbox().uids());
        assertEquals(SessionState.AUTHENTICATED, wire.server.state());
    }

    @Test
    void logoutIdEnableNamespace() {
        Wire wire = new Wire();
        wire.send("a ID (\"name\" \"test\")\r\n" + LOGIN + "b ENABLE CONDSTORE\r\nc NAMESPACE\r\nd LOGOUT\r\ne NOOP\r\n");
        assertEquals("* ID (\"name\" \"Torsion\" \"vendor\" \"Torsion\")\r\na OK ID completed\r\n" + LOGGED_IN
                + "* ENABLED CONDSTORE\r\nb OK ENABLE completed\r\n* NAMESPACE ((\"\" \".\")) NIL NIL\r\nc OK NAMESPACE completed\r\n"
                + "* BYE Logging out\r\nd OK LOGOUT completed\r\n", wire.replies());
        assertTrue(wire.closed());
        assertTrue(wire.loggedOut);
        assertFalse(wire.server.state() != SessionState.LOGOUT);
    }

    @Test
    void fetchWaitsWhileThePeerDoesNotRead() {
        Wire wire = selected();
        PushProducer gate = (PushProducer) wire.transport.producer();
        gate.pauseProducing();
        wire.send("f FETCH 1:2 (UID RFC822.SIZE)\r\n");
        assertEquals("", wire.take());
        gate.resumeProducing();
        assertEquals("* 1 FETCH (UID 1 RFC822.SIZE 419)\r\n* 2 FETCH (UID 2 RFC822.SIZE 26)\r\nf OK FETCH completed\r\n", wire.take());
    }

    @Test
    void startTlsDropsPipelinedPlaintextAndThenAllowsLogin() throws Exception {
        TlsOptions tls = TlsOptions.server(SSLContext.getDefault());
        Wire wire = new Wire(c -> c.withStartTls(tls), new MemoryAccount(), new TestClock());
        assertEquals("* OK [CAPABILITY " + CAPS + " STARTTLS LOGINDISABLED] imap.example.org Torsion IMAP4rev1 ready", wire.greeting());
        wire.take();
        wire.send("a STARTTLS\r\nb LOGIN alice secret\r\n");
        assertEquals("a OK Begin TLS negotiation now\r\n", wire.take());
        assertEquals(tls, wire.transport.tlsOptions());
        // The LOGIN pipelined in the clear was dropped (RFC 3501 §6.2.1); after TLS, logins are allowed.
        wire.send("c CAPABILITY\r\nd STARTTLS\r\n" + LOGIN);
        assertEquals("* CAPABILITY " + CAPS + " AUTH=PLAIN\r\nc OK CAPABILITY completed\r\nd BAD TLS already active\r\n" + LOGGED_IN,
                wire.take());
    }

    @Test
    void listExtendedAndListStatus() {
        Wire wire = new Wire();
        wire.account.mailboxes.get("Sent").add("Subject: s\r\n\r\ns\r\n");
        wire.account.subscribed.addAll(Set.of("Sent", "Gone", "Work.Projects"));
        wire.send(LOGIN + "a CREATE Work.Projects\r\nb LIST \"\" (INBOX Sent) RETURN (SUBSCRIBED STATUS (MESSAGES UNSEEN))\r\n"
                + "c LIST (SUBSCRIBED) \"\" *\r\nd LIST (SUBSCRIBED RECURSIVEMATCH) \"\" %\r\ne LIST (REMOTE) \"\" Work*\r\n");
        assertEquals(LOGGED_IN + "a OK CREATE completed\r\n"
                + "* LIST (\\HasNoChildren) \".\" \"INBOX\"\r\n* STATUS \"INBOX\" (MESSAGES 0 UNSEEN 0)\r\n"
                + "* LIST (\\Sent \\HasNoChildren \\Subscribed) \".\" \"Sent\"\r\n* STATUS \"Sent\" (MESSAGES 1 UNSEEN 1)\r\n"
                + "b OK LIST completed\r\n"
                + "* LIST (\\Sent \\HasNoChildren \\Subscribed) \".\" \"Sent\"\r\n"
                + "* LIST (\\HasNoChildren \\Subscribed) \".\" \"Work.Projects\"\r\n* LIST (\\NonExistent \\Subscribed) \".\" \"Gone\"\r\n"
                + "c OK LIST completed\r\n"
                + "* LIST (\\Sent \\HasNoChildren \\Subscribed) \".\" \"Sent\"\r\n* LIST (\\NonExistent \\Subscribed) \".\" \"Gone\"\r\n"
                + "d OK LIST completed\r\n"
                + "* LIST (\\HasNoChildren) \".\" \"Work.Projects\"\r\ne OK LIST completed\r\n", wire.replies());
    }

    @Test
    void aChangedUidValidityEndsTheSession() {
        Wire wire = selected();
        wire.account.inbox().uidValidity = 999;
        wire.send("n NOOP\r\n");
        assertEquals("* BYE Mailbox UIDVALIDITY changed; select it again\r\n", wire.take());
        assertTrue(wire.closed());
    }

    @Test
    void aBusyMailboxDefersOthersChangesToALaterCommandButNeverNoopOrExpunge() {
        Wire wire = selected();
        wire.account.inbox().add("Subject: three\r\n\r\n3\r\n");
        wire.account.inbox().setFlags(1, "\\Flagged");
        wire.account.inbox().busy = true;
        wire.send("a FETCH 2 UID\r\nb UID SEARCH ALL\r\nc STORE 2 +FLAGS.SILENT (\\Answered)\r\n");
        assertEquals("* 2 FETCH (UID 2)\r\na OK FETCH completed\r\n* SEARCH 1 2\r\nb OK SEARCH completed\r\nc OK STORE completed\r\n",
                wire.take());
        wire.send("n NOOP\r\n");
        assertEquals("* 1 FETCH (FLAGS (\\Flagged \\Recent))\r\n* 3 EXISTS\r\n* 3 RECENT\r\nn OK NOOP completed\r\n", wire.take());
        wire.send("d STORE 3 +FLAGS.SILENT (\\Deleted)\r\ne EXPUNGE\r\n");
        assertEquals("d OK STORE completed\r\n* 3 EXPUNGE\r\ne OK EXPUNGE completed\r\n", wire.take());
    }
}
