package dev.torsion.mail.delivery;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.IPv6Address;
import dev.torsion.internet.Reactor;
import dev.torsion.mail.maildir.Maildir;
import dev.torsion.mail.relay.RelayManager;
import dev.torsion.mail.relay.RelayNetworks;
import dev.torsion.smtp.SmtpRejection;
import dev.torsion.smtp.codec.Mailbox;
import dev.torsion.smtp.server.Envelope;
import dev.torsion.smtp.server.MessageDelivery;
import dev.torsion.smtp.server.MessageReceiver;
import dev.torsion.smtp.server.SessionInfo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMTP into Maildirs: recipients are checked through the {@link Router} on the reactor's thread
 * pool, and each message is written, flushed and linked into every recipient's {@code new/} there
 * too, before its Deferred fires: a message answered with 250 is on disk.
 */
public final class MaildirDelivery implements MessageDelivery {
    private static final Logger log = LoggerFactory.getLogger(MaildirDelivery.class);

    private final Reactor reactor;
    private final Router router;
    private final RelayManager relay;
    private final RelayNetworks relayNetworks;

    /** Delivers through {@code router}, doing file I/O on {@code reactor}'s thread pool; never relays. */
    public MaildirDelivery(Reactor reactor, Router router) {
        this(reactor, router, null, RelayNetworks.none());
    }

    /**
     * Also relays mail for other domains through {@code relay}, for authenticated users and clients
     * in {@code relayNetworks} only.
     */
    public MaildirDelivery(Reactor reactor, Router router, RelayManager relay, RelayNetworks relayNetworks) {
        this.reactor = reactor;
        this.router = router;
        this.relay = relay;
        this.relayNetworks = relayNetworks;
    }

    /** Never an open relay: only logged-in users and listed networks, and only with a relay queue. */
    private boolean mayRelay(SessionInfo session) {
        if (relay == null) {
            return false;
        }
        String host = session.peer() instanceof IPv4Address v4 ? v4.host()
                : session.peer() instanceof IPv6Address v6 ? v6.host() : "";
        return session.isAuthenticated() || relayNetworks.contains(host);
    }

    @Override
    public Deferred<Void> validateTo(SessionInfo session, Mailbox from, Mailbox to) {
        if (!router.isLocal(to.domain())) {
            if (mayRelay(session)) {
                return Deferred.succeed(null);
            }
            return Deferred.fail(session.isAuthenticated()
                    ? new SmtpRejection(550, "5.7.1", "Relaying is not available on this server")
                    : new SmtpRejection(554, "5.7.1", "Relay access denied"));
        }
        return reactor.deferToThread(() -> {
            router.resolve(to);
            return null;
        });
    }

    @Override
    public MessageReceiver startMessage(Envelope envelope) {
        return new Receiver(envelope);
    }

    /** RFC 5321 §4.4: the final delivery adds Return-Path with the reverse-path. */
    static byte[] withReturnPath(String from, byte[] message) {
        byte[] line = ("Return-Path: <" + from + ">\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[line.length + message.length];
        System.arraycopy(line, 0, out, 0, line.length);
        System.arraycopy(message, 0, out, line.length, message.length);
        return out;
    }

    /** Delivers a bounce (or any message) to local {@code to} from the null sender. */
    public Deferred<Void> deliverLocal(String to, byte[] message) {
        int at = to.lastIndexOf('@');
        Mailbox mailbox = new Mailbox(at < 0 ? to : to.substring(0, at), at < 0 ? "" : to.substring(at + 1));
        return reactor.deferToThread(() -> {
            for (Maildir maildir : router.resolve(mailbox)) {
                maildir.create().deliver(withReturnPath("", message));
            }
            return null;
        });
    }

    /** Whether {@code address} is delivered here. */
    public boolean isLocal(String address) {
        return router.isLocal(address.substring(address.lastIndexOf('@') + 1));
    }

    /** Gathers one message, then delivers it to every recipient's Maildir off the reactor thread. */
    private final class Receiver implements MessageReceiver {
        private final Envelope envelope;
        private final ByteArrayOutputStream content = new ByteArrayOutputStream();

        Receiver(Envelope envelope) {
            this.envelope = envelope;
        }

        @Override
        public void write(byte[] data) {
            content.writeBytes(data);
        }

        @Override
        public Deferred<Void> end() {
            byte[] message = content.toByteArray();
            String from = envelope.from() == null ? "" : envelope.from().toString();
            List<Mailbox> local = new ArrayList<>();
            List<String> remote = new ArrayList<>();
            for (Mailbox recipient : envelope.recipients()) {
                if (router.isLocal(recipient.domain())) {
                    local.add(recipient);
                } else {
                    remote.add(recipient.toString());
                }
            }
            Deferred<Void> delivered = local.isEmpty() ? Deferred.succeed(null) : deliverLocally(from, local, message);
            if (remote.isEmpty()) {
                return delivered;
            }
            // Queued (on disk) before the 250: the relay queue owns the message from then on.
            return delivered.addCallbackDeferred(ignored -> relay.enqueue(from, remote, message).addCallback(entry -> null));
        }

        private Deferred<Void> deliverLocally(String from, List<Mailbox> recipients, byte[] message) {
            return reactor.deferToThread(() -> {
                Set<Maildir> targets = new LinkedHashSet<>();
                for (Mailbox recipient : recipients) {
                    targets.addAll(router.resolve(recipient));
                }
                byte[] stored = withReturnPath(from, message);
                for (Maildir maildir : targets) {
                    String name = maildir.create().deliver(stored);
                    log.info("message {} delivered to {} as {}", envelope.id(), maildir.root(), name);
                }
                return null;
            });
        }

        @Override
        public void abort() {
            content.reset();
        }
    }
}
