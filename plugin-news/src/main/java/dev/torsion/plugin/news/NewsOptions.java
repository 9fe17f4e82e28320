package dev.torsion.plugin.news;

import dev.torsion.app.AuthOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code torsion news}. */
@Command(description = "Serves the news spool in --spool DIR over NNTP (RFC 3977): reading, POST, IHAVE feeding. "
        + "With --auth, AUTHINFO USER/PASS logs users in (under STARTTLS when --certificate is given); "
        + "with --login-required nothing is read or posted before a login.")
final class NewsOptions {
    @Option(names = {"--listen", "-l"}, paramLabel = "ENDPOINT",
            description = "Where NNTP listens (tcp:1119:interface=127.0.0.1); several allowed. Default: tcp:1119.")
    List<String> listen = new ArrayList<>();

    @Option(names = "--spool", paramLabel = "DIR", required = true,
            description = "The news spool (active, history, overview/, articles/); created when missing.")
    Path spool;

    @Option(names = {"--group", "-g"}, paramLabel = "NAME[=DESCRIPTION]",
            description = "A newsgroup to create when missing; several allowed.")
    List<String> groups = new ArrayList<>();

    @Mixin
    AuthOptions auth = new AuthOptions();

    @Option(names = "--login-required", description = "Refuse reading, posting and feeding before AUTHINFO (480).")
    boolean loginRequired;

    @Option(names = "--plaintext-login",
            description = "Allow AUTHINFO USER/PASS without TLS (RFC 4643 advises not; default: only after STARTTLS).")
    boolean plaintextLogin;

    @Option(names = "--no-posting", description = "Refuse POST (440); the greeting says 201.")
    boolean noPosting;

    @Option(names = "--no-feeding", description = "Refuse IHAVE (502).")
    boolean noFeeding;

    @Option(names = {"--hostname", "-H"}, paramLabel = "NAME",
            description = "The name in the greeting and the Path of articles (default: this machine's name).")
    String hostname;

    @Option(names = {"--certificate", "-c"}, paramLabel = "PEM", description = "The certificate chain for STARTTLS.")
    Path certificate;

    @Option(names = {"--private-key", "-k"}, paramLabel = "PEM", description = "The private key for STARTTLS.")
    Path privateKey;
}
