package dev.torsion.dns.client;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.codec.DnsFormatException;
import dev.torsion.dns.codec.Edns;
import dev.torsion.dns.codec.Message;
import dev.torsion.dns.codec.MessageCodec;
import dev.torsion.dns.codec.Presentation;
import dev.torsion.dns.codec.Question;
import dev.torsion.dns.codec.Rcode;
import dev.torsion.dns.codec.TcpFrameDecoder;
import dev.torsion.internet.Address;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.Connector;
import dev.torsion.internet.DatagramProtocol;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.IPv6Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.SocketType;
import dev.torsion.time.DelayedCall;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queries to a list of servers (Twisted's {@code client.Resolver} transport part): over UDP
 * from a fresh socket each time (a random source port chosen by the kernel) with a random ID; a
 * reply counts only when it comes from the server asked, carries the ID and the question asked
 * (RFC 5452 section 9.1), else it is ignored; a truncated reply is asked again over TCP (RFC 7766
 * section 5); no reply in time, SERVFAIL, REFUSED or NOTIMP moves on to the next server, for
 * the configured number of rounds, after which the lookup fails with the last error RCODE a server
 * gave, or {@link DnsLookupError#TIMEOUT} when none answered.
 */
public final class DnsClient {
    private static final Logger LOG = LoggerFactory.getLogger(DnsClient.class);

    private final Reactor reactor;
    private final List<NameServer> servers;
    private final DnsLimits limits;
    private final Random random;
    // RFC 7873 section 5.1: one client cookie per server, and the server cookie each last sent.
    private final Map<NameServer, byte[]> clientCookies = new HashMap<>();
    private final Map<NameServer, byte[]> serverCookies = new HashMap<>();

    /** A client of {@code servers}, with IDs from a {@link SecureRandom}. */
    public DnsClient(Reactor reactor, List<NameServer> servers, DnsLimits limits) {
        this(reactor, servers, limits, new SecureRandom());
    }

    /** A client with its own source of IDs (tests). */
    public DnsClient(Reactor reactor, List<NameServer> servers, DnsLimits limits, Random random) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no name servers");
        }
        this.reactor = reactor;
        this.servers = List.copyOf(servers);
        this.limits = limits;
        this.random = random;
    }

    /** The servers, in the order they are tried. */
    public List<NameServer> servers() {
        return servers;
    }

    /**
     * Asks {@code question} with RD set; the Deferred fires with the reply (any RCODE but the
     * server failures above), or fails with {@link DnsLookupError#TIMEOUT}.
     */
    public Deferred<Message> query(Question question) {
        return query(question, true);
    }

    /** As {@link #query(Question)}, with RD set or not (an iterative resolver asks authoritative servers without it). */
    public Deferred<Message> query(Question question, boolean recursionDesired) {
        Deferred<Message> result = new Deferred<>();
        new Attempt(question, recursionDesired, result).next(0);
        return result;
    }

    /** One query's walk over the servers. */
    private final class Attempt {
        private final Question question;
        private final boolean recursionDesired;
        private final Deferred<Message> result;
        private QueryState state = QueryState.UDP;
        // The last error RCODE a server gave, reported when every try fails.
        private int lastRcode = DnsLookupError.TIMEOUT;

        Attempt(Question question, boolean recursionDesired, Deferred<Message> result) {
            this.question = question;
            this.recursionDesired = recursionDesired;
            this.result = result;
        }

        void next(int tried) {
            if (tried >= servers.size() * limits.queryAttempts()) {
                state = QueryState.DONE;
                result.errback(new DnsLookupError(question, lastRcode));
                return;
            }
            NameServer server = servers.get(tried % servers.size());
            state = QueryState.UDP;
            Message query = Message.query(random.nextInt(0x10000), question, recursionDesired, ednsFor(server));
            sendUdp(server, query).addCallbacks(reply -> {
                handle(tried, server, query, reply);
                return null;
            }, failure -> {
                LOG.debug("{} from {}: {}", question, server, failure.getErrorMessage());
                next(tried + 1);
                return null;
            });
        }

        private void handle(int tried, NameServer server, Message query, Message reply) {
            if (reply.has(Message.TC) && state == QueryState.UDP) {
                state = QueryState.TCP;
                sendTcp(server, query).addCallbacks(whole -> {
                    handle(tried, server, query, whole);
                    return null;
                }, failure -> {
                    next(tried + 1);
                    return null;
                });
                return;
            }
            int rcode = reply.rcode();
            if (rcode == Rcode.SERVFAIL || rcode == Rcode.REFUSED || rcode == Rcode.NOTIMP || rcode == Rcode.FORMERR) {
                LOG.debug("{} from {}: {}", question, server, Rcode.toString(rcode));
                lastRcode = rcode;
                next(tried + 1);
                return;
            }
            state = QueryState.DONE;
            result.callback(reply);
        }
    }

    /** Our OPT for a query to {@code server}: our payload size and a COOKIE option (RFC 7873 section 5.1). */
    private Edns ednsFor(NameServer server) {
        byte[] client = clientCookies.computeIfAbsent(server, s -> {
            byte[] cookie = new byte[8];
            random.nextBytes(cookie);
            return cookie;
        });
        byte[] serverCookie = serverCookies.get(server);
        byte[] data = serverCookie == null ? client : concat(client, serverCookie);
        return new Edns(limits.udpPayloadSize(), 0, false, List.of(new Edns.Option(COOKIE, data)));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The COOKIE option code (RFC 7873 section 4). */
    private static final int COOKIE = 10;

    /**
     * Whether {@code reply} answers {@code query}: QR set, same ID, same question (RFC 5452 section
     * 9.1), and when it carries a COOKIE option, our client cookie in it (RFC 7873 section 5.3); the
     * server cookie it brings is kept for the next query to that server.
     */
    boolean answers(NameServer server, Message query, Message reply) {
        if (!reply.has(Message.QR) || reply.id() != query.id() || reply.questions().size() != 1
                || !reply.question().matches(query.question())) {
            return false;
        }
        byte[] cookie = reply.edns() == null ? null : reply.edns().options().stream()
                .filter(o -> o.code() == COOKIE).map(Edns.Option::data).findFirst().orElse(null);
        if (cookie == null) {
            return true;
        }
        byte[] ours = clientCookies.get(server);
        if (cookie.length < 16 || cookie.length > 40 || ours == null || !Arrays.equals(ours, Arrays.copyOf(cookie, 8))) {
            LOG.info("ignored a reply from {} with a COOKIE that is not ours", server);
            return false;
        }
        serverCookies.put(server, Arrays.copyOfRange(cookie, 8, cookie.length));
        return true;
    }

    /** Compares addresses by their octets, so "::1" and "0:0:0:0:0:0:0:1" are one host. */
    private static boolean sameHost(Address from, NameServer server) {
        String host;
        int port;
        if (from instanceof IPv4Address a) {
            host = a.host();
            port = a.port();
        } else if (from instanceof IPv6Address a) {
            host = a.host();
            port = a.port();
        } else {
            return false;
        }
        return port == server.port() && Arrays.equals(octets(host), octets(server.host()));
    }

    private static byte[] octets(String host) {
        try {
            String bare = host.contains("%") ? host.substring(0, host.indexOf('%')) : host;
            return Presentation.parseAddress(bare, bare.contains(":") ? 16 : 4);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private Deferred<Message> sendUdp(NameServer server, Message query) {
        Deferred<Message> reply = new Deferred<>();
        UdpExchange exchange = new UdpExchange(server, query, reply);
        // The query goes out from startProtocol, once the socket is bound.
        ListeningPort port = reactor.listenUDP(0, exchange, "", 65535);
        DelayedCall timeout = reactor.callLater(limits.queryTimeout(), () -> {
            if (!reply.isCalled()) {
                reply.errback(new DnsLookupError(query.question(), DnsLookupError.TIMEOUT));
            }
        });
        return reply.addFinally(() -> {
            if (timeout.active()) {
                timeout.cancel();
            }
            port.stopListening();
        });
    }

    /** One UDP socket waiting for the reply to one query. */
    private final class UdpExchange extends DatagramProtocol {
        private final NameServer server;
        private final Message query;
        private final Deferred<Message> reply;

        UdpExchange(NameServer server, Message query, Deferred<Message> reply) {
            this.server = server;
            this.query = query;
            this.reply = reply;
        }

        @Override
        public void startProtocol() {
            Address to = server.host().contains(":") ? new IPv6Address(SocketType.UDP, server.host(), server.port())
                    : new IPv4Address(SocketType.UDP, server.host(), server.port());
            transport().write(MessageCodec.encode(query), to);
        }

        @Override
        public void datagramReceived(byte[] datagram, Address from) {
            if (reply.isCalled()) {
                return;
            }
            if (!sameHost(from, server)) {
                LOG.info("ignored a datagram from {} while asking {}", from, server);
                return;
            }
            try {
                Message message = MessageCodec.decode(datagram, limits);
                if (answers(server, query, message)) {
                    reply.callback(message);
                } else {
                    LOG.info("ignored a reply from {} that does not match the query (ID or question)", from);
                }
            } catch (DnsFormatException e) {
                LOG.info("ignored a malformed reply from {}: {}", from, e.getMessage());
            }
        }
    }

    private Deferred<Message> sendTcp(NameServer server, Message query) {
        Deferred<Message> reply = new Deferred<>();
        TcpExchange exchange = new TcpExchange(server, query, reply);
        reactor.connectTCP(server.host(), server.port(), new ClientFactory() {
            @Override
            public Protocol buildProtocol(Address address) {
                return exchange;
            }

            @Override
            public void clientConnectionFailed(Connector connector, Failure reason) {
                if (!reply.isCalled()) {
                    reply.errback(reason);
                }
            }
        }, limits.queryTimeout(), null);
        DelayedCall timeout = reactor.callLater(limits.queryTimeout().multipliedBy(2), () -> {
            if (!reply.isCalled()) {
                reply.errback(new DnsLookupError(query.question(), DnsLookupError.TIMEOUT));
            }
        });
        return reply.addFinally(() -> {
            if (timeout.active()) {
                timeout.cancel();
            }
            exchange.close();
        });
    }

    /** One TCP connection carrying one query (RFC 7766 section 6.2.1 allows reuse; this client does not yet). */
    private final class TcpExchange extends Protocol {
        private final NameServer server;
        private final Message query;
        private final Deferred<Message> reply;
        private final TcpFrameDecoder decoder = new TcpFrameDecoder();

        TcpExchange(NameServer server, Message query, Deferred<Message> reply) {
            this.server = server;
            this.query = query;
            this.reply = reply;
        }

        @Override
        public void connectionMade() {
            transport().write(TcpFrameDecoder.frame(MessageCodec.encode(query)));
        }

        @Override
        public void dataReceived(byte[] data) {
            for (byte[] frame : decoder.feed(data)) {
                if (reply.isCalled()) {
                    return;
                }
                try {
                    Message message = MessageCodec.decode(frame, limits);
                    if (answers(server, query, message)) {
                        reply.callback(message);
                    }
                } catch (DnsFormatException e) {
                    reply.errback(e);
                }
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            if (!reply.isCalled()) {
                reply.errback(new DnsLookupError(query.question(), DnsLookupError.TIMEOUT));
            }
        }

        void close() {
            if (transport() != null) {
                transport().loseConnection();
            }
        }
    }
}
