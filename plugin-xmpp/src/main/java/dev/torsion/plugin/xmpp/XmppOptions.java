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
        + "resource binding, rosters and subscriptions, presence, messages, offline messages, disco and ping; "
        + "external components (XEP-0114, --component), multi-user chat rooms (XEP-0045, --muc) and server-to-server "
        + "federation by dialback (XEP-0220, --s2s-listen, --s2s-peer).")
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

    @Option(names = "--component", paramLabel = "DOMAIN=SECRET",
            description = "Accept an external component (XEP-0114) for DOMAIN with this shared secret on --component-listen; "
                    + "several allowed. Visible in ps: keep the listener on loopback.")
    List<String> components = new ArrayList<>();

    @Option(names = "--component-listen", paramLabel = "ENDPOINT",
            description = "Where components connect (several allowed). Default with --component: tcp:5347:interface=127.0.0.1.")
    List<String> componentListen = new ArrayList<>();

    @Option(names = "--muc", description = "Serve multi-user chat rooms (XEP-0045) on --muc-domain.")
    boolean muc;

    @Option(names = "--muc-domain", paramLabel = "DOMAIN", description = "The chat service's domain. Default: conference.<--domain>.")
    String mucDomain;

    @Option(names = "--muc-history", paramLabel = "N", defaultValue = "20",
            description = "Groupchat messages kept per room and sent to joiners. Default: ${DEFAULT-VALUE}.")
    int mucHistory;

    @Option(names = "--muc-max-rooms", paramLabel = "N", defaultValue = "1000",
            description = "Rooms that may exist at once. Default: ${DEFAULT-VALUE}.")
    int mucMaxRooms;

    @Option(names = "--muc-max-occupants", paramLabel = "N", defaultValue = "200",
            description = "Occupants per room. Default: ${DEFAULT-VALUE}.")
    int mucMaxOccupants;

    @Option(names = "--s2s-listen", paramLabel = "ENDPOINT",
            description = "Take server-to-server streams (dialback, XEP-0220) here, e.g. tcp:5269; several allowed.")
    List<String> s2sListen = new ArrayList<>();

    @Option(names = "--s2s-peer", paramLabel = "DOMAIN=ENDPOINT",
            description = "Where the server of DOMAIN takes server-to-server streams (tcp:HOST:PORT); several allowed. "
                    + "There is no DNS SRV lookup: only domains given here are reached.")
    List<String> s2sPeers = new ArrayList<>();
}
