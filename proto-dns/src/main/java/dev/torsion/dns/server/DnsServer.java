package dev.torsion.dns.server;

import dev.torsion.defer.Deferred;
import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.codec.DnsFormatException;
import dev.torsion.dns.codec.Edns;
import dev.torsion.dns.codec.Message;
import dev.torsion.dns.codec.MessageCodec;
import dev.torsion.dns.codec.Opcode;
import dev.torsion.dns.codec.Question;
import dev.torsion.dns.codec.RRClass;
import dev.torsion.dns.codec.RRType;
import dev.torsion.dns.codec.Rcode;
import dev.torsion.dns.codec.ResourceRecord;
import dev.torsion.dns.zone.Zone;
import dev.torsion.internet.Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's logic, shared by its UDP and TCP protocols (Twisted's {@code DNSServerFactory}):
 * a received message in, an {@link Outcome} out. It asks the most specific {@link Authority}
 * that covers the name, or the upstream {@link Authority} when none does and the query asks
 * for recursion; it refuses what it cannot answer (RFC 8906 section 3.1.4).
 */
public final class DnsServer {
    private static final Logger LOG = LoggerFactory.getLogger(DnsServer.class);

    /** How a message came in: UDP replies are cut to the client's size, TCP ones are not. */
    public enum Transport {
        /** A datagram. */
        UDP,
        /** A TCP stream. */
        TCP
    }

    private final List<Authority> authorities;
    private final Authority upstream;
    private final DnsLimits limits;
    private final Predicate<Address> transferAllowed;
    private ResponseRateLimiter rateLimiter;
    private ServerCookies cookies;
    private Predicate<Address> recursionAllowed = peer -> true;
    private final List<SecondaryZone> secondaries = new ArrayList<>();

    /**
     * A server over {@code authorities}; {@code upstream} (or null) answers the rest for queries
     * with RD set; {@code transferAllowed} says which peers may AXFR.
     */
    public DnsServer(List<? extends Authority> authorities, Authority upstream, DnsLimits limits,
            Predicate<Address> transferAllowed) {
        this.authorities = List.copyOf(authorities);
        this.upstream = upstream;
        this.limits = limits;
        this.transferAllowed = transferAllowed;
    }

    /** Limits the rate of UDP responses per client network from now on (null: no limit). */
    public DnsServer setRateLimiter(ResponseRateLimiter limiter) {
        this.rateLimiter = limiter;
        return this;
    }

    /**
     * Which clients the upstream answers for (all by default); the others get REFUSED for names no
     * authority covers, so the server is no open resolver for the world (RFC 5358).
     */
    public DnsServer setRecursionAllowed(Predicate<Address> allowed) {
        this.recursionAllowed = allowed;
        return this;
    }

    /** Accepts NOTIFY (RFC 1996) for {@code secondary}'s zone from its primary; serve its authority too. */
    public DnsServer addSecondary(SecondaryZone secondary) {
        secondaries.add(secondary);
        return this;
    }

    /** Answers DNS cookies (RFC 7873) from now on (null: COOKIE options are ignored, as RFC 7873 section 5.2 allows). */
    public DnsServer setCookies(ServerCookies serverCookies) {
        this.cookies = serverCookies;
        return this;
    }

    /** The limits. */
    public DnsLimits limits() {
        return limits;
    }

    /** Handles one received message from {@code peer}. Never fails: errors become replies. */
    public Deferred<Outcome> handle(byte[] data, Transport transport, Address peer) {
        Deferred<Outcome> outcome = answer(data, transport, peer);
        if (rateLimiter == null || transport != Transport.UDP) {
            return outcome;
        }
        return outcome.addCallback(o -> limited(o, data, peer));
    }

