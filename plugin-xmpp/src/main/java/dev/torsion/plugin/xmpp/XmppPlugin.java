package dev.torsion.plugin.xmpp;

import dev.torsion.app.RunnerPlugin;
import dev.torsion.app.service.MultiService;
import dev.torsion.app.service.ServerEndpoints;
import dev.torsion.app.service.Service;
import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.cred.checkers.ThreadedChecker;
import dev.torsion.internet.Reactor;
import dev.torsion.netty.tls.PemFiles;
import dev.torsion.netty.tls.TlsContexts;
import dev.torsion.tls.TlsOptions;
import dev.torsion.xmpp.Jid;
import dev.torsion.xmpp.XmppLimits;
import dev.torsion.xmpp.server.RegisteredAccounts;
import dev.torsion.xmpp.server.XmppRealm;
import dev.torsion.xmpp.server.XmppServer;
import dev.torsion.xmpp.server.XmppServerConfig;
import dev.torsion.xmpp.server.XmppServerFactory;
import dev.torsion.xmpp.server.offline.FileOfflineStore;
import dev.torsion.xmpp.server.roster.FileRosterStore;
import dev.torsion.xmpp.server.roster.MemoryRosterStore;
import dev.torsion.xmpp.server.roster.RosterStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code torsion xmpp --listen tcp:5222 --domain example.org --user alice=secret --certificate cert.pem
 * --private-key key.pem [--auth file:PATH] [--rosters DIR] [--offline DIR] [--register]}: an XMPP server for clients. With a
 * certificate, STARTTLS is required before SASL; without one the server runs in the clear and
 * offers only SCRAM (never PLAIN), with a warning.
 */
public final class XmppPlugin implements RunnerPlugin {
    private static final Logger log = LoggerFactory.getLogger(XmppPlugin.class);

    private final XmppOptions options = new XmppOptions();

    @Override
    public String name() {
        return "xmpp";
    }

    @Override
    public String description() {
        return "An XMPP server for clients: STARTTLS, SCRAM, rosters and presence, messages, offline messages, disco, ping.";
    }

    @Override
    public Object options() {
        return options;
    }

    @Override
    public Service makeService(Reactor reactor) throws IOException {
        String domain = options.domain.toLowerCase(Locale.ROOT);
        if (Jid.parse(domain) == null || domain.contains("@") || domain.contains("/")) {
            throw new IllegalArgumentException("--domain wants a domain name, got " + options.domain);
        }
        List<CredentialsChecker> checkers = new ArrayList<>(options.auth.checkers(reactor));
        RegisteredAccounts registered = null;
        if (options.register) {
            if (!checkers.isEmpty()) {
                // A portal has one checker per credential kind: registered accounts would hide --auth's.
                throw new IllegalArgumentException("--register keeps accounts in memory with --user ones: it cannot be used with --auth");
            }
            registered = new RegisteredAccounts();
            addUsers(registered);
            checkers.add(new ThreadedChecker(registered, reactor));
        } else if (!options.users.isEmpty()) {
            RegisteredAccounts users = new RegisteredAccounts();
            addUsers(users);
            checkers.add(new ThreadedChecker(users, reactor)); // SCRAM's key derivation is slow on purpose
        }
        if (checkers.isEmpty()) {
            throw new IllegalArgumentException("no accounts: give --user USER=PASSWORD, --auth or --register");
        }
        Portal portal = new Portal(new XmppRealm(), reactor, checkers.toArray(new CredentialsChecker[0]));
        TlsOptions tls = tls();
        if (tls == null) {
            log.warn("xmpp: no --certificate: clients log in without TLS (SCRAM only, no PLAIN)");
        }
        RosterStore rosters = options.rosters == null ? new MemoryRosterStore() : new FileRosterStore(options.rosters, reactor);
        XmppServerConfig config = new XmppServerConfig(domain, tls, tls != null, portal, XmppLimits.DEFAULTS, rosters,
                new SecureRandom(), Clock.systemUTC(), registered,
                options.offline == null ? null : new FileOfflineStore(options.offline, reactor, XmppLimits.DEFAULTS.maxOfflineMessages(),
                        XmppLimits.DEFAULTS));
        XmppServer server = new XmppServer(config, reactor);
        MultiService service = new MultiService();
        service.setName("xmpp");
        for (String endpoint : options.listen.isEmpty() ? List.of("tcp:5222") : options.listen) {
            ServerEndpoints.listen(reactor, endpoint, new XmppServerFactory(server)).setServiceParent(service);
        }
        return service;
    }

    /** Adds the {@code USER=PASSWORD} accounts; never echoes a password in errors. */
    private void addUsers(RegisteredAccounts users) {
        for (String spec : options.users) {
            int equals = spec.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--user wants USER=PASSWORD");
            }
            String user = spec.substring(0, equals).toLowerCase(Locale.ROOT);
            if (Jid.parse(user + "@" + options.domain) == null) {
                throw new IllegalArgumentException("--user " + user + ": not a valid JID local part");
            }
            if (!users.register(user, spec.substring(equals + 1).getBytes(StandardCharsets.UTF_8))) {
                throw new IllegalArgumentException("--user " + user + " given twice");
            }
        }
    }

    private TlsOptions tls() throws IOException {
        if ((options.certificate == null) != (options.privateKey == null)) {
            throw new IllegalArgumentException("--certificate and --private-key go together");
        }
        if (options.certificate == null) {
            return null;
        }
        return TlsOptions.server(TlsContexts.context(PemFiles.readPrivateKey(options.privateKey),
                PemFiles.readCertificates(options.certificate), List.of()));
    }
}
