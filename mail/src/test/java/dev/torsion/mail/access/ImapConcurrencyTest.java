package dev.torsion.mail.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.mail.MailService;
import dev.torsion.mail.MailSettings;
import dev.torsion.mail.delivery.Aliases;
import dev.torsion.mail.delivery.MailDomain;
import dev.torsion.mail.maildir.Maildir;
import dev.torsion.mail.maildir.MaildirFolder;
import dev.torsion.mail.store.StoredMessage;
import dev.torsion.mail.support.ImapLineClient;
import dev.torsion.netty.testing.LiveReactor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several clients select, fetch, store and expunge on one Maildir while messages are delivered
 * into it; a state-tracking checker follows every session's view (sequence numbers to UIDs) from
 * the responses alone and verifies it never contradicts the server, that no EXPUNGE arrives during
 * FETCH, STORE or SEARCH (RFC 3501 §7.4.1), and that in the end every view and the store agree:
 * nothing delivered is lost but what was expunged.
 */
class ImapConcurrencyTest {
    private static final Pattern EXISTS = Pattern.compile("\\* (\\d+) EXISTS");
    private static final Pattern EXPUNGE = Pattern.compile("\\* (\\d+) EXPUNGE");
    private static final Pattern FETCH_UID = Pattern.compile("\\* (\\d+) FETCH \\(.*UID (\\d+).*\\)");

    @TempDir
    Path temp;

    /** One session's view, rebuilt from what the server said. */
    private static final class View {
        final List<Long> uids = new ArrayList<>();
        final Set<Long> expunged = new TreeSet<>();

        /** A UID this view holds, chosen at random, or -1 when it knows none. */
        long knownUid(Random random) {
            List<Long> known = uids.stream().filter(uid -> uid > 0).toList();
            return known.isEmpty() ? -1 : known.get(random.nextInt(known.size()));
        }

        void apply(String command, String responses) {
            boolean mayExpunge = !command.startsWith("FETCH") && !command.startsWith("STORE") && !command.startsWith("SEARCH");
            for (String line : responses.split("\r\n")) {
                Matcher m;
                if ((m = EXISTS.matcher(line)).matches()) {
                    int count = Integer.parseInt(m.group(1));
                    assertTrue(count >= uids.size(), "EXISTS shrank: " + line);
                    while (uids.size() < count) {
                        uids.add(-1L);
                    }
                } else if ((m = EXPUNGE.matcher(line)).matches()) {
                    assertTrue(mayExpunge, "EXPUNGE during " + command);
                    int seq = Integer.parseInt(m.group(1));
                    assertTrue(seq >= 1 && seq <= uids.size(), "EXPUNGE of unknown " + line);
                    long uid = uids.remove(seq - 1);
                    if (uid > 0) {
                        expunged.add(uid);
                    }
                } else if ((m = FETCH_UID.matcher(line)).matches()) {
                    int seq = Integer.parseInt(m.group(1));
                    long uid = Long.parseLong(m.group(2));
                    assertTrue(seq >= 1 && seq <= uids.size(), "FETCH of unknown " + line);
                    long known = uids.get(seq - 1);
                    assertTrue(known == -1 || known == uid, "message " + seq + " was UID " + known + ", now " + line);
                    uids.set(seq - 1, uid);
                }
            }
            long previous = 0;
            for (long uid : uids) {
                if (uid > 0) {
                    assertTrue(uid > previous, "UIDs out of order: " + uids);
                    previous = uid;
                }
            }
        }
    }