    /** RRL: a reply without a token is dropped, or slipped out truncated. */
    private Outcome limited(Outcome outcome, byte[] query, Address peer) {
        if (outcome.replies().isEmpty()) {
            return outcome;
        }
        if (cookies != null && verified(query, peer)) {
            // A client that proved its address with our cookie is no reflection victim: not limited.
            return outcome;
        }
        return switch (rateLimiter.check(peer)) {
            case SEND -> outcome;
            case DROP -> Outcome.DROP;
            case SLIP -> slip(query);
        };
    }

    private boolean verified(byte[] data, Address peer) {
        try {
            return cookies.check(MessageCodec.decode(data, limits).edns(), peer) == ServerCookies.Check.VERIFIED;
        } catch (DnsFormatException e) {
            return false;
        }
    }

    /** A truncated reply with the question only: a real client retries over TCP (BIND's RRL slip). */
    private Outcome slip(byte[] data) {
        try {
            Message query = MessageCodec.decode(data, limits);
            Message tc = new Message(query.id(), flagsFor(query, false) | Message.TC, Rcode.NOERROR, query.questions(),
                    List.of(), List.of(), List.of(), null);
            return Outcome.reply(MessageCodec.encode(tc));
        } catch (DnsFormatException e) {
            return Outcome.DROP;
        }
    }

    private Deferred<Outcome> answer(byte[] data, Transport transport, Address peer) {
        Message query;
        try {
            query = MessageCodec.decode(data, limits);
        } catch (DnsFormatException e) {
            return Deferred.succeed(formatError(e, transport, peer));
        }
        if (query.has(Message.QR)) {
            // A response sent to a server is dropped: answering could start a loop (RFC 1035 section 7.3).
            LOG.debug("dropped a response from {}", peer);
            return Deferred.succeed(Outcome.DROP);
        }
        if (query.opcode() == Opcode.NOTIFY) {
            return Deferred.succeed(notify(query, transport, peer));
        }
        if (query.opcode() != Opcode.QUERY) {
            return Deferred.succeed(reply(query, Rcode.NOTIMP, transport, peer));
        }
        if (query.edns() != null && query.edns().version() > 0) {
            // RFC 6891 section 6.1.3: an unknown EDNS version earns BADVERS with our OPT.
            return Deferred.succeed(reply(query, Rcode.BADVERS, transport, peer));
        }
        if (cookies != null && cookies.check(query.edns(), peer) == ServerCookies.Check.MALFORMED) {
            // RFC 7873 section 5.2.2: a COOKIE option of a bad length is FORMERR.
            return Deferred.succeed(reply(query, Rcode.FORMERR, transport, peer));
        }
        if (query.questions().size() != 1) {
            return Deferred.succeed(reply(query, Rcode.FORMERR, transport, peer));
        }
        Question question = query.question();
        if (question.qclass() != RRClass.IN && question.qclass() != RRClass.ANY) {
            return Deferred.succeed(reply(query, Rcode.REFUSED, transport, peer));
        }
        if (question.type() == RRType.AXFR || question.type() == RRType.IXFR) {
            return Deferred.succeed(transfer(query, transport, peer));
        }
        Authority authority = authorityFor(question);
        if (authority == null) {
            if (upstream == null || !query.has(Message.RD) || !recursionAllowed.test(peer)) {
                return Deferred.succeed(reply(query, Rcode.REFUSED, transport, peer));
            }
            authority = upstream;
        }
        Authority chosen = authority;
        Deferred<Outcome> outcome = new Deferred<>();
        Deferred.maybeDeferredDeferred(() -> chosen.query(question)).addCallbacks(answer -> {
            outcome.callback(Outcome.reply(encode(query, (Answer) answer, transport, peer)));
            return null;
        }, failure -> {
            LOG.warn("lookup of {} failed: {}", question, failure.getErrorMessage());
            outcome.callback(reply(query, Rcode.SERVFAIL, transport, peer));
            return null;
        });
        return outcome;
    }

