package dev.torsion.mail;

import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.defer.Deferred;
import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.client.DnsCache;
import dev.torsion.dns.client.DnsClient;
import dev.torsion.dns.client.NameServer;
import dev.torsion.dns.client.ResolvConf;
import dev.torsion.dns.client.Resolver;
import dev.torsion.imap.server.ImapServerConfig;
import dev.torsion.imap.server.ImapServerFactory;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.endpoints.ClientEndpoint;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.mail.access.MailRealm;
import dev.torsion.mail.delivery.MaildirDelivery;
import dev.torsion.mail.delivery.Router;
import dev.torsion.mail.relay.DnsMailExchangers;
import dev.torsion.mail.relay.RelayManager;
import dev.torsion.mail.relay.RelayQueue;
import dev.torsion.mail.relay.RelaySchedule;
import dev.torsion.pop3.server.Pop3ServerConfig;
import dev.torsion.pop3.server.Pop3ServerFactory;
import dev.torsion.smtp.client.MailExchangerResolver;
import dev.torsion.smtp.client.SmtpClientConfig;
import dev.torsion.smtp.client.SystemMailExchangerResolver;
import dev.torsion.smtp.client.TlsMode;
import dev.torsion.smtp.server.SmtpServerConfig;
import dev.torsion.smtp.server.SmtpServerFactory;
import dev.torsion.tls.TlsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail application, as Twisted's {@code twisted.mail} service: SMTP in, delivering into the
 * domains' Maildirs, and POP3 and IMAP out of them, all logging users in through one portal. Listen
 * with {@link #smtpFactory()}, {@link #pop3Factory()} and {@link #imapFactory()} on any endpoints.
 */
public final class MailService {
    private static final Logger log = LoggerFactory.getLogger(MailService.class);

    private final SmtpServerFactory smtp;
    private final Pop3ServerFactory pop3;
    private final SmtpServerFactory smtpImplicitTls;
    private final Pop3ServerFactory pop3ImplicitTls;
    private final ImapServerFactory imap;
    private final ImapServerFactory imapImplicitTls;
    private final RelayManager relay;

    /** Assembles the service for {@code settings} on {@code reactor}. */
    public MailService(Reactor reactor, MailSettings settings) throws IOException {
        Portal portal = new Portal(new MailRealm(reactor, settings.domains()), reactor,
                settings.checkers().toArray(new CredentialsChecker[0]));
        Router router = new Router(settings.domains(), settings.aliases());
        SmtpServerConfig smtpConfig = SmtpServerConfig.of(settings.hostname()).withAuth(portal, Object.class);
        Pop3ServerConfig pop3Config = Pop3ServerConfig.of(settings.hostname(), portal);
        ImapServerConfig imapConfig = ImapServerConfig.of(settings.hostname(), portal);
        if (settings.tls() != null) {
            smtpConfig = smtpConfig.withStartTls(settings.tls());
            pop3Config = pop3Config.withStartTls(settings.tls());
            imapConfig = imapConfig.withStartTls(settings.tls());
        } else {
            // Without a certificate there is no way to protect passwords; allow them rather than lock users out.
            log.warn("no TLS certificate: SMTP AUTH, POP3 and IMAP logins are accepted in plain text");
            smtpConfig = smtpConfig.allowingAuthWithoutTls();
            pop3Config = pop3Config.allowingPlaintextLogin();
            imapConfig = imapConfig.allowingPlaintextLogin();
        }
        MaildirDelivery[] local = new MaildirDelivery[1];
        relay = settings.relayQueue() == null ? null : relayManager(reactor, settings, (to, bounce) -> local[0].isLocal(to)
                ? local[0].deliverLocal(to, bounce)
                : relay().enqueue("", List.of(to), bounce).addCallback(entry -> null));
        MaildirDelivery delivery = new MaildirDelivery(reactor, router, relay, settings.relayNetworks());
        local[0] = delivery;
        smtp = new SmtpServerFactory(smtpConfig, delivery, reactor);
        pop3 = new Pop3ServerFactory(pop3Config, reactor);
        // RFC 8314: on ssl: listeners the session is TLS from its first byte.
        smtpImplicitTls = new SmtpServerFactory(smtpConfig.withImplicitTls(), delivery, reactor);
        pop3ImplicitTls = new Pop3ServerFactory(pop3Config.withImplicitTls(), reactor);
        imap = new ImapServerFactory(imapConfig, reactor);
        imapImplicitTls = new ImapServerFactory(imapConfig.withImplicitTls(), reactor);
    }

    private static RelayManager relayManager(Reactor reactor, MailSettings settings, RelayManager.BounceSink bounces) throws IOException {
        MailExchangerResolver resolver;
        Function<String, ClientEndpoint> connector;
        if (settings.smartHost() != null) {
            // Twisted's SmartHostSMTPRelayingManager: everything goes through one server.
            resolver = domain -> Deferred.succeed(List.of(settings.smartHost()));
            connector = endpoint -> Endpoints.clientFromString(reactor, endpoint);
        } else {
            resolver = mailExchangers(reactor);
            connector = host -> Endpoints.clientFromString(reactor, "tcp:" + host + ":25");
        }
        SmtpClientConfig client = SmtpClientConfig.of(settings.hostname())
                .withTls(TlsMode.OPPORTUNISTIC, TlsOptions.client(settings.hostname()).withoutHostnameVerification());
        return new RelayManager(reactor, new RelayQueue(settings.relayQueue()), resolver, connector, client, bounces,
                settings.hostname(), Clock.systemUTC(), RelaySchedule.DEFAULT);
    }

    /**
     * MX lookups through proto-dns's resolver on the servers of {@code /etc/resolv.conf} (with its
     * cache); the JDK's lookup on a thread when that file names none.
     */
    private static MailExchangerResolver mailExchangers(Reactor reactor) throws IOException {
        Path resolvConf = Path.of("/etc/resolv.conf");
        List<NameServer> servers = Files.exists(resolvConf) ? ResolvConf.load(resolvConf).servers() : List.of();
        if (servers.isEmpty()) {
            return new SystemMailExchangerResolver(reactor);
        }
        return new DnsMailExchangers(new Resolver(new DnsClient(reactor, servers, DnsLimits.DEFAULTS), null,
                new DnsCache(reactor, DnsLimits.DEFAULTS.maxCacheEntries(), DnsLimits.DEFAULTS.maxNegativeTtl())));
    }

    /** The relay manager (start it to work the queue), or null when this server does not relay. */
    public RelayManager relay() {
        return relay;
    }

    /** The SMTP server's factory. */
    public SmtpServerFactory smtpFactory() {
        return smtp;
    }

    /** The POP3 server's factory. */
    public Pop3ServerFactory pop3Factory() {
        return pop3;
    }

    /** The IMAP server's factory. */
    public ImapServerFactory imapFactory() {
        return imap;
    }

    /** The IMAP factory for a listener that is already TLS (imaps, RFC 8314). */
    public ImapServerFactory implicitTlsImapFactory() {
        return imapImplicitTls;
    }

    /** The SMTP factory for a listener that is already TLS (submissions, RFC 8314). */
    public SmtpServerFactory implicitTlsSmtpFactory() {
        return smtpImplicitTls;
    }

    /** The POP3 factory for a listener that is already TLS (pop3s, RFC 8314). */
    public Pop3ServerFactory implicitTlsPop3Factory() {
        return pop3ImplicitTls;
    }
}
