package dev.torsion.plugin.xmpp;

import dev.torsion.app.AuthOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code torsion xmpp}. */
@Command(description = "Serves XMPP clients (RFC 6120/6121) for one --domain: STARTTLS (required when --certificate is given), "
        + "SASL SCRAM-SHA-256/SCRAM-SHA-1 (for checkers that hold passwords: --user, memory:) and PLAIN over TLS (any --auth), "
        + "resource binding, rosters and subscriptions, presence, messages, offline messages, disco and ping.")
final class XmppOptions {
    @Option(names = {"--listen", "-l"}, paramLabel = "ENDPOINT",
            description = "Where client connections are taken (tcp:5222); several allowed. Default: tcp:5222.")
    List<String> listen = new ArrayList<>();

    @Option(names = {"--domain", "-d"}, paramLabel = "DOMAIN", required = true, description = "The domain served (the JIDs' domain).")
    String domain;

    @Option(names = {"--user", "-u"}, paramLabel = "USER=PASSWORD",
            description = "An account and its password; several allowed. Visible to other local users in ps: prefer --auth file:.")
    List<String> users = new ArrayList<>();

    @Mixin
    AuthOptions auth = new AuthOptions();

    @Option(names = "--register",
            description = "Let clients create accounts in-band (XEP-0077), kept in memory with the --user ones (not with --auth).")
    boolean register;

    @Option(names = {"--rosters", "-r"}, paramLabel = "DIR",
            description = "Keep rosters in files in DIR (one per account). Default: in memory, lost at exit.")
    Path rosters;

    @Option(names = "--offline", paramLabel = "DIR",
            description = "Keep offline messages (XEP-0160) in files in DIR (one per account). Default: in memory, lost at exit.")
    Path offline;

    @Option(names = {"--certificate", "-c"}, paramLabel = "PEM", description = "The certificate chain for STARTTLS.")
    Path certificate;

    @Option(names = {"--private-key", "-k"}, paramLabel = "PEM", description = "The private key for STARTTLS.")
    Path privateKey;
}
