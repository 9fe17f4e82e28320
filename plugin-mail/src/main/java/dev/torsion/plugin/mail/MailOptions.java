package dev.torsion.plugin.mail;

import dev.torsion.app.AuthOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code torsion mail}, those of {@code twistd mail} included. */
@Command(description = "Receives mail over SMTP for the --domain domains into Maildirs (DIR/USER/), "
        + "and serves it back over POP3 and, with --imap, IMAP. Users log in as USER@DOMAIN, or as USER when there is one domain. "
        + "Mail for other domains is refused unless --relay is given, and then taken only from logged-in users "
        + "and --relay-network clients: never an open relay.")
final class MailOptions {
    @Option(names = {"--smtp", "-s"}, paramLabel = "ENDPOINT",
            description = "Where SMTP listens (tcp:2525, ssl:465:... for implicit TLS); several allowed. Default: tcp:8025.")
    List<String> smtp = new ArrayList<>();

    @Option(names = {"--pop3", "-p"}, paramLabel = "ENDPOINT",
            description = "Where POP3 listens (tcp:1110, ssl:995:...); several allowed. Default: tcp:8110.")
    List<String> pop3 = new ArrayList<>();

    @Option(names = {"--imap", "-i"}, paramLabel = "ENDPOINT",
            description = "Where IMAP listens (tcp:1143, ssl:993:...); several allowed. Default: none (IMAP is off).")
    List<String> imap = new ArrayList<>();

    @Option(names = {"--domain", "-d"}, paramLabel = "DOMAIN=DIR",
            description = "A domain and the directory of its users' Maildirs; several allowed.")
    List<String> domains = new ArrayList<>();

    @Option(names = "--maildirdbmdomain", paramLabel = "DOMAIN=DIR",
            description = "As --domain (twistd mail's spelling; the dbm password file is not read: use --user or --auth).")
    List<String> maildirDbmDomains = new ArrayList<>();

    @Option(names = {"--user", "-u"}, paramLabel = "USER=PASSWORD",
            description = "A user and password (USER or USER@DOMAIN); several allowed. Visible to other local users in ps: prefer --auth file:.")
    List<String> users = new ArrayList<>();

    @Mixin
    AuthOptions auth = new AuthOptions();

    @Option(names = {"--hostname", "-H"}, paramLabel = "NAME",
            description = "The name in greetings and Received lines (default: this machine's name).")
    String hostname;

    @Option(names = "--aliases", paramLabel = "FILE", description = "An aliases file in the /etc/aliases format.")
    Path aliases;

    @Option(names = "--catch-all", paramLabel = "USER",
            description = "Deliver mail for unknown users of every domain to USER.")
    String catchAll;

    @Option(names = {"--relay", "-R"}, paramLabel = "DIR",
            description = "Relay mail for other domains through a queue in DIR (twistd mail's option): "
                    + "for logged-in users and --relay-network clients only; never an open relay.")
    Path relayQueue;

    @Option(names = "--relay-network", paramLabel = "CIDR",
            description = "A client network that may relay without logging in (127.0.0.0/8, ::1/128); several allowed.")
    List<String> relayNetworks = new ArrayList<>();

    @Option(names = "--smarthost", paramLabel = "ENDPOINT",
            description = "Relay everything through this server (tcp:HOST:PORT) instead of the domains' MX hosts.")
    String smartHost;

    @Option(names = {"--certificate", "-c"}, paramLabel = "PEM", description = "The certificate chain for STARTTLS (SMTP, IMAP) and STLS (POP3).")
    Path certificate;

    @Option(names = {"--private-key", "-k"}, paramLabel = "PEM", description = "The private key for STARTTLS and STLS.")
    Path privateKey;
}
