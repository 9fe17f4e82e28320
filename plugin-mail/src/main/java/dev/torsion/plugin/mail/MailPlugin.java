package dev.torsion.plugin.mail;

import dev.torsion.app.RunnerPlugin;
import dev.torsion.app.service.MultiService;
import dev.torsion.app.service.ServerEndpoints;
import dev.torsion.app.service.Service;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.internet.Reactor;
import dev.torsion.mail.MailService;
import dev.torsion.mail.MailSettings;
import dev.torsion.mail.delivery.Aliases;
import dev.torsion.mail.delivery.MailDomain;
import dev.torsion.mail.relay.RelayNetworks;
import dev.torsion.netty.tls.PemFiles;
import dev.torsion.netty.tls.TlsContexts;
import dev.torsion.tls.TlsOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code torsion mail --smtp tcp:2525 --pop3 tcp:1110 --imap tcp:1143 --domain example.org=/var/mail/example.org
 * --user alice=secret}: Twisted's {@code twistd mail}. SMTP delivers into each domain's Maildirs,
 * POP3 and IMAP serve them, users log in through {@code --user} and {@code --auth} checkers; with
 * {@code --certificate} and {@code --private-key} both offer STARTTLS/STLS and take passwords only
 * under TLS; with {@code --relay DIR} mail for other domains from logged-in users and
 * {@code --relay-network} clients goes through a relay queue.
 */
public final class MailPlugin implements RunnerPlugin {
    private final MailOptions options = new MailOptions();

    @Override
    public String name() {
        return "mail";
    }

    @Override
    public String description() {
        return "A mail server: SMTP into Maildirs, POP3 and IMAP out of them, aliases, STARTTLS, AUTH, relaying with a queue (twistd mail).";
    }

    @Override
    public Object options() {
        return options;
    }

    @Override
    public Service makeService(Reactor reactor) throws IOException {
        Map<String, Path> domainDirs = domains();
        Map<String, Set<String>> usersByDomain = new LinkedHashMap<>();
        domainDirs.keySet().forEach(d -> usersByDomain.put(d, new HashSet<>()));
        InMemoryUsernamePasswordDatabaseDontUse userPasswords = new InMemoryUsernamePasswordDatabaseDontUse();
        for (String user : options.users) {
            addUser(user, domainDirs, usersByDomain, userPasswords);
        }
        List<MailDomain> domains = new ArrayList<>();
        for (Map.Entry<String, Path> domain : domainDirs.entrySet()) {
            domains.add(new MailDomain(domain.getKey(), domain.getValue(), usersByDomain.get(domain.getKey()), options.catchAll));
        }
        List<CredentialsChecker> checkers = new ArrayList<>(options.auth.checkers(reactor));
        if (!options.users.isEmpty()) {
            checkers.add(userPasswords);
        }
        MailSettings settings = new MailSettings(hostname(), domains,
                options.aliases == null ? Aliases.none() : Aliases.read(options.aliases), checkers, tls());
        if (options.relayQueue != null) {
            settings = settings.withRelay(options.relayQueue, RelayNetworks.parse(options.relayNetworks), options.smartHost);
        } else if (!options.relayNetworks.isEmpty() || options.smartHost != null) {
            throw new IllegalArgumentException("--relay-network and --smarthost need --relay DIR (the queue)");
        }
        MailService mail = new MailService(reactor, settings);
        MultiService service = new MultiService();
        service.setName("mail");
        if (mail.relay() != null) {
            new RelayService(mail.relay()).setServiceParent(service);
        }
        for (String endpoint : options.smtp.isEmpty() ? List.of("tcp:8025") : options.smtp) {
            ServerEndpoints.listen(reactor, endpoint, isTls(endpoint) ? mail.implicitTlsSmtpFactory() : mail.smtpFactory())
                    .setServiceParent(service);
        }
        for (String endpoint : options.pop3.isEmpty() ? List.of("tcp:8110") : options.pop3) {
            ServerEndpoints.listen(reactor, endpoint, isTls(endpoint) ? mail.implicitTlsPop3Factory() : mail.pop3Factory())
                    .setServiceParent(service);
        }
        // IMAP is served only when asked for: older command lines keep the ports they had.
        for (String endpoint : options.imap) {
            ServerEndpoints.listen(reactor, endpoint, isTls(endpoint) ? mail.implicitTlsImapFactory() : mail.imapFactory())
                    .setServiceParent(service);
        }
        return service;
    }

    private static boolean isTls(String endpoint) {
        return endpoint.startsWith("ssl:") || endpoint.startsWith("tls:");
    }

    private Map<String, Path> domains() {
        Map<String, Path> out = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(options.domains);
        all.addAll(options.maildirDbmDomains);
        for (String mapping : all) {
            int equals = mapping.indexOf('=');
            if (equals <= 0 || equals == mapping.length() - 1) {
                throw new IllegalArgumentException("--domain wants DOMAIN=DIR, got " + mapping);
            }
            String domain = mapping.substring(0, equals).toLowerCase(Locale.ROOT);
            if (out.put(domain, Path.of(mapping.substring(equals + 1))) != null) {
                throw new IllegalArgumentException("--domain " + domain + " given twice");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("at least one --domain DOMAIN=DIR is required");
        }
        return out;
    }

    /** {@code local=password} or {@code local@domain=password}; never echoes the password in errors. */
    private static void addUser(String spec, Map<String, Path> domains, Map<String, Set<String>> usersByDomain,
            InMemoryUsernamePasswordDatabaseDontUse passwords) {
        int equals = spec.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("--user wants USER=PASSWORD");
        }
        String name = spec.substring(0, equals).toLowerCase(Locale.ROOT);
        int at = name.lastIndexOf('@');
        String local = at < 0 ? name : name.substring(0, at);
        String domain;
        if (at >= 0) {
            domain = name.substring(at + 1);
            if (!domains.containsKey(domain)) {
                throw new IllegalArgumentException("--user " + name + ": " + domain + " is not a --domain");
            }
        } else if (domains.size() == 1) {
            domain = domains.keySet().iterator().next();
        } else {
            throw new IllegalArgumentException("--user " + name + ": say USER@DOMAIN when there are several domains");
        }
        if (!MailDomain.isSafeLocalPart(local)) {
            throw new IllegalArgumentException("--user " + name + ": not usable as a Maildir name");
        }
        usersByDomain.get(domain).add(local);
        String password = spec.substring(equals + 1);
        passwords.addUser(local + "@" + domain, password);
        if (domains.size() == 1) {
            passwords.addUser(local, password);
        }
    }

    private String hostname() throws IOException {
        return options.hostname != null ? options.hostname : InetAddress.getLocalHost().getCanonicalHostName();
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
