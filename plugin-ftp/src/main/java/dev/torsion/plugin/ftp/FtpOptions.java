package dev.torsion.plugin.ftp;

import dev.torsion.app.AuthOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code torsion ftp}, those of {@code twistd ftp} included. */
@Command(description = "Serves --root over FTP (RFC 959 with EPSV, MLSD, REST, UTF8) and explicit FTPS (AUTH TLS) "
        + "when a certificate is given. Users log in through --auth checkers (and --password-file); "
        + "with --anonymous, USER anonymous or ftp reads the root without a password and writes nothing.")
final class FtpOptions {
    @Option(names = {"--listen", "-l"}, paramLabel = "ENDPOINT", description = "Where to listen (tcp:2121); several allowed. Default: tcp:2121.")
    List<String> listen = new ArrayList<>();

    @Option(names = {"--port", "-p"}, paramLabel = "PORT", description = "As --listen tcp:PORT (twistd ftp's option).")
    Integer port;

    @Option(names = {"--root", "-r"}, paramLabel = "DIR", required = true, description = "The directory served.")
    Path root;

    @Option(names = "--home", paramLabel = "DIR",
            description = "Give each named user DIR/USER as root instead of --root (the directory must exist).")
    Path home;

    @Option(names = "--anonymous", description = "Let USER anonymous (or ftp) in, read-only, with any password.")
    boolean anonymous;

    @Option(names = "--userAnonymous", paramLabel = "NAME",
            description = "twistd ftp's option: allows anonymous logins (as --anonymous); the names are anonymous and ftp.")
    String userAnonymous;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "twistd ftp's option: a file of user:password lines in clear text (prefer --auth file:).")
    Path passwordFile;

    @Mixin
    AuthOptions auth = new AuthOptions();

    @Option(names = "--passive-ports", paramLabel = "FIRST-LAST", description = "The ports passive data connections use (default: any).")
    String passivePorts;

    @Option(names = "--passive-address", paramLabel = "IPV4",
            description = "The address PASV announces (behind NAT); default: the control connection's own.")
    String passiveAddress;

    @Option(names = {"--certificate", "-c"}, paramLabel = "PEM", description = "The certificate chain for AUTH TLS.")
    Path certificate;

    @Option(names = {"--private-key", "-k"}, paramLabel = "PEM", description = "The private key for AUTH TLS.")
    Path privateKey;

    @Option(names = "--require-tls", description = "Refuse named users' logins and data before AUTH TLS and PROT P.")
    boolean requireTls;

    @Option(names = "--require-tls-reuse",
            description = "Refuse (522) a protected data connection that does not resume the control connection's TLS "
                    + "session, as vsftpd's require_ssl_reuse (both connections then speak TLS 1.2). Off by default: "
                    + "Python's ftplib does not resume; curl and lftp do.")
    boolean requireTlsReuse;
}