    private Authority authorityFor(Question question) {
        return authorities.stream()
                .filter(a -> a.covers(question.name()))
                .max(Comparator.comparingInt(a -> a.specificity(question.name())))
                .orElse(null);
    }

    private Outcome formatError(DnsFormatException e, Transport transport, Address peer) {
        if (!e.headerReadable()) {
            // No header, no ID to answer to (RFC 1035 section 4.1.1): dropped; over TCP the stream is suspect.
            LOG.info("dropped a {} message from {}: {}", transport, peer, e.getMessage());
            return transport == Transport.TCP ? Outcome.DROP_AND_CLOSE : Outcome.DROP;
        }
        if ((e.flags() & Message.QR) != 0) {
            LOG.info("dropped a malformed response from {}: {}", peer, e.getMessage());
            return Outcome.DROP;
        }
        LOG.info("FORMERR to {}: {}", peer, e.getMessage());
        // The reply carries the ID, opcode and RD of the query, no sections (RFC 1035 section 4.1.1).
        int flags = Message.QR | (e.flags() & 0x7800) | (e.flags() & Message.RD);
        Message reply = new Message(e.id(), flags, Rcode.FORMERR, List.of(), List.of(), List.of(), List.of(), null);
        return Outcome.reply(MessageCodec.encode(reply));
    }

    private Outcome reply(Message query, int rcode, Transport transport, Address peer) {
        Answer answer = new Answer(rcode, false, List.of(), List.of(), List.of());
        return Outcome.reply(encode(query, answer, transport, peer));
    }

    private int flagsFor(Message query, boolean authoritative) {
        int flags = Message.QR | (query.flags() & 0x7800) | (query.flags() & (Message.RD | Message.CD));
        if (authoritative) {
            flags |= Message.AA;
        }
        if (upstream != null) {
            // RA says recursion is available to this client at all (RFC 1035 section 4.1.1); per client would need the peer here.
            flags |= Message.RA;
        }
        return flags;
    }

    /** The reply message, cut to the client's UDP size (RFC 6891 section 6.2.3) or 512 without EDNS (RFC 1035 section 4.2.1). */
    private byte[] encode(Message query, Answer answer, Transport transport, Address peer) {
        Edns edns = replyEdns(query, peer);
        Message reply = new Message(query.id(), flagsFor(query, answer.authoritative()), answer.rcode(),
                query.questions(), answer.answers(), answer.authority(), answer.additional(), edns);
        int maxSize = 65535;
        if (transport == Transport.UDP) {
            maxSize = query.edns() == null ? 512
                    : Math.min(query.edns().effectivePayloadSize(), limits.udpPayloadSize());
        }
        return MessageCodec.encode(reply, maxSize);
    }

    /** Our OPT for a reply to a query with EDNS: our payload size, and the cookie when the query had one. */
    private Edns replyEdns(Message query, Address peer) {
        if (query.edns() == null) {
            return null;
        }
        List<Edns.Option> options = cookies != null && ServerCookies.option(query.edns()) != null
                && cookies.check(query.edns(), peer) != ServerCookies.Check.MALFORMED
                ? List.of(cookies.replyOption(query.edns(), peer)) : List.of();
        return new Edns(limits.udpPayloadSize(), 0, false, options);
    }

    /**
     * RFC 1996 section 3.7: a NOTIFY for a zone we are secondary for, from its primary, is answered
     * (AA set) and starts a refresh at once; from anyone else it is refused (section 3.10).
     */
    private Outcome notify(Message query, Transport transport, Address peer) {
        Question question = query.question();
        if (query.questions().size() != 1 || question.type() != RRType.SOA) {
            return reply(query, Rcode.FORMERR, transport, peer);
        }
        for (SecondaryZone secondary : secondaries) {
            if (secondary.authority().origin().equals(question.name())) {
                if (!secondary.isPrimary(peer)) {
                    LOG.info("NOTIFY for {} refused from {}: not its primary", question.name(), peer);
                    return reply(query, Rcode.REFUSED, transport, peer);
                }
                LOG.info("NOTIFY for {} from {}: refreshing", question.name(), peer);
                secondary.refresh();
                return Outcome.reply(encode(query, new Answer(Rcode.NOERROR, true, List.of(), List.of(), List.of()),
                        transport, peer));
            }
        }
        return reply(query, Rcode.NOTAUTH, transport, peer);
    }

