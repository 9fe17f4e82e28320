package dev.torsion.plugin.xmpp;

import dev.torsion.app.RunnerPlugin;
import dev.torsion.app.service.MultiService;
import dev.torsion.app.service.ServerEndpoints;
import dev.torsion.app.service.Service;
import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.cred.checkers.ThreadedChecker;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.netty.tls.PemFiles;
import dev.torsion.netty.tls.TlsContexts;
import dev.torsion.tls.TlsOptions;
import dev.torsion.xmpp.Jid;
import dev.torsion.xmpp.XmppLimits;
import dev.torsion.xmpp.muc.MucLimits;
import dev.torsion.xmpp.muc.MucService;
import dev.torsion.xmpp.server.RegisteredAccounts;
import dev.torsion.xmpp.server.XmppRealm;
import dev.torsion.xmpp.server.XmppServer;
import dev.torsion.xmpp.server.XmppServerConfig;
import dev.torsion.xmpp.server.XmppServerFactory;
import dev.torsion.xmpp.server.component.ComponentServerFactory;
import dev.torsion.xmpp.server.offline.FileOfflineStore;
import dev.torsion.xmpp.server.roster.FileRosterStore;
import dev.torsion.xmpp.server.roster.MemoryRosterStore;
import dev.torsion.xmpp.server.roster.RosterStore;
import dev.torsion.xmpp.server.s2s.S2sManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code torsion xmpp --listen tcp:5222 --domain example.org --user alice=secret --certificate cert.pem
 * --private-key key.pem [--auth file:PATH] [--rosters DIR] [--offline DIR] [--register] [--component DOMAIN=SECRET
 * --component-listen tcp:5347] [--muc] [--s2s-listen tcp:5269 --s2s-peer DOMAIN=tcp:HOST:PORT]}: an XMPP server for
 * clients, external components, chat rooms and other servers (dialback). With a
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
        return "An XMPP server for clients: STARTTLS, SCRAM, rosters and presence, messages, offline messages, disco, ping, "
                + "external components and chat rooms.";
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
        Map<String, String> components = components(domain);
        if (!components.isEmpty()) {
            ComponentServerFactory factory = new ComponentServerFactory(server, components, reactor);
            for (String endpoint : options.componentListen.isEmpty() ? List.of("tcp:5347:interface=127.0.0.1") : options.componentListen) {
                ServerEndpoints.listen(reactor, endpoint, factory).setServiceParent(service);
            }
        } else if (!options.componentListen.isEmpty()) {
            throw new IllegalArgumentException("--component-listen needs at least one --component DOMAIN=SECRET");
        }
        if (options.muc) {
            String mucDomain = (options.mucDomain == null ? "conference." + domain : options.mucDomain).toLowerCase(Locale.ROOT);
            checkDomain(mucDomain, "--muc-domain");
            if (components.containsKey(mucDomain)) {
                throw new IllegalArgumentException("--muc-domain " + mucDomain + " is also a --component");
            }
            MucService.attach(server, mucDomain, new MucLimits(options.mucMaxRooms, options.mucMaxOccupants, options.mucHistory,
                    MucLimits.DEFAULTS.maxRoomsPerUser()));
            log.info("xmpp: chat rooms on {}", mucDomain);
        }
        federate(reactor, server, domain, service);
        return service;
    }

    /** Server-to-server streams with dialback, when --s2s-listen or --s2s-peer is given. */
    private void federate(Reactor reactor, XmppServer server, String domain, MultiService service) {
        if (options.s2sListen.isEmpty() && options.s2sPeers.isEmpty()) {
            return;
        }
        Map<String, String> peers = new LinkedHashMap<>();
        for (String spec : options.s2sPeers) {
            int equals = spec.indexOf('=');
            if (equals <= 0 || equals == spec.length() - 1) {
                throw new IllegalArgumentException("--s2s-peer wants DOMAIN=ENDPOINT");
            }
            String peer = spec.substring(0, equals).toLowerCase(Locale.ROOT);
            checkDomain(peer, "--s2s-peer");
            if (peer.equals(domain) || peers.put(peer, spec.substring(equals + 1)) != null) {
                throw new IllegalArgumentException("--s2s-peer " + peer + " is the server's domain or given twice");
            }
        }
        // XEP-0185 §3: a secret of this process only; keys are checked while their streams open.
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        S2sManager manager = new S2sManager(server, secret,
                remote -> peers.containsKey(remote) ? Endpoints.clientFromString(reactor, peers.get(remote)) : null, reactor).attach();
        for (String endpoint : options.s2sListen) {
            ServerEndpoints.listen(reactor, endpoint, manager.listener()).setServiceParent(service);
        }
        log.info("xmpp: server-to-server with dialback, {} known peers", peers.size());
    }

    /** The {@code DOMAIN=SECRET} components; never echoes a secret in errors. */
    private Map<String, String> components(String domain) {
        Map<String, String> components = new LinkedHashMap<>();
        for (String spec : options.components) {
            int equals = spec.indexOf('=');
            if (equals <= 0 || equals == spec.length() - 1) {
                throw new IllegalArgumentException("--component wants DOMAIN=SECRET");
            }
            String name = spec.substring(0, equals).toLowerCase(Locale.ROOT);
            checkDomain(name, "--component");
            if (name.equals(domain) || components.put(name, spec.substring(equals + 1)) != null) {
                throw new IllegalArgumentException("--component " + name + " is the server's domain or given twice");
            }
        }
        return components;
    }

    private static void checkDomain(String name, String option) {
        if (Jid.parse(name) == null || name.contains("@") || name.contains("/")) {
            throw new IllegalArgumentException(option + " wants a domain name, got " + name);
        }
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