    @Test
    void viewsStayConsistentWhileDeliveriesAndExpungesRace() throws Exception {
        MailDomain domain = new MailDomain("example.org", temp.resolve("example.org"), Set.of("alice"), null);
        Maildir alice = domain.maildirOf("alice").create();
        for (int i = 0; i < 10; i++) {
            alice.deliver(("Subject: before " + i + "\r\n\r\nx\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        try (LiveReactor live = new LiveReactor()) {
            MailSettings settings = new MailSettings("localhost", List.of(domain), Aliases.none(),
                    List.of(new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice@example.org", "secret")), null);
            MailService service = live.call(() -> new MailService(live.reactor, settings));
            ListeningPort listening = live.call(() -> live.reactor.listenTCP(0, service.imapFactory(), 50, "127.0.0.1"));
            int port = ((IPv4Address) listening.getHost()).port();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                // The sessions and the deliveries meet here before each session's final look.
                CountDownLatch settled = new CountDownLatch(4);
                List<Future<View>> sessions = new ArrayList<>();
                for (int c = 0; c < 3; c++) {
                    int seed = c;
                    sessions.add(pool.submit(() -> session(port, seed, settled)));
                }
                Future<?> deliveries = pool.submit(() -> {
                    for (int i = 0; i < 30; i++) {
                        alice.deliver(("Subject: during " + i + "\r\n\r\nx\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    settled.countDown();
                    return null;
                });
                deliveries.get(60, TimeUnit.SECONDS);
                List<View> views = new ArrayList<>();
                for (Future<View> session : sessions) {
                    views.add(session.get(120, TimeUnit.SECONDS));
                }
                // Every session ends with a view equal to the store, and the store holds all but the expunged.
                List<Long> stored = new MaildirFolder(alice).sync().stream().map(StoredMessage::uid).toList();
                Set<Long> expunged = new TreeSet<>();
                for (View view : views) {
                    expunged.addAll(view.expunged);
                }
                for (View view : views) {
                    assertEquals(stored, view.uids);
                }
                assertFalse(expunged.isEmpty(), "the sessions expunged nothing: the race was not run");
                assertEquals(40, stored.size() + expunged.size(), "stored " + stored + " expunged " + expunged);
                for (long uid : stored) {
                    assertFalse(expunged.contains(uid));
                }
            } finally {
                pool.shutdownNow();
                live.call(() -> listening.stopListening());
            }
        }
    }

    private static View session(int port, int seed, CountDownLatch settled) throws Exception {
        Random random = new Random(seed);
        View view = new View();
        try (ImapLineClient client = new ImapLineClient(port)) {
            client.command("l", "LOGIN alice@example.org secret");
            run(client, view, "SELECT INBOX");
            for (int i = 0; i < 40; i++) {
                int choice = random.nextInt(6);
                int size = view.uids.size();
                String command = switch (choice) {
                    case 0 -> "NOOP";
                    case 1 -> size == 0 ? "NOOP" : "FETCH 1:* (UID FLAGS)";
                    case 2 -> size == 0 ? "NOOP" : "STORE " + (1 + random.nextInt(size)) + " +FLAGS (\\Flagged)";
                    // Only messages whose UID this session knows are marked, so that each expunged UID is known to someone:
                    // the final count proves that nothing vanished without an EXPUNGE.
                    case 3 -> {
                        long uid = view.knownUid(random);
                        yield uid < 0 ? "NOOP" : "UID STORE " + uid + " +FLAGS.SILENT (\\Deleted)";
                    }
                    case 4 -> "EXPUNGE";
                    default -> "UID SEARCH ALL";
                };
                run(client, view, command);
            }
            // Once every session and the deliveries are done, one more look must show the store as it is.
            settled.countDown();
            assertTrue(settled.await(60, TimeUnit.SECONDS), "the others did not finish");
            run(client, view, "NOOP");
            run(client, view, "UID FETCH 1:* UID");
            client.command("z", "LOGOUT");
        }
        return view;
    }

    private static void run(ImapLineClient client, View view, String command) throws Exception {
        String responses = client.command("t", command);
        assertTrue(responses.contains("t OK ") || responses.contains("t NO [EXPUNGEISSUED]"), command + " -> " + responses);
        view.apply(command, responses);
    }
}