    /**
     * AXFR (RFC 5936): TCP only, from allowed peers, of a zone this server is authoritative for; SOA
     * first and last. An IXFR over TCP gets the same whole zone, as RFC 1995 section 4 allows a
     * server that keeps no history.
     */
    private Outcome transfer(Message query, Transport transport, Address peer) {
        Question question = query.question();
        if (question.type() == RRType.IXFR && transport != Transport.TCP) {
            return ixfrOverUdp(query, transport, peer);
        }
        if (transport != Transport.TCP) {
            // RFC 5936 section 4.2: AXFR goes over TCP.
            return reply(query, Rcode.FORMERR, transport, peer);
        }
        ZoneAuthority zone = authorities.stream()
                .filter(a -> a instanceof ZoneAuthority z && z.origin().equals(question.name()))
                .map(a -> (ZoneAuthority) a).findFirst().orElse(null);
        if (zone == null || zone.zone() == null) {
            return reply(query, Rcode.NOTAUTH, transport, peer);
        }
        if (!transferAllowed.test(peer)) {
            LOG.info("AXFR of {} refused to {}", question.name(), peer);
            return reply(query, Rcode.REFUSED, transport, peer);
        }
        Zone snapshot = zone.zone();
        List<ResourceRecord> records = new ArrayList<>(snapshot.records());
        records.add(snapshot.soa());
        return new Outcome(transferMessages(query, records, peer), false);
    }

    /** RFC 1995 section 2: an IXFR over UDP is answered with the current SOA alone (the client then asks over TCP). */
    private Outcome ixfrOverUdp(Message query, Transport transport, Address peer) {
        ZoneAuthority zone = authorities.stream()
                .filter(a -> a instanceof ZoneAuthority z && z.origin().equals(query.question().name()))
                .map(a -> (ZoneAuthority) a).findFirst().orElse(null);
        if (zone == null || zone.zone() == null) {
            return reply(query, Rcode.NOTAUTH, transport, peer);
        }
        if (!transferAllowed.test(peer)) {
            return reply(query, Rcode.REFUSED, transport, peer);
        }
        return Outcome.reply(encode(query, new Answer(Rcode.NOERROR, true, List.of(zone.zone().soa()), List.of(), List.of()),
                transport, peer));
    }

    private List<byte[]> transferMessages(Message query, List<ResourceRecord> records, Address peer) {
        List<byte[]> out = new ArrayList<>();
        int budget = limits.maxAxfrMessageSize() - 512;
        List<ResourceRecord> batch = new ArrayList<>();
        int size = 0;
        for (ResourceRecord record : records) {
            int recordSize = record.name().wireLength() + 10 + record.data().canonicalWire().length;
            if (!batch.isEmpty() && size + recordSize > budget) {
                out.add(transferMessage(query, batch, out.isEmpty(), peer));
                batch.clear();
                size = 0;
            }
            batch.add(record);
            size += recordSize;
        }
        out.add(transferMessage(query, batch, out.isEmpty(), peer));
        return out;
    }

    /** RFC 5936 section 2.2: the question in the first message only, AA set in each. */
    private byte[] transferMessage(Message query, List<ResourceRecord> batch, boolean first, Address peer) {
        Edns edns = replyEdns(query, peer);
        Message message = new Message(query.id(), flagsFor(query, true), Rcode.NOERROR,
                first ? query.questions() : List.of(), batch, List.of(), List.of(), edns);
        return MessageCodec.encode(message);
    }
}
