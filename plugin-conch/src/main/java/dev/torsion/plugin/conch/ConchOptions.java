package dev.torsion.plugin.conch;

import dev.torsion.app.AuthOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code torsion conch}. */
@Command(description = "Runs an SSH server (proto-ssh): key exchange with post-quantum hybrids and X25519, "
        + "an ssh-ed25519 host key made on first start (RSA and ECDSA keys from ssh-keygen too), logins checked by --auth (sshkey for "
        + "authorized_keys, unix for system passwords, ...), exec of commands with --shell, and SFTP.")
final class ConchOptions {
    @Option(names = "--listen", paramLabel = "ENDPOINT",
            description = "Where to listen, as an endpoint string (tcp:2222, tcp:22:interface=127.0.0.1); "
                    + "several allowed. Default: tcp:2222.")
    List<String> listen = new ArrayList<>();

    @Option(names = "--host-key", paramLabel = "FILE", defaultValue = "ssh_host_ed25519_key",
            description = "An OpenSSH private key file (unencrypted, as ssh-keygen -N '' makes it): ed25519, RSA "
                    + "(offered as rsa-sha2-512 and rsa-sha2-256) or ECDSA; repeat it for one key of each kind. "
                    + "An absent file gets a new ed25519 key (mode 0600). Default: ${DEFAULT-VALUE}.")
    List<Path> hostKeys = new ArrayList<>();

    @Option(names = "--shell", paramLabel = "PROGRAM", defaultValue = "/bin/sh",
            description = "The shell that runs exec commands as PROGRAM -c COMMAND (default: ${DEFAULT-VALUE}).")
    String shell;

    @Option(names = "--sftp-root", paramLabel = "DIR",
            description = "The directory SFTP serves, confined (default: the home directory of the server's user).")
    Path sftpRoot;

    @Option(names = "--no-sftp", description = "Serve no SFTP subsystem.")
    boolean noSftp;

    @Option(names = "--keyboard-interactive",
            description = "Also offer keyboard-interactive logins (RFC 4256): one password prompt, checked by --auth "
                    + "as a password is.")
    boolean keyboardInteractive;

    @Mixin
    AuthOptions auth = new AuthOptions();

    /** The SFTP root, or null for none. */
    Path sftpRoot() {
        if (noSftp) {
            return null;
        }
        return sftpRoot != null ? sftpRoot : Path.of(System.getProperty("user.home"));
    }

    /** The endpoints to listen on. */
    List<String> endpoints() {
        return listen.isEmpty() ? List.of("tcp:2222") : List.copyOf(listen);
    }
}
