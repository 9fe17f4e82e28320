package dev.torsion.mail.relay;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.endpoints.ClientEndpoint;
import dev.torsion.smtp.SmtpReply;
import dev.torsion.smtp.client.MailExchangerResolver;
import dev.torsion.smtp.client.SendResult;
import dev.torsion.smtp.client.SmtpClientConfig;
import dev.torsion.smtp.client.SmtpClientException;
import dev.torsion.smtp.client.SmtpSender;
import dev.torsion.time.DelayedCall;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the {@link RelayQueue} to other domains' servers, as Twisted's relay manager: each due
 * message is sent, domain by domain, to the domain's mail exchangers in order; recipients a server
 * accepts are done, those it refuses for good (5xx) and those still failing after
 * {@link RelaySchedule#maxAge()} get an RFC 3464 bounce to the sender, and the rest are retried
 * with backoff. The queue outlives restarts.
 */
public final class RelayManager {
    private static final Logger log = LoggerFactory.getLogger(RelayManager.class);
    private static final Pattern ENHANCED = Pattern.compile("^([245]\\.\\d{1,3}\\.\\d{1,3})\\b");

    /** Where bounces go (a local Maildir, or the queue again for a remote sender). */
    @FunctionalInterface
    public interface BounceSink {
        /** Delivers {@code bounce} to {@code to}. */
        Deferred<Void> deliver(String to, byte[] bounce);
    }

    /** What became of each recipient in one attempt. */
    private static final class Outcome {
        final List<String> delivered = new ArrayList<>();
        final Map<String, String[]> permanent = new LinkedHashMap<>();
        final Map<String, String[]> transientFailures = new LinkedHashMap<>();
    }

    private final Reactor reactor;
    private final RelayQueue queue;
    private final MailExchangerResolver resolver;
    private final Function<String, ClientEndpoint> connector;
    private final SmtpClientConfig clientConfig;
    private final BounceSink bounces;
    private final String reportingMta;
    private final Clock wallClock;
    private final RelaySchedule schedule;
    private final Set<String> inFlight = new HashSet<>();
    private DelayedCall nextScan;
    private boolean running;

    /**
     * A manager for {@code queue}: MX hosts come from {@code resolver}, {@code connector} turns a
     * host name into an endpoint (port 25 in production, anything in tests), the client speaks with
     * {@code clientConfig}.
     */
    public RelayManager(Reactor reactor, RelayQueue queue, MailExchangerResolver resolver, Function<String, ClientEndpoint> connector,
            SmtpClientConfig clientConfig, BounceSink bounces, String reportingMta, Clock wallClock, RelaySchedule schedule) {
        this.reactor = reactor;
        this.queue = queue;
        this.resolver = resolver;
        this.connector = connector;
        this.clientConfig = clientConfig;
        this.bounces = bounces;
        this.reportingMta = reportingMta;
        this.wallClock = wallClock;
        this.schedule = schedule;
    }

    /** Starts scanning the queue now and every {@link RelaySchedule#scanInterval()}. */
    public void start() {
        running = true;
        scan();
    }

    /** Stops scanning (attempts under way finish). */
    public void stop() {
        running = false;
        if (nextScan != null && nextScan.active()) {
            nextScan.cancel();
        }
    }

    private void scan() {
        runOnce().addBoth((ignored, failure) -> {
            if (failure != null) {
                log.error("relay queue scan failed: {}", failure.getErrorMessage());
            }
            if (running) {
                nextScan = reactor.callLater(schedule.scanInterval(), this::scan);
            }
            return null;
        });
    }

    /** Queues a message and tries it at once. */
    public Deferred<QueuedMessage> enqueue(String from, List<String> recipients, byte[] message) {
        long now = wallClock.millis();
        return reactor.deferToThread(() -> queue.enqueue(from, recipients, message, now)).addCallback(entry -> {
            attempt(entry);
            return entry;
        });
    }

    /** Attempts every due entry once; fires when all those attempts ended. */
    public Deferred<Void> runOnce() {
        long now = wallClock.millis();
        return reactor.deferToThread(() -> queue.due(now)).addCallbackDeferred(due -> {
            Deferred<Void> all = Deferred.succeed(null);
            for (QueuedMessage entry : due) {
                all = all.addCallbackDeferred(ignored -> attempt(entry));
            }
            return all;
        });
    }

    private Deferred<Void> attempt(QueuedMessage entry) {
        if (!inFlight.add(entry.id())) {
            return Deferred.succeed(null);
        }
        Outcome outcome = new Outcome();
        return reactor.deferToThread(() -> queue.message(entry.id())).addCallbackDeferred(message -> {
            Deferred<Void> chain = Deferred.succeed(null);
            for (Map.Entry<String, List<String>> domain : byDomain(entry.recipients()).entrySet()) {
                chain = chain.addCallbackDeferred(ignored -> deliverDomain(domain.getKey(), domain.getValue(), entry.from(), message, outcome));
            }
            return chain.addCallbackDeferred(ignored -> finish(entry, message, outcome));
        }).addBoth((ignored, failure) -> {
            inFlight.remove(entry.id());
            if (failure != null) {
                log.error("relaying {} failed: {}", entry.id(), failure.getErrorMessage());
            }
            return null;
        });
    }

    private static Map<String, List<String>> byDomain(List<String> recipients) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String recipient : recipients) {
            String domain = recipient.substring(recipient.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            out.computeIfAbsent(domain, d -> new ArrayList<>()).add(recipient);
        }
        return out;
    }

    private Deferred<Void> deliverDomain(String domain, List<String> recipients, String from, byte[] message, Outcome outcome) {
        // A callback that returns a Deferred pauses the chain until it fires (Deferred's contract).
        return resolver.mailExchangers(domain).<Void>addCallbacksDeferred(
                hosts -> tryHosts(hosts, 0, recipients, from, message, outcome),
                failure -> {
                    if (failure.value() instanceof IllegalArgumentException) {
                        // No such domain, or a null MX (RFC 7505): no retry will help.
                        recipients.forEach(r -> outcome.permanent.put(r, new String[] {"5.1.2", failure.value().getMessage()}));
                    } else {
                        recipients.forEach(r -> outcome.transientFailures.put(r, new String[] {"4.4.3", "MX lookup failed"}));
                    }
                    return Deferred.succeed(null);
                });
    }

    private Deferred<Void> tryHosts(List<String> hosts, int index, List<String> recipients, String from, byte[] message, Outcome outcome) {
        if (index >= hosts.size()) {
            recipients.forEach(r -> outcome.transientFailures.put(r, new String[] {"4.4.1", "no mail exchanger answered"}));
            return Deferred.succeed(null);
        }
        String host = hosts.get(index);
        Deferred<SendResult> sent = SmtpSender.sendmail(reactor, connector.apply(host), clientConfig, from, recipients, message);
        return sent.<Void>addCallbacksDeferred(result -> {
            outcome.delivered.addAll(result.accepted());
            result.refused().forEach((r, reply) -> (reply.code() >= 500 ? outcome.permanent : outcome.transientFailures).put(r, status(reply)));
            log.info("relayed to {} via {}: {} accepted, {} refused", recipients, host, result.accepted().size(), result.refused().size());
            return Deferred.<Void>succeed(null);
        }, failure -> {
            if (failure.value() instanceof SmtpClientException error && error.reply() != null) {
                (error.reply().code() >= 500 ? outcome.permanent : outcome.transientFailures)
                        .putAll(everyone(recipients, status(error.reply())));
                return Deferred.<Void>succeed(null);
            }
            log.info("mail exchanger {} failed: {}; trying the next", host, failure.getErrorMessage());
            return tryHosts(hosts, index + 1, recipients, from, message, outcome);
        });
    }

    private static Map<String, String[]> everyone(List<String> recipients, String[] status) {
        Map<String, String[]> out = new LinkedHashMap<>();
        recipients.forEach(r -> out.put(r, status));
        return out;
    }

    /** The enhanced status in the reply's text (RFC 3463), else one made from its code. */
    private static String[] status(SmtpReply reply) {
        String text = String.join(" ", reply.lines());
        Matcher m = ENHANCED.matcher(text);
        String code = m.find() ? m.group(1) : (reply.code() / 100) + ".0.0";
        return new String[] {code, reply.code() + " " + text};
    }

    private Deferred<Void> finish(QueuedMessage entry, byte[] message, Outcome outcome) {
        long now = wallClock.millis();
        Map<String, String[]> failed = new LinkedHashMap<>(outcome.permanent);
        List<String> retry = new ArrayList<>(outcome.transientFailures.keySet());
        boolean expired = now - entry.queuedMillis() > schedule.maxAge().toMillis();
        if (expired) {
            // RFC 3463 4.4.7: the message stayed in the queue too long.
            outcome.transientFailures.forEach((r, s) -> failed.put(r, new String[] {"4.4.7", "delivery time expired: " + s[1]}));
            retry.clear();
        }
        Deferred<Void> bounced = failed.isEmpty() || entry.from().isEmpty()
                ? Deferred.succeed(null)
                : bounces.deliver(entry.from(), Bounce.create(reportingMta, entry, failed, message, now));
        return bounced.addCallbackDeferred(ignored -> reactor.deferToThread(() -> {
            if (retry.isEmpty()) {
                queue.remove(entry.id());
            } else {
                QueuedMessage next = entry.retry(retry, now + schedule.delayAfter(entry.attempts() + 1).toMillis());
                queue.update(next);
            }
            return null;
        }));
    }
}
