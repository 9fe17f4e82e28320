package dev.torsion.mail.delivery;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Reactor;
import dev.torsion.mail.maildir.Maildir;
import dev.torsion.smtp.SmtpRejection;
import dev.torsion.smtp.codec.Mailbox;
import dev.torsion.smtp.server.Envelope;
import dev.torsion.smtp.server.MessageDelivery;
import dev.torsion.smtp.server.MessageReceiver;
import dev.torsion.smtp.server.SessionInfo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
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

    /** Delivers through {@code router}, doing file I/O on {@code reactor}'s thread pool. */
    public MaildirDelivery(Reactor reactor, Router router) {
        this.reactor = reactor;
        this.router = router;
    }

    @Override
    public Deferred<Void> validateTo(SessionInfo session, Mailbox from, Mailbox to) {
        if (!router.isLocal(to.domain())) {
            // Never an open relay: foreign domains are refused whoever asks (no relay queue yet).
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

    /** Gathers one message, then delivers it to every recipient's Maildir off the reactor thread. */
    private final class Receiver implements MessageReceiver {
        private final Envelope envelope;
        private final ByteArrayOutputStream content = new ByteArrayOutputStream();

        Receiver(Envelope envelope) {
            this.envelope = envelope;
            // RFC 5321 §4.4: the final delivery adds Return-Path with the reverse-path.
            content.writeBytes(("Return-Path: <" + (envelope.from() == null ? "" : envelope.from().toString()) + ">\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void write(byte[] data) {
            content.writeBytes(data);
        }

        @Override
        public Deferred<Void> end() {
            byte[] message = content.toByteArray();
            return reactor.deferToThread(() -> {
                Set<Maildir> targets = new LinkedHashSet<>();
                for (Mailbox recipient : envelope.recipients()) {
                    targets.addAll(router.resolve(recipient));
                }
                for (Maildir maildir : targets) {
                    String name = maildir.create().deliver(message);
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
