package dev.torsion.smtp.support;

import dev.torsion.defer.Deferred;
import dev.torsion.smtp.SmtpRejection;
import dev.torsion.smtp.codec.Mailbox;
import dev.torsion.smtp.server.Envelope;
import dev.torsion.smtp.server.MessageDelivery;
import dev.torsion.smtp.server.MessageReceiver;
import dev.torsion.smtp.server.SessionInfo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A delivery for tests: accepts recipients at example.org except {@code nobody}, refuses other
 * domains unless the session is authenticated (no open relay), and keeps every message it was
 * given, with whether it completed or was aborted.
 */
public final class RecordingDelivery implements MessageDelivery {
    /** One message as the receiver saw it. */
    public static final class Received {
        public final Envelope envelope;
        public final ByteArrayOutputStream content = new ByteArrayOutputStream();
        public boolean ended;
        public boolean aborted;

        Received(Envelope envelope) {
            this.envelope = envelope;
        }

        public String text() {
            return content.toString(StandardCharsets.UTF_8);
        }

        /** The content without the server's Received line. */
        public String body() {
            String text = text();
            int end = text.indexOf("\r\n", text.indexOf("; ")) + 2;
            return text.startsWith("Received: ") ? text.substring(end) : text;
        }
    }

    public final List<Received> messages = new ArrayList<>();
    /** Every message whose end() was called, for tests on other threads. */
    public final BlockingQueue<Received> ended = new LinkedBlockingQueue<>();
    /** When set, end() returns this Deferred instead of success. */
    public Deferred<Void> nextEnd;
    /** When set, validateTo returns this Deferred. */
    public Deferred<Void> nextValidateTo;

    @Override
    public Deferred<Void> validateFrom(SessionInfo session, Mailbox from) {
        if (from != null && from.localPart().equals("spammer")) {
            return Deferred.fail(new SmtpRejection(550, "5.7.1", "Sender refused"));
        }
        return Deferred.succeed(null);
    }

    @Override
    public Deferred<Void> validateTo(SessionInfo session, Mailbox from, Mailbox to) {
        if (nextValidateTo != null) {
            Deferred<Void> d = nextValidateTo;
            nextValidateTo = null;
            return d;
        }
        if (to.localPart().equals("nobody")) {
            return Deferred.fail(new SmtpRejection(550, "5.1.1", "No such user"));
        }
        if (to.localPart().equals("broken")) {
            return Deferred.fail(new IllegalStateException("database down"));
        }
        if (!to.domainLowerCase().equals("example.org") && !to.domain().isEmpty() && !session.isAuthenticated()) {
            return Deferred.fail(new SmtpRejection(554, "5.7.1", "Relay access denied"));
        }
        return Deferred.succeed(null);
    }

    @Override
    public MessageReceiver startMessage(Envelope envelope) {
        Received received = new Received(envelope);
        messages.add(received);
        return new MessageReceiver() {
            @Override
            public void write(byte[] content) {
                received.content.writeBytes(content);
            }

            @Override
            public Deferred<Void> end() {
                received.ended = true;
                ended.add(received);
                if (nextEnd != null) {
                    Deferred<Void> d = nextEnd;
                    nextEnd = null;
                    return d;
                }
                return Deferred.succeed(null);
            }

            @Override
            public void abort() {
                received.aborted = true;
            }
        };
    }

    /** The messages that completed. */
    public List<Received> completed() {
        return messages.stream().filter(m -> m.ended).toList();
    }
}
